import type { CsvRow, CsvTable } from './csv/readCsv';
import type { RowContext } from './formats/types';
import type { InventoryReporter } from './rowContext';

/** The rows of a table in batches, counted; plain loops keep the per-row cost down. */
export async function* rowsOf(
  table: CsvTable,
  reporter: InventoryReporter,
  signal?: AbortSignal,
): AsyncGenerator<CsvRow[]> {
  for await (const batch of table.batches) {
    signal?.throwIfAborted();
    reporter.count('rowsRead', batch.length);
    yield batch;
  }
}

/** Rejects a row whose field count differs from the header's: its values would be misplaced. */
export function wellFormed(row: CsvRow, table: CsvTable, ctx: RowContext) {
  if (row.values.length === table.header.length) return true;
  ctx.reject(
    row.line,
    `has ${row.values.length} fields where the header has ${table.header.length}`,
  );
  return false;
}
