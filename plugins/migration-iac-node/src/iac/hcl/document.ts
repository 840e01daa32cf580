import { literalToTemplateJson } from './escape';

/**
 * A value in an HCL document.
 *
 * @public
 */
export type HclValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  /** A Terraform expression written as-is, e.g. `aws_vpc.main.id` or `var.region`. */
  | { kind: 'expr'; expr: string }
  /** A quoted template mixing literal text and interpolated expressions, e.g. `"${var.region}a"`. */
  | { kind: 'template'; parts: Array<string | { expr: string }> }
  | { kind: 'list'; items: HclValue[] }
  /** An object; entries are written sorted by key. */
  | { kind: 'object'; entries: Array<[string, HclValue]> };

/** @public */
export interface HclAttribute {
  type: 'attribute';
  name: string;
  value: HclValue;
}

/** @public */
export interface HclBlock {
  type: 'block';
  blockType: string;
  labels: string[];
  body: HclBodyItem[];
}

/** A line break between groups of attributes, kept for readability. @public */
export interface HclBlankLine {
  type: 'blank';
}

/** @public */
export type HclBodyItem = HclAttribute | HclBlock | HclBlankLine;

/**
 * One `.tf` file: a header comment and top-level blocks.
 *
 * @public
 */
export interface HclFile {
  /** Path inside the bundle, with `/` separators, e.g. `wave-01/compute.tf`. */
  path: string;
  /** Comment lines written at the top (without the `# `). */
  header?: string[];
  blocks: HclBlock[];
}

/** Builders for {@link HclValue}s and body items. @public */
export const hcl = {
  str: (value: string): HclValue => ({ kind: 'string', value }),
  num: (value: number): HclValue => ({ kind: 'number', value }),
  bool: (value: boolean): HclValue => ({ kind: 'bool', value }),
  nil: (): HclValue => ({ kind: 'null' }),
  expr: (expr: string): HclValue => ({ kind: 'expr', expr }),
  template: (...parts: Array<string | { expr: string }>): HclValue => ({
    kind: 'template',
    parts,
  }),
  list: (items: HclValue[]): HclValue => ({ kind: 'list', items }),
  strings: (items: string[]): HclValue => ({
    kind: 'list',
    items: items.map(value => ({ kind: 'string', value })),
  }),
  object: (
    entries: Record<string, HclValue> | Array<[string, HclValue]>,
  ): HclValue => ({
    kind: 'object',
    entries: Array.isArray(entries) ? entries : Object.entries(entries),
  }),
  stringMap: (map: Record<string, string>): HclValue => ({
    kind: 'object',
    entries: Object.entries(map).map(([k, v]) => [
      k,
      { kind: 'string', value: v },
    ]),
  }),
  attr: (name: string, value: HclValue): HclAttribute => ({
    type: 'attribute',
    name,
    value,
  }),
  block: (
    blockType: string,
    labels: string[],
    body: HclBodyItem[],
  ): HclBlock => ({
    type: 'block',
    blockType,
    labels,
    body,
  }),
  blank: (): HclBlankLine => ({ type: 'blank' }),
};

/**
 * Sorts object entries by key (code unit order) so output never depends on insertion order.
 *
 * @public
 */
export function sortedEntries(entries: Array<[string, HclValue]>) {
  return [...entries].sort(([a], [b]) => compareStrings(a, b));
}

/**
 * Orders strings by UTF-16 code units, independent of locale.
 *
 * @public
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The JSON that HashiCorp's HCL-to-JSON conversion (`@cdktn/hcl2json`) yields for a value, used
 * to compare a parsed file with what was meant to be written.
 *
 * @public
 */
export function hclValueToJson(value: HclValue): unknown {
  switch (value.kind) {
    case 'string':
      return literalToTemplateJson(value.value);
    case 'number':
    case 'bool':
      return value.value;
    case 'null':
      return null;
    case 'expr':
      return `\${${value.expr}}`;
    case 'template':
      return value.parts
        .map(part =>
          typeof part === 'string'
            ? literalToTemplateJson(part)
            : `\${${part.expr}}`,
        )
        .join('');
    case 'list':
      return value.items.map(hclValueToJson);
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, entry] of sortedEntries(value.entries)) {
        out[literalToTemplateJson(key)] = hclValueToJson(entry);
      }
      return out;
    }
    default:
      throw new Error(`Unknown HCL value ${JSON.stringify(value)}`);
  }
}

/**
 * The JSON body of a block as `@cdktn/hcl2json` reports it: attributes as keys, nested blocks
 * as arrays of bodies under their type.
 *
 * @public
 */
export function hclBodyToJson(body: HclBodyItem[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of body) {
    if (item.type === 'attribute') {
      out[item.name] = hclValueToJson(item.value);
    } else if (item.type === 'block') {
      if (item.labels.length > 0) {
        throw new Error(
          `Nested labelled block ${item.blockType} is not supported`,
        );
      }
      const json = hclBodyToJson(item.body);
      const existing = out[item.blockType];
      if (Array.isArray(existing)) existing.push(json);
      else out[item.blockType] = [json];
    }
  }
  return out;
}

/**
 * A block's JSON as `@cdktn/hcl2json` reports it: the body inside one array, wrapped in one
 * object level per label (`resource "t" "n" {}` → `{ t: { n: [body] } }`).
 *
 * @public
 */
export function hclBlockToJson(block: HclBlock): unknown {
  let json: unknown = [hclBodyToJson(block.body)];
  for (const label of [...block.labels].reverse()) json = { [label]: json };
  return json;
}
