import type { CommitmentAmounts } from '@sirsi-nexus/plugin-migration-common';

/**
 * Escapes text from inventories (names, tags, advisor output) so it renders as literal text in
 * Markdown and cannot inject links, HTML, emphasis or table cells. The text always lands mid-line
 * (in a cell or after a list marker), so line-start syntax (`#`, `-`, `1.`) needs no escaping.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_{}[\]<>|~&]/g, ch => `\\${ch}`);
}

/** An amount with two decimals and its currency, or a dash. */
export function money(value: number | undefined, currency: string) {
  if (value === undefined) return '–';
  return `${value.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
}

/** On-demand / 1-year / 3-year amounts, or a dash. */
export function amounts(a: CommitmentAmounts | undefined, currency: string) {
  if (!a) return '–';
  return `${money(a.onDemand, currency)} / ${money(
    a.commit1y,
    currency,
  )} / ${money(a.commit3y, currency)}`;
}

/** A Markdown table. */
export function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ];
}

/** Most rows a table shows before it summarises the rest. */
export const ROW_LIMIT = 500;

/** What every section renders with: the currency and the escaped name of a resource id. */
export interface SectionContext {
  currency: string;
  name: (id: string) => string;
}
