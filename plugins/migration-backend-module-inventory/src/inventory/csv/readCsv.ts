import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '@backstage/errors';
import { CsvPieceParser, guessLineEndings } from './csvPieceParser';

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

/** Reads and decodes the input until the header line is complete (or 64 KiB, or the end). */
async function readHead(
  chunks: AsyncIterator<unknown>,
  decoder: StringDecoder,
): Promise<{ head: string; exhausted: boolean }> {
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
  return { head: head.replace(/^\uFEFF/, ''), exhausted };
}

/** Text not parsed yet: the head, then decoded chunks of the input. */
async function* texts(
  chunks: AsyncIterator<unknown>,
  decoder: StringDecoder,
  start: { head: string; exhausted: boolean },
  file: string,
): AsyncGenerator<string> {
  if (start.head) yield start.head;
  if (start.exhausted) return;
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

/** Rows of the text to come, a batch per piece of text; the last batch may be empty. */
async function* parsed(
  text: AsyncIterable<string>,
  parser: CsvPieceParser,
): AsyncGenerator<CsvRow[]> {
  for await (const part of text) {
    for (let at = 0; at < part.length; at += PIECE_CHARS) {
      yield parser.parse(
        at === 0 && part.length <= PIECE_CHARS
          ? part
          : part.slice(at, at + PIECE_CHARS),
        false,
      );
    }
  }
  yield parser.parse('', true);
}

/** The records after the header: the rest of the header's batch, then every non-empty batch. */
async function* batchesAfter(
  rest: CsvRow[],
  source: AsyncGenerator<CsvRow[]>,
): AsyncGenerator<CsvRow[]> {
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
  const start = await readHead(chunks, decoder);
  const delimiter = detectDelimiter(start.head);
  // Papa Parse guesses the line break from the first text it is given, which is the head.
  const newline = start.head ? guessLineEndings(start.head, '"') : undefined;
  const source = parsed(
    texts(chunks, decoder, start, file),
    new CsvPieceParser(delimiter, newline, onSkip),
  );
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
  return {
    header: first[0].values.map(h => h.trim()),
    decimalComma: delimiter === ';',
    batches: closing(batchesAfter(first.slice(1), source), () => {
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
