import type { HclBlock, HclBodyItem, HclFile, HclValue } from './document';
import { sortedEntries } from './document';
import { escapeHclString } from './escape';

const INDENT = '  ';
const RESERVED_KEYS = new Set(['true', 'false', 'null', 'for', 'in', 'if']);
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Display columns as `terraform fmt` counts them: grapheme clusters. */
function columns(text: string): number {
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

function objectKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) && !RESERVED_KEYS.has(key)
    ? key
    : escapeHclString(key);
}

function isInline(value: HclValue): boolean {
  if (value.kind === 'object') return value.entries.length === 0;
  if (value.kind === 'list') return value.items.every(isInline);
  return true;
}

function renderInline(value: HclValue): string {
  switch (value.kind) {
    case 'string':
      return escapeHclString(value.value);
    case 'number':
      if (!Number.isFinite(value.value)) {
        throw new Error(`Cannot write the number ${value.value} in HCL`);
      }
      return String(value.value);
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'expr':
      return value.expr;
    case 'template': {
      const text = value.parts
        .map(part =>
          typeof part === 'string'
            ? escapeHclString(part).slice(1, -1)
            : `\${${part.expr}}`,
        )
        .join('');
      return `"${text}"`;
    }
    case 'list':
      return `[${value.items.map(renderInline).join(', ')}]`;
    case 'object':
      return '{}';
    default:
      throw new Error(`Unknown HCL value ${JSON.stringify(value)}`);
  }
}

/** One logical line of output before alignment. */
type Line =
  | { kind: 'assign'; indent: number; key: string; rest: string }
  | { kind: 'other'; text: string };

function pushAssignment(
  lines: Line[],
  indent: number,
  key: string,
  value: HclValue,
) {
  if (isInline(value)) {
    lines.push({ kind: 'assign', indent, key, rest: renderInline(value) });
    return;
  }
  const pad = INDENT.repeat(indent);
  if (value.kind === 'object') {
    lines.push({ kind: 'other', text: `${pad}${key} = {` });
    for (const [entryKey, entryValue] of sortedEntries(value.entries)) {
      pushAssignment(lines, indent + 1, objectKey(entryKey), entryValue);
    }
    lines.push({ kind: 'other', text: `${pad}}` });
    return;
  }
  if (value.kind === 'list') {
    lines.push({ kind: 'other', text: `${pad}${key} = [` });
    for (const item of value.items) pushListItem(lines, indent + 1, item);
    lines.push({ kind: 'other', text: `${pad}]` });
    return;
  }
  throw new Error(`Cannot write ${value.kind} over several lines`);
}

function pushListItem(lines: Line[], indent: number, item: HclValue) {
  const pad = INDENT.repeat(indent);
  if (isInline(item)) {
    lines.push({ kind: 'other', text: `${pad}${renderInline(item)},` });
  } else if (item.kind === 'object') {
    lines.push({ kind: 'other', text: `${pad}{` });
    for (const [entryKey, entryValue] of sortedEntries(item.entries)) {
      pushAssignment(lines, indent + 1, objectKey(entryKey), entryValue);
    }
    lines.push({ kind: 'other', text: `${pad}},` });
  } else {
    lines.push({ kind: 'other', text: `${pad}[` });
    for (const inner of (item as { items: HclValue[] }).items) {
      pushListItem(lines, indent + 1, inner);
    }
    lines.push({ kind: 'other', text: `${pad}],` });
  }
}

function blockHeader(block: HclBlock): string {
  return [block.blockType, ...block.labels.map(escapeHclString)].join(' ');
}

function pushBlock(lines: Line[], indent: number, block: HclBlock) {
  const pad = INDENT.repeat(indent);
  if (block.body.length === 0) {
    lines.push({ kind: 'other', text: `${pad}${blockHeader(block)} {}` });
    return;
  }
  lines.push({ kind: 'other', text: `${pad}${blockHeader(block)} {` });
  pushBody(lines, indent + 1, block.body);
  lines.push({ kind: 'other', text: `${pad}}` });
}

function pushBody(lines: Line[], indent: number, body: HclBodyItem[]) {
  for (const item of body) {
    if (item.type === 'attribute')
      pushAssignment(lines, indent, item.name, item.value);
    else if (item.type === 'block') pushBlock(lines, indent, item);
    else lines.push({ kind: 'other', text: '' });
  }
}

/**
 * Aligns the `=` of consecutive single-line assignments the way `terraform fmt` does: a run of
 * such lines ends at any other line (block header, multi-line value, closing brace, blank line).
 */
function align(lines: Line[]): string[] {
  const out: string[] = [];
  let run: Array<Extract<Line, { kind: 'assign' }>> = [];
  const flush = () => {
    const width = Math.max(
      0,
      ...run.map(l => INDENT.length * l.indent + columns(l.key)),
    );
    for (const l of run) {
      const lead = `${INDENT.repeat(l.indent)}${l.key}`;
      const spaces = ' '.repeat(
        width - (INDENT.length * l.indent + columns(l.key)) + 1,
      );
      out.push(`${lead}${spaces}= ${l.rest}`);
    }
    run = [];
  };
  for (const line of lines) {
    if (line.kind === 'assign') run.push(line);
    else {
      flush();
      out.push(line.text);
    }
  }
  flush();
  return out;
}

/**
 * Writes an HCL file in `terraform fmt` canonical layout: two-space indentation, aligned
 * equals signs, one blank line between top-level blocks, a trailing newline.
 *
 * @public
 */
export function renderHclFile(file: HclFile): string {
  const lines: Line[] = [];
  for (const comment of file.header ?? []) {
    lines.push({ kind: 'other', text: comment ? `# ${comment}` : '#' });
  }
  file.blocks.forEach((block, index) => {
    if (index > 0 || lines.length > 0) lines.push({ kind: 'other', text: '' });
    pushBlock(lines, 0, block);
  });
  return `${align(lines).join('\n')}\n`;
}
