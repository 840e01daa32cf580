import type { Readable } from 'node:stream';
import { InputError } from '@backstage/errors';
import ExcelJS from 'exceljs';
import type { CsvRow, CsvTable } from '../csv/readCsv';

/** One worksheet of a workbook: its name (when the workbook says it) and its rows as a table. */
export interface XlsxSheet {
  name?: string;
  table: CsvTable;
}

/** What exceljs's streaming worksheet reader hands out; its typings leave these as `any`. */
interface SheetRow {
  number: number;
  values: unknown[];
}
interface SheetReader {
  name?: string;
  /** The sheet's XML: a temporary file's stream when exceljs had to set the sheet aside. */
  iterator?: unknown;
  parse(): AsyncIterator<{ eventType: string; value: unknown }[]>;
}

/** The zip local-file-header signature every xlsx file starts with. */
export function isZip(head: Uint8Array): boolean {
  return (
    head.length >= 4 &&
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    head[2] === 0x03 &&
    head[3] === 0x04
  );
}

/**
 * The input, its zip parser kept from ending early. unzipper's `Parse` (which exceljs pipes the
 * input into) emits `end` as soon as it has parsed the last record, while entries it has handed
 * on may still wait in its buffer; exceljs stops at that `end` and misses them, typically
 * `xl/workbook.xml` and the shared strings after the sheets, then fails with "Cannot read
 * properties of undefined (reading 'sheets')" (exceljs issue 962). Without that listener the
 * parser's own end (after its last entry is taken) ends the iteration; a cut-short file still
 * fails, through the parser's pull.
 */
function withWholeZip(input: Readable): Readable {
  const pipe = input.pipe.bind(input);
  input.pipe = <T extends NodeJS.WritableStream>(
    destination: T,
    options?: { end?: boolean },
  ): T => {
    const emitter = destination as unknown as NodeJS.EventEmitter;
    for (const listener of emitter.listeners('finish')) {
      if (/emit\(\s*['"]end['"]\s*\)/.test(String(listener))) {
        emitter.removeListener('finish', listener as () => void);
      }
    }
    return pipe(destination, options);
  };
  return input;
}

/**
 * A cell as the CSV path would have read it: numbers in JavaScript notation (`.` decimals),
 * booleans as `True`/`False`, rich text joined, formulas by their result, error cells as their
 * code (`#N/A`, so a number column reports it as not a number).
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) {
      return v.richText.map(part => String(part?.text ?? '')).join('');
    }
    if ('result' in v) return cellText(v.result);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text;
    if (typeof v.error === 'string') return v.error;
  }
  return String(value);
}

/**
 * The values of a row, column A first. Trailing empty cells past the header are dropped; other
 * cells past it are kept, so the row is rejected for its field count as a CSV row would be.
 */
function rowValues(row: SheetRow, width: number): string[] {
  const cells = row.values;
  let last = cells.length - 1;
  while (last > width && cellText(cells[last]) === '') last--;
  const values = new Array<string>(Math.max(width, last));
  for (let i = 0; i < values.length; i++) values[i] = cellText(cells[i + 1]);
  return values;
}

/** The rows of a batch of worksheet events that hold any value. */
function rowsOfEvents(
  events: { eventType: string; value: unknown }[],
  width: number,
): CsvRow[] {
  const rows: CsvRow[] = [];
  for (const event of events) {
    if (event.eventType !== 'row') continue;
    const row = event.value as SheetRow;
    const values = rowValues(row, width);
    if (values.some(v => v !== '')) rows.push({ line: row.number, values });
  }
  // exceljs keeps this array (and every row's cell objects) until it is asked for the next
  // piece; emptied, they die young instead of outliving the batch's consumers in the old
  // generation.
  events.length = 0;
  return rows;
}

async function nextEvents(
  events: AsyncIterator<{ eventType: string; value: unknown }[]>,
  file: string,
) {
  try {
    return await events.next();
  } catch (error) {
    throw new InputError(
      `${file}: not readable as an xlsx workbook: ${(error as Error).message}`,
      error,
    );
  }
}

/**
 * A worksheet as a table: the first row with a value is the header, the rows after it come in
 * batches of one parsed piece of XML each. Undefined for a sheet without any value.
 */
async function sheetTable(
  sheet: SheetReader,
  file: string,
): Promise<CsvTable | undefined> {
  const events = sheet.parse();
  let rows: CsvRow[] = [];
  while (rows.length === 0) {
    const next = await nextEvents(events, file);
    if (next.done) return undefined;
    rows = rowsOfEvents(next.value, 0);
  }
  const header = rows[0].values.map(h => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const width = header.length;
  const rest = rows.slice(1).map(r => ({
    line: r.line,
    values: r.values.length < width ? pad(r.values, width) : r.values,
  }));
  async function* batches(): AsyncGenerator<CsvRow[]> {
    try {
      if (rest.length > 0) {
        yield rest;
        release(rest);
      }
      for (;;) {
        const next = await nextEvents(events, file);
        if (next.done) return;
        const batch = rowsOfEvents(next.value, width);
        if (batch.length > 0) {
          yield batch;
          release(batch);
        }
      }
    } finally {
      await events.return?.();
    }
  }
  return { header, decimalComma: false, batches: batches() };
}

/**
 * Empties the rows of a batch the caller is done with, as the CSV reader does (see its
 * `release`): a batch outlives the awaits of its rows' consumers, so V8 moves it to the old
 * generation, where dead rows would keep their strings until the next full collection.
 */
function release(batch: CsvRow[]) {
  for (const row of batch) row.values.length = 0;
}

function pad(values: string[], width: number): string[] {
  const padded = values.slice();
  while (padded.length < width) padded.push('');
  return padded;
}

/**
 * Closes a sheet set aside in a temporary file (exceljs does so when the shared strings come after
 * the sheets, as Excel writes them), whether or not it was read: otherwise its file stays open.
 */
function closeSheet(sheet: SheetReader) {
  const stream = sheet.iterator as { destroy?: () => void } | undefined;
  if (stream && typeof stream.destroy === 'function') stream.destroy();
}

/**
 * Streams the worksheets of an xlsx workbook with exceljs's `WorkbookReader`: shared strings are
 * kept (RVTools writes every text cell through them), styles and hyperlinks are not read, and only
 * the sheet being read is held, a parsed piece of its XML at a time.
 *
 * @remarks
 * A sheet whose table is left unread when the next sheet is asked for is skipped; its rows are
 * never parsed. Read the workbook to its end: exceljs removes the temporary files of sheets set
 * aside only as it passes them.
 *
 * @throws InputError naming the file when it is not a readable workbook.
 */
export async function* xlsxSheets(
  input: Readable,
  file: string,
): AsyncGenerator<XlsxSheet> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(withWholeZip(input), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets = reader[Symbol.asyncIterator]() as AsyncIterator<SheetReader>;
  try {
    for (;;) {
      let next: IteratorResult<SheetReader>;
      try {
        next = await sheets.next();
      } catch (error) {
        throw new InputError(
          `${file}: not readable as an xlsx workbook: ${
            (error as Error).message
          }`,
          error,
        );
      }
      if (next.done) return;
      const sheet = next.value;
      try {
        const table = await sheetTable(sheet, file);
        if (table) {
          try {
            yield { name: sheet.name, table };
          } finally {
            await table.batches.return(undefined);
          }
        }
      } finally {
        closeSheet(sheet);
      }
    }
  } finally {
    // Left early (an error, or the caller stopped): once the file is read, the sheets still to
    // come are exceljs's temporary files, which it removes only as it passes them.
    if (input.readableEnded) await passOver(sheets);
    input.destroy();
  }
}

async function passOver(sheets: AsyncIterator<SheetReader>) {
  try {
    for (;;) {
      const next = await sheets.next();
      if (next.done) return;
      closeSheet(next.value);
    }
  } catch {
    // The workbook failed already; what matters is the error that stopped reading it.
  }
}
