import type { Readable } from 'node:stream';
import { InputError } from '@backstage/errors';
import type { CsvRow, CsvTable } from '../csv/readCsv';
import { sheetRows } from './sheetRows';
import {
  readSharedStrings,
  workbookStructure,
  type WorkbookSheet,
} from './workbookParts';
import { openXlsxArchive, type XlsxArchive } from './zipArchive';

/** One worksheet of a workbook: its name (when the workbook says it) and its rows as a table. */
export interface XlsxSheet {
  name?: string;
  table: CsvTable;
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

/** Runs a step of reading the workbook; its failure says the file is not a readable workbook. */
async function readable<T>(file: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw new InputError(
      `${file}: not readable as an xlsx workbook: ${(error as Error).message}`,
      error,
    );
  }
}

/** Pads a row to the header's width in place (its trailing cells without a value). */
function pad(values: string[], width: number) {
  while (values.length < width) values.push('');
}

/**
 * Empties the rows of a batch the caller is done with, as the CSV reader does (see its
 * `release`): a batch outlives the awaits of its rows' consumers, so V8 moves it to the old
 * generation, where dead rows would keep their strings until the next full collection.
 */
function release(batch: CsvRow[]) {
  for (const row of batch) row.values.length = 0;
}

/**
 * A worksheet as a table: the first row with a value is the header (trimmed, trailing empty
 * cells dropped), the rows after it come in batches, each padded to the header's width; a row
 * with values past the header keeps them, so it is rejected for its field count as a CSV row
 * would be. Undefined for a sheet without any value.
 */
async function sheetTable(
  archive: XlsxArchive,
  sheet: WorkbookSheet,
  strings: readonly string[],
  file: string,
): Promise<CsvTable | undefined> {
  const rows = sheetRows(
    archive.chunks(sheet.part),
    sheet.part,
    sheet.name,
    strings,
  );
  let first: CsvRow[] = [];
  while (first.length === 0) {
    const next = await readable(file, () => rows.next());
    if (next.done) return undefined;
    first = next.value;
  }
  const header = first[0].values.map(h => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const width = header.length;
  async function* batches(): AsyncGenerator<CsvRow[]> {
    try {
      let batch = first.slice(1);
      for (;;) {
        if (batch.length > 0) {
          for (const row of batch) pad(row.values, width);
          yield batch;
          release(batch);
        }
        const next = await readable(file, () => rows.next());
        if (next.done) return;
        batch = next.value;
      }
    } finally {
      await rows.return(undefined);
    }
  }
  return { header, decimalComma: false, batches: batches() };
}

/**
 * Streams the worksheets of an xlsx workbook in tab order. The zip is read in place (a stream
 * other than a local file is copied to a temporary file first, as a zip's directory is at its
 * end); the shared strings are held as one string each (RVTools writes every text cell through
 * them); each worksheet's XML is inflated and parsed only as fast as its rows are taken, and a
 * worksheet whose rows are not asked for is read no further than its header. Styles are not
 * read: numbers stay numbers (a date formatted cell gives its serial number).
 *
 * @remarks
 * A sheet whose table is left unread when the next sheet is asked for is skipped.
 *
 * @throws InputError naming the file when it is not a readable workbook (not a zip, cut short,
 * missing its workbook part, malformed XML, a cell referring to a missing shared string).
 */
export async function* xlsxSheets(
  input: Readable,
  file: string,
): AsyncGenerator<XlsxSheet> {
  const archive = await readable(file, () => openXlsxArchive(input));
  try {
    const { sheets, sharedStrings } = await readable(file, () =>
      workbookStructure(archive),
    );
    const strings = sharedStrings
      ? await readable(file, () => readSharedStrings(archive, sharedStrings))
      : [];
    for (const sheet of sheets) {
      const table = await sheetTable(archive, sheet, strings, file);
      if (!table) continue;
      try {
        yield { name: sheet.name || undefined, table };
      } finally {
        await table.batches.return(undefined);
      }
    }
  } finally {
    await archive.close();
  }
}
