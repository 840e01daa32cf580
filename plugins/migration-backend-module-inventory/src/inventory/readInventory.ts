import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { DiscoveryReporter } from '@sirsi-nexus/plugin-migration-node';
import { collectInventory } from './collectInventory';
import type { InventoryDocumentEnvironment } from './formats/inventoryDocument';
import type { InventoryFormat } from './formats/types';
import { ResourceCompleter } from './resourceCompleter';
import { rowContext } from './rowContext';
import { closeServerFiles, serverResources } from './serverFiles';
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
 * (disks) and vNetwork (addresses) — then the server files (RVTools vInfo, Azure Migrate import,
 * inventory documents, JSON Lines) stream row by row, each resource completed from the indexes.
 * Resources are identified by their lower-case name, which is what dependency exports name.
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
  const { indexes, serverFiles, scope } = await collectInventory(
    sources,
    options,
    reporter,
  );
  const completer = new ResourceCompleter(indexes, reporter);
  try {
    while (serverFiles.length > 0) {
      const file = serverFiles.shift()!;
      const ctx = rowContext(
        file.source,
        scope,
        reporter,
        file.type === 'csv' ? file.table.decimalComma : false,
      );
      yield* serverResources(file, {
        ctx,
        completer,
        reporter,
        signal: options.signal,
      });
    }
  } finally {
    await closeServerFiles(serverFiles);
  }
  completer.reportLeftovers();
}

/** Formats {@link readInventory} reads. */
export type { InventoryFormat };
