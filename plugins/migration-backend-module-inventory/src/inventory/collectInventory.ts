import type { Readable } from 'node:stream';
import { InputError } from '@backstage/errors';
import { openCsv, type CsvTable } from './csv/readCsv';
import { CompanionIndexes } from './companionIndexes';
import {
  FORMAT_LABELS,
  formatFamily,
  formatFromFileName,
  formatFromHeader,
  isWorkbookName,
} from './formats/detect';
import { parseInventoryDocument } from './formats/inventoryDocument';
import type { RowContext } from './formats/types';
import type { ReadInventoryOptions } from './readInventory';
import { peekStart, readText } from './readText';
import {
  rowContext,
  type InventoryReporter,
  type InventoryScope,
} from './rowContext';
import {
  closeServerFiles,
  rowParser,
  type ServerFile,
  type ServerFormat,
} from './serverFiles';
import { RvtoolsIndexes } from './rvtoolsIndexes';
import type { InventorySource } from './sources';
import { isZip } from './xlsx/readXlsx';
import { indexWorkbook } from './xlsx/xlsxFiles';

const MAX_DOCUMENT_DEPTH = 3;

const KNOWN_CSV_FORMATS = [
  'RVTools vInfo (VM, CPUs, Memory)',
  'RVTools vDisk (VM, Capacity MiB)',
  'RVTools vNetwork (VM, Network)',
  'RVTools vPartition (VM, Capacity MiB, Consumed MiB)',
  'RVTools vHost (Host, ESX Version)',
  'Azure Migrate server import (*Server name, *Cores, *Memory (In MB), *OS name)',
  'Azure Migrate dependency export (Source server name, Destination server name)',
];

/** The inventory once every file was opened: companion files indexed, server files waiting. */
export interface CollectedInventory {
  indexes: CompanionIndexes;
  /** vPartition and vHost, and the disk keys of vDisk. */
  rvtools: RvtoolsIndexes;
  /** Server files in the order they were named, to stream. */
  serverFiles: ServerFile[];
  scope: InventoryScope;
}

/**
 * Walks the sources (and the files inventory documents name), reading companion files into
 * their indexes and setting server files aside, their headers checked.
 */
class InventoryCollector {
  readonly serverFiles: ServerFile[] = [];
  readonly indexes: CompanionIndexes;
  readonly rvtools: RvtoolsIndexes;
  readonly scope: InventoryScope;
  private readonly visited = new Set<string>();

  constructor(
    private readonly options: ReadInventoryOptions,
    private readonly reporter: InventoryReporter,
  ) {
    this.indexes = new CompanionIndexes(reporter, options.signal);
    this.rvtools = new RvtoolsIndexes(reporter, options.signal);
    this.scope = {
      environmentId: options.environmentId,
      region: options.region,
    };
  }

  async collect(source: InventorySource, depth: number): Promise<void> {
    if (this.visited.has(source.label)) return;
    this.visited.add(source.label);
    this.options.signal?.throwIfAborted();
    this.reporter.count('files');
    const named = source.format ?? formatFromFileName(source.label);
    if (named && formatFamily(named) === 'lines') {
      this.serverFiles.push({ type: 'lines', source });
      return;
    }
    if (named && formatFamily(named) === 'document') {
      await this.collectDocument(source, depth);
      return;
    }
    const input = await source.open(this.options.signal);
    if (isWorkbookName(source.label) || isZip(await peekStart(input))) {
      await indexWorkbook(source, input, {
        indexes: this.indexes,
        rvtools: this.rvtools,
        scope: this.scope,
        reporter: this.reporter,
      });
      this.serverFiles.push({ type: 'workbook', source });
      return;
    }
    await this.collectCsv(source, named, input);
  }

  /** An inventory document: its environment, the files it names, then its own resources. */
  private async collectDocument(source: InventorySource, depth: number) {
    const text = await readText(source, this.options.signal);
    const document = parseInventoryDocument(text, source.label);
    if (document.environment) {
      this.options.onEnvironment?.(document.environment);
      this.scope.region ??= document.environment.region;
      if (this.options.environmentFromDocument && this.visited.size === 1) {
        this.scope.environmentId = document.environment.id;
      }
    }
    if (document.files.length > 0 && depth >= MAX_DOCUMENT_DEPTH) {
      throw new InputError(
        `${source.label}: inventory documents nest more than ${MAX_DOCUMENT_DEPTH} levels deep`,
      );
    }
    for (const file of document.files) {
      await this.collect(source.child(file.path, file.format), depth + 1);
    }
    this.serverFiles.push({
      type: 'document',
      source,
      items: document.resources,
    });
  }

  /** A CSV file: a server file is set aside, a companion file indexed now. */
  private async collectCsv(
    source: InventorySource,
    named: ReturnType<typeof formatFromFileName>,
    input: Readable,
  ) {
    const ctx = rowContext(source, this.scope, this.reporter);
    const table = await openCsv(input, source.label, (line, message) => {
      this.reporter.count('rowsRead');
      ctx.reject(line, `not readable as CSV (${message})`);
    });
    ctx.decimalComma = table.decimalComma;
    const format = named ?? formatFromHeader(table.header);
    try {
      if (!format) {
        throw new InputError(
          `${
            source.label
          } line 1: not a known inventory format; expected the columns of ${KNOWN_CSV_FORMATS.join(
            '; ',
          )}`,
        );
      }
      switch (format) {
        case 'rvtools-vinfo':
        case 'azure-migrate-servers':
          this.setAside(source, format, table, ctx);
          return;
        case 'rvtools-vdisk':
          await this.indexes.index(
            format,
            this.rvtools.tapDiskKeys(table),
            ctx,
          );
          return;
        case 'azure-migrate-dependencies':
        case 'rvtools-vnetwork':
          await this.indexes.index(format, table, ctx);
          return;
        case 'rvtools-vpartition':
        case 'rvtools-vhost':
          await this.rvtools.index(format, table, ctx);
          return;
        default:
          throw new InputError(
            `${source.label}: ${FORMAT_LABELS[format]} files are not CSV`,
          );
      }
    } catch (error) {
      await table.batches.return(undefined);
      throw error;
    }
  }

  private setAside(
    source: InventorySource,
    format: ServerFormat,
    table: CsvTable,
    ctx: RowContext,
  ) {
    // Checked now so a bad header fails before any resource is yielded.
    rowParser(table.header, format, ctx);
    this.serverFiles.push({ type: 'csv', source, format, table });
  }
}

/**
 * Opens every source: companion files (dependencies, vDisk, vNetwork) are read into indexes and
 * server files set aside. On failure every table opened so far is closed.
 */
export async function collectInventory(
  sources: InventorySource[],
  options: ReadInventoryOptions,
  reporter: InventoryReporter,
): Promise<CollectedInventory> {
  const collector = new InventoryCollector(options, reporter);
  try {
    for (const source of sources) await collector.collect(source, 0);
  } catch (error) {
    await closeServerFiles(collector.serverFiles);
    throw error;
  }
  return collector;
}
