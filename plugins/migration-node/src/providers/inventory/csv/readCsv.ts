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
  /** The records, one batch per chunk read; closing the generator closes the input. */
  batches: AsyncGenerator<CsvRow[]>;
}

const DELIMITERS = [',', ';', '\t', '|'];
const HEAD_BYTES = 64 * 1024;
/** Parsed chunks waiting for the consumer before the input is paused. */
const MAX_QUEUED = 1;

/**
 * Opens a CSV stream with Papa Parse, streaming: strips a UTF-8 BOM, detects the delimiter from
 * the header line, decodes UTF-8 across chunk boundaries, and hands over records in batches (one
 * per chunk) so the caller does not pay a promise per record. Records Papa Parse cannot read
 * (unbalanced quotes) are reported through `onSkip` with their line and left out.
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

  const text = Readable.from(
    (async function* decoded() {
      if (head) yield head;
      if (exhausted) return;
      for (;;) {
        const next = await chunks.next();
        if (next.done) break;
        const part = decode(decoder, next.value);
        if (part) yield part;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    })(),
  );

  const queue: Papa.ParseResult<string[]>[] = [];
  let parser: Papa.Parser | undefined;
  let paused = false;
  let done = false;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  Papa.parse<string[]>(text as unknown as File, {
    delimiter,
    skipEmptyLines: false,
    chunk(results, handle) {
      parser = handle;
      queue.push(results);
      if (queue.length >= MAX_QUEUED && !paused) {
        paused = true;
        handle.pause();
      }
      notify();
    },
    complete() {
      done = true;
      notify();
    },
    error(error: Error) {
      failure = error;
      notify();
    },
  });

  async function nextResult(): Promise<Papa.ParseResult<string[]> | undefined> {
    for (;;) {
      if (queue.length > 0) {
        const result = queue.shift()!;
        if (paused && queue.length < MAX_QUEUED) {
          paused = false;
          parser?.resume();
        }
        return result;
      }
      if (failure) {
        throw new InputError(
          `${file}: not readable as CSV: ${(failure as Error).message}`,
          failure,
        );
      }
      if (done) return undefined;
      await waitForParser();
    }
  }

  function waitForParser() {
    return new Promise<void>(resolve => {
      wake = resolve;
    });
  }

  let line = 1;
  /** Turns a parsed chunk into rows with line numbers, leaving out blank lines and bad records. */
  function toRows(data: string[][], errors: Papa.ParseError[]): CsvRow[] {
    const bad = new Map<number, string>();
    for (const error of errors) {
      if (error.row !== undefined) bad.set(error.row, error.message);
    }
    const rows: CsvRow[] = [];
    for (let i = 0; i < data.length; i++) {
      const values = data[i];
      const start = line;
      line += 1 + newlines(values);
      if (values.length === 1 && values[0] === '') continue;
      const error = bad.get(i);
      if (error) onSkip(start, error);
      else rows.push({ line: start, values });
    }
    return rows;
  }

  // The header is the first non-blank record.
  let first: CsvRow[] = [];
  while (first.length === 0) {
    const result = await nextResult();
    if (!result) {
      input.destroy();
      throw new InputError(
        `${file} line 1: the file is empty, expected a header row`,
      );
    }
    first = toRows(result.data, result.errors);
  }
  const rest = first.slice(1);

  async function* batches(): AsyncGenerator<CsvRow[]> {
    if (rest.length > 0) yield rest;
    for (;;) {
      const next = await nextResult();
      if (!next) return;
      const batch = toRows(next.data, next.errors);
      if (batch.length > 0) yield batch;
    }
  }

  return {
    header: first[0].values.map(h => h.trim()),
    decimalComma: delimiter === ';',
    batches: closing(batches(), () => {
      parser?.abort();
      input.destroy();
    }),
  };
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
