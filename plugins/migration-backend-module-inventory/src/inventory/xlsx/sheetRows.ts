import { InputError } from '@backstage/errors';
import type { CsvRow } from '../csv/readCsv';
import { localName, unescapeExcel, xmlParser } from './workbookParts';

/** Rows handed on at once: enough to keep the awaits per row small, few enough to stay young. */
const BATCH_ROWS = 256;

/** The 1-based column of a cell reference (`C5` → 3); 0 when it has no letters. */
export function columnOf(ref: string): number {
  let column = 0;
  for (let i = 0; i < ref.length; i++) {
    const code = ref.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 97 && code <= 122) column = column * 26 + code - 96;
    else if (code !== 36) break; // `$` of an absolute reference
  }
  return column;
}

/**
 * A cell's text as the CSV path would have read it: numbers in JavaScript notation (`.`
 * decimals), booleans as `True`/`False`, inline and rich text joined, formulas by their cached
 * result, error cells as their code (`#N/A`, so a number column reports it as not a number).
 */
export function cellText(
  type: string | undefined,
  value: string,
  strings: readonly string[],
  where: () => string,
): string {
  switch (type) {
    case 's': {
      const index = Number(value);
      const text = strings[index];
      if (text === undefined) {
        throw new InputError(
          `${where()} refers to shared string ${value}; the workbook has ${
            strings.length
          }`,
        );
      }
      return text;
    }
    case 'inlineStr':
    case 'str':
      return unescapeExcel(value);
    case 'b':
      if (value === '') return '';
      return Number(value) !== 0 ? 'True' : 'False';
    case 'e':
      return value;
    case 'd': {
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date.toISOString();
    }
    default: {
      if (value === '') return '';
      const number = Number(value);
      return Number.isNaN(number) ? value.trim() : String(number);
    }
  }
}

/**
 * What a worksheet's XML says, cell by cell: rows by their `r` (or the one after the last),
 * cells by their reference (columns without a cell are empty), values from `<v>` or an inline
 * string's `<t>` runs (phonetic runs left out).
 */
class SheetState {
  rows: CsvRow[] = [];
  private line = 0;
  private cells: string[] = [];
  private column = 0;
  private type: string | undefined;
  private value = '';
  private text = '';
  private collecting = false;
  private inline = false;
  private phonetic = 0;

  constructor(
    private readonly strings: readonly string[],
    private readonly sheet: string,
  ) {}

  open(name: string, attributes: Record<string, string>, selfClosing: boolean) {
    switch (name) {
      case 'row':
        this.line = attributes.r ? Number(attributes.r) : this.line + 1;
        this.cells = [];
        this.column = 0;
        break;
      case 'c':
        this.column = attributes.r ? columnOf(attributes.r) : this.column + 1;
        this.type = attributes.t;
        this.value = '';
        break;
      case 'v':
        this.collecting = !selfClosing;
        this.text = '';
        break;
      case 'is':
        this.inline = true;
        this.type = 'inlineStr';
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 't':
        if (this.inline && this.phonetic === 0) {
          this.collecting = !selfClosing;
          this.text = '';
        }
        break;
      default:
    }
  }

  onText(text: string) {
    if (this.collecting) this.text += text;
  }

  close(name: string) {
    switch (name) {
      case 'v':
        if (this.collecting) this.value = this.text;
        this.collecting = false;
        break;
      case 't':
        if (this.collecting) this.value += this.text;
        this.collecting = false;
        break;
      case 'is':
        this.inline = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      case 'c':
        this.endCell();
        break;
      case 'row':
        if (this.cells.length > 0) {
          this.rows.push({ line: this.line, values: this.cells });
        }
        this.cells = [];
        break;
      default:
    }
  }

  private endCell() {
    const text = cellText(this.type, this.value, this.strings, () =>
      this.where(),
    );
    if (text === '' || this.column < 1) return;
    const index = this.column - 1;
    const cells = this.cells;
    while (cells.length < index) cells.push('');
    cells[index] = text;
  }

  private where() {
    return `sheet ${this.sheet} row ${this.line} column ${this.column}`;
  }

  /** The rows read so far; they are the caller's now. */
  take(): CsvRow[] {
    const rows = this.rows;
    this.rows = [];
    return rows;
  }
}

/**
 * The rows of a worksheet that hold any value, in batches, as its XML is inflated: each row's
 * values run from column A to its last cell with a value (cells between without one are empty).
 *
 * @throws InputError naming the sheet, row and column of a cell that refers to a shared string
 * the workbook does not have; the XML parser's error for malformed XML.
 */
export async function* sheetRows(
  chunks: AsyncIterable<string>,
  part: string,
  sheet: string,
  strings: readonly string[],
): AsyncGenerator<CsvRow[]> {
  const state = new SheetState(strings, sheet);
  const parser = xmlParser(part);
  parser.on('opentag', tag =>
    state.open(localName(tag.name), tag.attributes, tag.isSelfClosing),
  );
  parser.on('text', text => state.onText(text));
  parser.on('cdata', text => state.onText(text));
  parser.on('closetag', tag => state.close(localName(tag.name)));
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (state.rows.length >= BATCH_ROWS) yield state.take();
  }
  parser.close();
  if (state.rows.length > 0) yield state.take();
}
