import Papa from 'papaparse';
import type { CsvRow } from './readCsv';

/** The line break of a CSV file. */
export type LineBreak = '\n' | '\r' | '\r\n';

/**
 * Parses a CSV text piece by piece with Papa Parse's `Parser` (the parser its streamers use):
 * a record cut by the end of a piece is kept back and parsed with the next, and every row gets
 * the line it starts on (1-based, the header is line 1).
 */
export class CsvPieceParser {
  private line = 1;
  /** The start of a record cut by the end of the last piece. */
  private partial = '';

  constructor(
    private readonly delimiter: string,
    private readonly newline: LineBreak | undefined,
    private readonly onSkip: (line: number, message: string) => void,
  ) {}

  /** Parses `text` after the partial record; the last record is kept back unless `last`. */
  parse(text: string, last: boolean): CsvRow[] {
    const aggregate = this.partial + text;
    const parser = new Papa.Parser({
      delimiter: this.delimiter,
      newline: this.newline,
    });
    const result = parser.parse(aggregate, 0, !last) as Papa.ParseResult<
      string[]
    >;
    const consumed = last ? aggregate.length : result.meta.cursor;
    this.partial = last ? '' : aggregate.substring(consumed);
    return this.toRows(result.data, result.errors, aggregate, consumed, last);
  }

  /** Turns parsed records into rows with line numbers, leaving out blank lines and bad records. */
  private toRows(
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
    const breaks = this.newline === '\r' ? 0 : data.length - (last ? 1 : 0);
    const simple = newlinesIn(text, consumed) === breaks;
    const rows: CsvRow[] = [];
    for (let i = 0; i < data.length; i++) {
      const values = data[i];
      const start = this.line;
      this.line += simple ? 1 : 1 + newlines(values);
      if (values.length === 1 && values[0] === '') continue;
      const error = bad.get(i);
      if (error) this.onSkip(start, error);
      else rows.push({ line: start, values });
    }
    return rows;
  }
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
export function guessLineEndings(
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
