import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { ColumnMap, ColumnSpec } from '../csv/columns';
import { parseNumber } from '../csv/values';
import type { RowContext } from './types';

/**
 * A required number of a server row that must be positive (and whole, for counts); undefined when
 * it is not, the row rejected with the column's label, the raw value and the server's name.
 */
export function requirePositive(
  raw: string | undefined,
  line: number,
  ctx: RowContext,
  what: { label: string; server: string; whole?: boolean; unit?: string },
): number | undefined {
  const value = parseNumber(raw, ctx.decimalComma);
  if (
    value === undefined ||
    value <= 0 ||
    (what.whole && !Number.isInteger(value))
  ) {
    const kind = what.whole ? 'a positive whole number' : 'a positive number';
    ctx.reject(
      line,
      `${what.label} "${raw ?? ''}" of "${what.server}" is not ${kind}${
        what.unit ? ` of ${what.unit}` : ''
      }`,
    );
    return undefined;
  }
  return value;
}

/** Reports a cell of a server that is not a number and is ignored. */
export function notANumberWarning(
  ctx: RowContext,
  line: number,
  server: string,
) {
  return (label: string, raw: string) =>
    ctx.warn(line, `${label} "${raw}" of "${server}" is not a number; ignored`);
}

/**
 * Reads the optional number columns of a row: a cell that is not a number is reported through
 * `warn` and read as missing.
 */
export function optionalNumbers<K extends string>(
  get: (i: number) => string | undefined,
  columns: ColumnMap<K>,
  specs: Record<K, ColumnSpec>,
  decimalComma: boolean,
  warn: (label: string, raw: string) => void,
): (key: K) => number | undefined {
  return key => {
    const raw = get(columns.index[key]);
    const value = parseNumber(raw, decimalComma);
    if (raw !== undefined && value === undefined) warn(specs[key].label, raw);
    return value;
  };
}

/** A server of an inventory file: known by its lower-case name, its file and line kept as raw. */
export function inventoryVm(
  ctx: RowContext,
  line: number,
  source: string,
  vm: {
    name: string;
    specs: DiscoveredResource['specs'];
    tags: Record<string, string>;
  },
): DiscoveredResource {
  return {
    provider: 'inventory',
    environmentId: ctx.environmentId,
    externalId: vm.name.toLowerCase(),
    kind: 'vm',
    name: vm.name,
    specs: vm.specs,
    tags: vm.tags,
    dependsOn: [],
    raw: { source, file: ctx.file, line },
  };
}

/** Two decimals, for sizes and rates. */
export function round(value: number): number {
  return Math.round(value * 100) / 100;
}
