import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '@backstage/errors';
import Papa from 'papaparse';

/** One data record of a CSV file with the line it starts on (1-based, the header is line 1). */
export interface CsvRow {
  line: number;
  values: string[];
}

/** A CSV file opened for streaming: its header, then its records in batches. */
export interface CsvTable {
  header: string[];
  /** `;` files written by Excel in many locales use `,` as the decimal separator. */
  decimalComma: boolean;
  /**
   * The records, one batch per chunk read; closing the generator closes the input. The `values`
   * of a batch are emptied when the next batch is asked for: take what a row holds (its strings
   * stay valid) while its batch is current.
   */
  batches: AsyncGenerator<CsvRow[]>;
}

const DELIMITERS = [',', ';', '\t', '|'];
const HEAD_BYTES = 64 * 1024;
/**
 * Most text handed to the parser at once. Papa Parse is fastest on pieces of about this size
 * (larger strings cost more to slice and to collect), and one piece is parsed without a break,
 * so it also bounds the time the reader holds the event loop.
 */
const PIECE_CHARS = 64 * 1024;

/**
 * Opens a CSV stream and parses it with Papa Parse: strips a UTF-8 BOM, detects the delimiter
 * from the header line, decodes UTF-8 across chunk boundaries, and hands over records in batches
 * (one per chunk read) so the caller does not pay a promise per record. Records Papa Parse cannot
 * read (unbalanced quotes) are reported through `onSkip` with their line and left out.
 *
 * @remarks
 * The input is read only as fast as the batches are taken, and each chunk is parsed directly
 * with Papa Parse's `Parser` (the parser its streamers use): nothing is read ahead or queued, so
 * a large file costs memory for one chunk at a time.
 *
 * @throws InputError naming the file and line when the file is empty.
 */
export async function openCsv(
  input: Readable,
  file: string,
  onSkip: (line: number, message: string) => void,
): Promise<CsvTable> {
  const chunks = input[Symbol.asyncIterator]();
  const decoder = new StringDecoder('utf8');
  let head = '';
  let exhausted = false;
  while (head.length < HEAD_BYTES && !head.includes('\n')) {
    const next = await chunks.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    head += decode(decoder, next.value);
  }
  head = head.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(head);
  // Papa Parse guesses the line break from the first text it is given, which is the head.
  const newline = head ? guessLineEndings(head, '"') : undefined;

  /** Text not parsed yet: the head, then decoded chunks of the input. */
  async function* texts(): AsyncGenerator<string> {
    if (head) yield head;
    if (exhausted) return;
    for (;;) {
      let next: IteratorResult<unknown>;
      try {
        next = await chunks.next();
      } catch (error) {
        throw new InputError(
          `${file}: not readable as CSV: ${(error as Error).message}`,
          error,
        );
      }
      if (next.done) break;
      const part = decode(decoder, next.value);
      if (part) yield part;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  let line = 1;
  /** The start of a record cut by the end of the last piece. */
  let partial = '';

  /** Parses `text` after the partial record; the last record is kept back unless `last`. */
  function parse(text: string, last: boolean): CsvRow[] {
    const aggregate = partial + text;
    const parser = new Papa.Parser({ delimiter, newline });
    const result = parser.parse(aggregate, 0, !last) as Papa.ParseResult<
      string[]
    >;
    const consumed = last ? aggregate.length : result.meta.cursor;
    partial = last ? '' : aggregate.substring(consumed);
    return toRows(result.data, result.errors, aggregate, consumed, last);
  }

  /** Turns parsed records into rows with line numbers, leaving out blank lines and bad records. */
  function toRows(
    data: string[][],
    errors: Papa.ParseError[],
    text: string,
    consumed: number,
    last: boolean,
  ): CsvRow[] {
    const bad = new Map<number, string>();
    for (const error of errors) {
      if (error.row !== undefined) bad.set(error.row, error.message);
    }
    // Every record parsed ends with a line break, except the file's last; when the text holds no
    // other `\n`, no value has one and the lines simply count up (the values are not searched).
    const breaks = newline === '\r' ? 0 : data.length - (last ? 1 : 0);
    const simple = newlinesIn(text, consumed) === breaks;
    const rows: CsvRow[] = [];
    for (let i = 0; i < data.length; i++) {
      const values = data[i];
      const start = line;
      line += simple ? 1 : 1 + newlines(values);
      if (values.length === 1 && values[0] === '') continue;
      const error = bad.get(i);
      if (error) onSkip(start, error);
      else rows.push({ line: start, values });
    }
    return rows;
  }

  /** Rows of the text to come, a batch per piece of text; the last batch may be empty. */
  async function* parsed(): AsyncGenerator<CsvRow[]> {
    for await (const text of texts()) {
      for (let at = 0; at < text.length; at += PIECE_CHARS) {
        yield parse(
          at === 0 && text.length <= PIECE_CHARS
            ? text
            : text.slice(at, at + PIECE_CHARS),
          false,
        );
      }
    }
    yield parse('', true);
  }

  const source = parsed();
  // The header is the first non-blank record.
  let first: CsvRow[] = [];
  while (first.length === 0) {
    const next = await source.next();
    if (next.done) {
      input.destroy();
      throw new InputError(
        `${file} line 1: the file is empty, expected a header row`,
      );
    }
    first = next.value;
  }
  const rest = first.slice(1);

  async function* batches(): AsyncGenerator<CsvRow[]> {
    if (rest.length > 0) {
      yield rest;
      release(rest);
    }
    for await (const batch of source) {
      if (batch.length > 0) {
        yield batch;
        release(batch);
      }
    }
  }

  return {
    header: first[0].values.map(h => h.trim()),
    decimalComma: delimiter === ';',
    batches: closing(batches(), () => {
      input.destroy();
    }),
  };
}

/**
 * Empties the records of a batch the caller is done with. V8 may come to allocate Papa Parse's
 * record arrays in the old generation (allocation-site pretenuring, when the records it sampled
 * outlived a GC, as a batch being worked on does); a dead record there keeps its young values, and
 * the text they were cut from, alive until the next full GC: some 8 MB more copied per scavenge
 * on the discovery benchmark. An empty record holds nothing.
 */
function release(batch: CsvRow[]) {
  for (const row of batch) row.values.length = 0;
}

/** Runs `close` when the generator finishes, fails or is abandoned. */
async function* closing<T>(
  source: AsyncGenerator<T>,
  close: () => void,
): AsyncGenerator<T> {
  try {
    yield* source;
  } finally {
    close();
  }
}

function decode(decoder: StringDecoder, chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (Buffer.isBuffer(chunk)) return decoder.write(chunk);
  // Web streams (fetch-based readers) deliver Uint8Array chunks.
  if (chunk instanceof Uint8Array) {
    return decoder.write(
      Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength),
    );
  }
  return String(chunk);
}

/** Line breaks inside quoted values, which make a record span several lines. */
function newlines(values: string[]): number {
  let count = 0;
  for (const value of values) {
    if (value.indexOf('\n') < 0) continue;
    for (let i = 0; i < value.length; i++)
      if (value.charCodeAt(i) === 10) count++;
  }
  return count;
}

/** The `\n` characters in the first `end` characters of `text`. */
function newlinesIn(text: string, end: number): number {
  let count = 0;
  for (
    let i = text.indexOf('\n');
    i >= 0 && i < end;
    i = text.indexOf('\n', i + 1)
  ) {
    count++;
  }
  return count;
}

/**
 * The line break of a CSV text as Papa Parse guesses it (`ParserHandle.guessLineEndings`, which
 * it runs on the first text it parses): `\n` unless `\r` comes first outside quotes.
 */
function guessLineEndings(
  text: string,
  quoteChar: string,
): '\n' | '\r' | '\r\n' {
  let input = text.substring(0, 1024 * 1024);
  const quote = quoteChar.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  input = input.replace(new RegExp(`${quote}([^]*?)${quote}`, 'gm'), '');
  const r = input.split('\r');
  const n = input.split('\n');
  const nAppearsFirst = n.length > 1 && n[0].length < r[0].length;
  if (r.length === 1 || nAppearsFirst) return '\n';
  let numWithN = 0;
  for (const part of r) if (part[0] === '\n') numWithN++;
  return numWithN >= r.length / 2 ? '\r\n' : '\r';
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
