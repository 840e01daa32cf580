import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { DiscoveryReporter } from '@sirsi-nexus/plugin-migration-node';
import { collectInventory } from './collectInventory';
import type { InventoryDocumentEnvironment } from './formats/inventoryDocument';
import type { InventoryFormat } from './formats/types';
import { ResourceCompleter } from './resourceCompleter';
import { rowContext } from './rowContext';
import { MERGED_SOURCES, SourceMerger, lastMergedFile } from './mergeSources';
import {
  closeServerFiles,
  serverResources,
  type ServerFile,
} from './serverFiles';
import type { InventorySource } from './sources';

/**
 * Options of {@link readInventory}.
 *
 * @public
 */
export interface ReadInventoryOptions {
  environmentId: string;
  /** Default region of resources that do not name one. */
  region?: string;
  signal?: AbortSignal;
  reporter?: DiscoveryReporter;
  /** Called with the `environment` block of an inventory document, when one has it. */
  onEnvironment?(environment: InventoryDocumentEnvironment): void;
  /**
   * Lets the first inventory document's `environment.id` replace `environmentId` (for files
   * registered as catalog locations, which no configured environment names).
   */
  environmentFromDocument?: boolean;
}

/**
 * Reads an estate from inventory files and streams it as discovered resources.
 *
 * @remarks
 * Companion files are read first into compact indexes — dependency exports (edges), RVTools vDisk
 * (disks), vNetwork (addresses), vPartition (used space per disk) and vHost (host facts) — then
 * the server files (RVTools vInfo, Azure Migrate import, inventory documents, JSON Lines) stream
 * row by row, each resource completed from the indexes. An RVTools workbook (`.xlsx`, or a file
 * starting with zip bytes) is read twice: its companion sheets with the companion files, its vInfo
 * sheet with the server files.
 * Resources are identified by their lower-case name, which is what dependency exports name.
 * One server in several sources (RVTools and an Azure Migrate import) becomes one resource,
 * matched by host name, name without DNS suffix or IP address (see `SourceMerger`): the server
 * files but the last are then held in memory until the last one is read.
 *
 * Required columns missing fail the file with one {@link @backstage/errors#InputError} naming
 * the file, the columns and the line; a bad row is reported with its line and skipped. Counters:
 * `files`; `rowsRead` = `rowsImported` (resources) + `rowsIndexed` (companion rows) +
 * `rowsRejected`; `dependenciesOutsideInventory` for edges to addresses no server has.
 *
 * @public
 */
export async function* readInventory(
  sources: InventorySource[],
  options: ReadInventoryOptions,
): AsyncGenerator<DiscoveredResource> {
  const reporter = options.reporter ?? { warn() {}, count() {} };
  const { indexes, rvtools, serverFiles, scope } = await collectInventory(
    sources,
    options,
    reporter,
  );
  const completer = new ResourceCompleter(indexes, reporter, rvtools);
  const merger = new SourceMerger(reporter);
  const last = lastMergedFile(serverFiles.map(serverFormat));
  try {
    for (let i = 0; serverFiles.length > 0; i++) {
      const file = serverFiles.shift()!;
      const ctx = rowContext(
        file.source,
        scope,
        reporter,
        file.type === 'csv' ? file.table.decimalComma : false,
      );
      const resources = serverResources(file, {
        ctx,
        scope,
        completer,
        reporter,
        signal: options.signal,
      });
      if (i < last && MERGED_SOURCES.includes(serverFormat(file) ?? '')) {
        for await (const resource of resources) merger.hold(resource);
      } else if (i === last) {
        for await (const resource of resources) yield merger.pass(resource);
        yield* merger.rest();
      } else {
        yield* resources;
      }
    }
    // Servers whose dependencies are named differently by the export, complete now.
    yield* completer.releaseHeld();
  } finally {
    await closeServerFiles(serverFiles);
  }
  completer.reportLeftovers();
}

/** The format of a server file's rows, when they are servers of a known export. */
function serverFormat(file: ServerFile): string | undefined {
  if (file.type === 'csv') return file.format;
  if (file.type === 'workbook') return 'rvtools-vinfo';
  return undefined;
}

/** Formats {@link readInventory} reads. */
export type { InventoryFormat };
