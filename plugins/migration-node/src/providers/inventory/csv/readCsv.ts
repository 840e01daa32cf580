import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { InputError } from '@backstage/errors';

/** One data record of a CSV file with the line it ends on (1-based, the header is line 1). */
export interface CsvRow {
  line: number;
  values: string[];
}

/** A CSV file opened for streaming: its header, then its records one by one. */
export interface CsvTable {
  header: string[];
  /** `;` files written by Excel in many locales use `,` as the decimal separator. */
  decimalComma: boolean;
  rows: AsyncGenerator<CsvRow>;
}

const DELIMITERS = [',', ';', '\t', '|'];
const HEAD_BYTES = 64 * 1024;

/**
 * Opens a CSV stream with csv-parse: strips a UTF-8 BOM, detects the delimiter from the header
 * line, tolerates records with a different number of fields (the caller reports them), and skips
 * records csv-parse cannot read (reported through `onSkip` with their line).
 *
 * @throws InputError naming the file and line when the file is empty or not readable as CSV.
 */
export async function openCsv(
  input: Readable,
  file: string,
  onSkip: (line: number, message: string) => void,
): Promise<CsvTable> {
  const chunks = input[Symbol.asyncIterator]();
  let head = Buffer.alloc(0);
  while (head.length < HEAD_BYTES && !head.includes(10)) {
    const next = await chunks.next();
    if (next.done) break;
    head = Buffer.concat([head, toBuffer(next.value)]);
  }
  const delimiter = detectDelimiter(head.toString('utf8'));

  const parser = parse({
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
    skip_records_with_error: true,
    on_skip: (error?: CsvError) => {
      onSkip(Number(error?.lines ?? 0), error?.message ?? 'unreadable record');
      return undefined;
    },
  });
  // Feed the bytes already read, then the rest of the stream; pipeline handles back-pressure and
  // tears both streams down together. Its errors surface through the parser's iterator.
  const source = Readable.from(
    (async function* prefixed() {
      if (head.length > 0) yield head;
      for (;;) {
        const next = await chunks.next();
        if (next.done) return;
        yield toBuffer(next.value);
      }
    })(),
    { objectMode: false },
  );
  pipeline(source, parser, () => {});

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<{
    record: string[];
    info: { lines: number };
  }>;
  let first: IteratorResult<{ record: string[]; info: { lines: number } }>;
  try {
    first = await records.next();
  } catch (error) {
    throw csvInputError(file, error);
  }
  if (first.done || first.value.record.every(cell => cell === '')) {
    throw new InputError(
      `${file} line 1: the file is empty, expected a header row`,
    );
  }

  async function* rows(): AsyncGenerator<CsvRow> {
    try {
      for (;;) {
        let next: IteratorResult<{ record: string[]; info: { lines: number } }>;
        try {
          next = await records.next();
        } catch (error) {
          throw csvInputError(file, error);
        }
        if (next.done) break;
        yield { line: next.value.info.lines, values: next.value.record };
      }
    } finally {
      if (!parser.destroyed) parser.destroy();
      input.destroy();
    }
  }

  return {
    header: first.value.record,
    decimalComma: delimiter === ';',
    rows: rows(),
  };
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  // Web streams (fetch-based readers) deliver Uint8Array chunks.
  if (chunk instanceof Uint8Array) {
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
  return Buffer.from(String(chunk));
}

/** The delimiter that splits the header line into the most fields, quotes respected. */
export function detectDelimiter(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  let best = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (const char of firstLine) {
      if (char === '"') quoted = !quoted;
      else if (char === delimiter && !quoted) count++;
    }
    if (count > bestCount) {
      best = delimiter;
      bestCount = count;
    }
  }
  return best;
}

function csvInputError(file: string, error: unknown): Error {
  if (error instanceof InputError) return error;
  const csvError = error as Error & { lines?: unknown };
  const line = csvError.lines ? ` line ${Number(csvError.lines)}` : '';
  return new InputError(
    `${file}${line}: not readable as CSV: ${csvError.message}`,
    error,
  );
}
