import { InputError } from '@backstage/errors';

/** A column a format reads, under any of its names. */
export interface ColumnSpec {
  /** Name shown in messages, as the tool writes it. */
  label: string;
  /** Accepted header names; compared after {@link normalizeHeader}. */
  names: string[];
  required?: boolean;
}

/** Where each known column is (-1 when absent) and which columns nobody asked for. */
export interface ColumnMap<K extends string> {
  index: Record<K, number>;
  /** Columns not in the spec: custom attributes and the like. */
  others: { index: number; name: string }[];
}

/**
 * Header names compared without case, spaces, punctuation and the `*` marks of required columns:
 * `*Memory (In MB)`, `memory (in mb)` and `MemoryInMB` are the same column.
 */
export function normalizeHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[^a-z0-9#]/g, '');
}

/**
 * Finds the columns of `specs` in a header.
 *
 * @param rowWord - how the header's position is named: `line` 1 of a CSV file, `row` 1 of a sheet
 * @throws InputError naming the file (and sheet), the header row and every missing required column.
 */
export function mapColumns<S extends Record<string, ColumnSpec>>(
  header: string[],
  specs: S,
  file: string,
  formatLabel: string,
  rowWord: 'line' | 'row' = 'line',
): ColumnMap<keyof S & string> {
  type K = keyof S & string;
  const positions = new Map<string, number>();
  header.forEach((name, i) => {
    const key = normalizeHeader(name);
    if (key && !positions.has(key)) positions.set(key, i);
  });

  const index = {} as Record<K, number>;
  const used = new Set<number>();
  const missing: string[] = [];
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const found = spec.names
      .map(n => positions.get(normalizeHeader(n)))
      .find(i => i !== undefined);
    index[key] = found ?? -1;
    if (found !== undefined) used.add(found);
    else if (spec.required) missing.push(`"${spec.label}"`);
  }
  if (missing.length > 0) {
    const shown = header.slice(0, 12).join(', ');
    throw new InputError(
      `${file} ${rowWord} 1: missing required ${formatLabel} column${
        missing.length > 1 ? 's' : ''
      } ${missing.join(', ')}; the header has: ${shown}${
        header.length > 12 ? `, … (${header.length} columns)` : ''
      }`,
    );
  }
  const others = header
    .map((name, i) => ({ index: i, name: name.replace(/^\uFEFF/, '').trim() }))
    .filter(c => !used.has(c.index) && c.name !== '');
  return { index, others };
}

/** The trimmed value of a column in a row, or undefined when absent or empty. */
export function cell(values: string[], index: number): string | undefined {
  if (index < 0) return undefined;
  const raw = values[index];
  if (raw === undefined || raw === '') return undefined;
  // Most cells have no surrounding spaces; trim only those that do.
  const value =
    raw.charCodeAt(0) > 32 && raw.charCodeAt(raw.length - 1) > 32
      ? raw
      : raw.trim();
  return value === '' ? undefined : value;
}
