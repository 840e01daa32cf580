import { createInterface } from 'node:readline';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { mapColumns } from './csv/columns';
import type { CsvTable } from './csv/readCsv';
import { SERVER_COLUMNS, serverRowToResource } from './formats/azureMigrate';
import { FORMAT_LABELS } from './formats/detect';
import { documentItemToResource } from './formats/inventoryDocument';
import { vInfoRowToResource } from './formats/rvtools';
import { VINFO_COLUMNS } from './formats/rvtoolsColumns';
import type { RowContext } from './formats/types';
import type { ResourceCompleter } from './resourceCompleter';
import {
  rowContext,
  type InventoryReporter,
  type InventoryScope,
} from './rowContext';
import type { InventorySource } from './sources';
import { rowsOf, wellFormed } from './tableRows';
import { vInfoSheet } from './xlsx/xlsxFiles';

const ABORT_CHECK_EVERY = 500;

/** CSV formats whose rows are servers. */
export type ServerFormat = 'rvtools-vinfo' | 'azure-migrate-servers';

/** A file whose resources are yielded after every companion file has been indexed. */
export type ServerFile =
  | {
      type: 'csv';
      source: InventorySource;
      format: ServerFormat;
      table: CsvTable;
    }
  /** An RVTools workbook, read again for its vInfo sheet once its other sheets are indexed. */
  | { type: 'workbook'; source: InventorySource }
  | { type: 'lines'; source: InventorySource }
  | {
      type: 'document';
      source: InventorySource;
      items: { line: number; value: unknown }[];
    };

/** What streaming a server file needs besides the file. */
export interface StreamContext {
  ctx: RowContext;
  scope: InventoryScope;
  completer: ResourceCompleter;
  reporter: InventoryReporter;
  signal?: AbortSignal;
}

/** The row parser of a server file, after checking its header. */
export function rowParser(
  header: string[],
  format: ServerFormat,
  ctx: RowContext,
) {
  if (format === 'rvtools-vinfo') {
    const columns = mapColumns(
      header,
      VINFO_COLUMNS,
      ctx.file,
      FORMAT_LABELS[format],
      ctx.rowWord,
    );
    return (values: string[], line: number) =>
      vInfoRowToResource(values, line, columns, ctx);
  }
  const columns = mapColumns(
    header,
    SERVER_COLUMNS,
    ctx.file,
    FORMAT_LABELS[format],
  );
  return (values: string[], line: number) =>
    serverRowToResource(values, line, columns, ctx);
}

/** Closes the CSV tables of server files not streamed (yet). */
export async function closeServerFiles(files: readonly ServerFile[]) {
  await Promise.all(
    files.map(f =>
      f.type === 'csv' ? f.table.batches.return(undefined) : undefined,
    ),
  );
}

/** The servers of a table (a CSV file or a workbook's vInfo sheet), row by row. */
async function* tableResources(
  table: CsvTable,
  format: ServerFormat,
  { ctx, completer, reporter, signal }: StreamContext,
): AsyncGenerator<DiscoveredResource> {
  const parse = rowParser(table.header, format, ctx);
  let n = 0;
  for await (const batch of rowsOf(table, reporter, signal)) {
    for (const row of batch) {
      if (++n % ABORT_CHECK_EVERY === 0) signal?.throwIfAborted();
      if (!wellFormed(row, table, ctx)) continue;
      const resource = parse(row.values, row.line);
      if (resource && completer.complete(resource, ctx, row.line)) {
        yield resource;
      }
    }
  }
}

/** The VMs of an RVTools workbook's vInfo sheet. */
async function* workbookResources(
  file: Extract<ServerFile, { type: 'workbook' }>,
  stream: StreamContext,
): AsyncGenerator<DiscoveredResource> {
  const input = await file.source.open(stream.signal);
  for await (const sheet of vInfoSheet(input, file.source.label)) {
    const ctx = rowContext(
      file.source,
      stream.scope,
      stream.reporter,
      false,
      sheet.name ?? FORMAT_LABELS['rvtools-vinfo'],
    );
    yield* tableResources(sheet.table, 'rvtools-vinfo', { ...stream, ctx });
  }
}

async function* documentResources(
  file: Extract<ServerFile, { type: 'document' }>,
  { ctx, completer, reporter }: StreamContext,
): AsyncGenerator<DiscoveredResource> {
  for (const item of file.items) {
    reporter.count('rowsRead');
    const resource = documentItemToResource(item.value, item.line, ctx);
    if (resource && completer.complete(resource, ctx, item.line)) {
      yield resource;
    }
  }
}

/** JSON Lines: one resource per non-blank line. */
async function* lineResources(
  file: Extract<ServerFile, { type: 'lines' }>,
  { ctx, completer, reporter, signal }: StreamContext,
): AsyncGenerator<DiscoveredResource> {
  const lines = createInterface({
    input: await file.source.open(signal),
    crlfDelay: Infinity,
  });
  let line = 0;
  try {
    for await (const text of lines) {
      line++;
      if (line % ABORT_CHECK_EVERY === 0) signal?.throwIfAborted();
      if (!text.trim()) continue;
      reporter.count('rowsRead');
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        ctx.reject(line, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      const resource = documentItemToResource(value, line, ctx);
      if (resource && completer.complete(resource, ctx, line)) {
        yield resource;
      }
    }
  } finally {
    lines.close();
  }
}

/** Streams the resources of a server file, each completed from the companion indexes. */
export function serverResources(
  file: ServerFile,
  stream: StreamContext,
): AsyncGenerator<DiscoveredResource> {
  if (file.type === 'csv') {
    return tableResources(file.table, file.format, stream);
  }
  if (file.type === 'workbook') return workbookResources(file, stream);
  if (file.type === 'document') return documentResources(file, stream);
  return lineResources(file, stream);
}
