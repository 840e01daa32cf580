import type { BusinessCase } from '@sirsi-nexus/plugin-migration-common';
import { escapeMarkdown, money, table } from '../assessment/render/markdown';

function breakEvenLine(bc: BusinessCase): string {
  if (bc.status !== 'complete') return `_${bc.reason ?? 'Incomplete.'}_`;
  if (!bc.breakEven) {
    return '**Break-even**: not within five years at these rates.';
  }
  return `**Break-even**: month ${bc.breakEven.month} (year ${bc.breakEven.year}) after the move starts.`;
}

function retireLines(bc: BusinessCase): string[] {
  if (bc.retireCandidates.length === 0) return [];
  const m = (n: number) => money(n, bc.currency);
  return [
    '',
    `### Retire candidates (${m(bc.retireSavingMonthly)} per month)`,
    '',
    ...table(
      ['Server', 'Why', 'Planned', 'Saving per month', 'Cloud cost avoided'],
      bc.retireCandidates.map(c => [
        escapeMarkdown(c.name),
        `${c.reason}: ${escapeMarkdown(c.detail)}`,
        c.plannedStrategy,
        m(c.monthlySaving),
        m(c.cloudMonthly),
      ]),
    ),
  ];
}

/**
 * The business case as a report section: totals over one, three and five years, the break-even
 * point, the cash flow year by year and the retire candidates.
 */
export function businessCaseLines(bc: BusinessCase | undefined): string[] {
  if (!bc) return [];
  const m = (n: number) => money(n, bc.currency);
  return [
    '## Business case',
    '',
    `On-prem ${m(bc.monthly.onPrem)} against cloud ${m(
      bc.monthly.cloud,
    )} per month (${bc.commitment}), one-off migration cost ${m(
      bc.oneOff.total,
    )}.`,
    '',
    breakEvenLine(bc),
    '',
    ...table(
      ['Horizon', 'On-prem', 'Cloud (one-off included)', 'Savings'],
      bc.horizons.map(h => [
        `${h.years} year${h.years === 1 ? '' : 's'}`,
        m(h.onPrem),
        m(h.cloud),
        m(h.savings),
      ]),
    ),
    '',
    ...table(
      [
        'Year',
        'On-prem',
        'Cloud',
        'One-off',
        'Net cash flow',
        'Cumulative savings',
      ],
      bc.years.map(y => [
        String(y.year),
        m(y.onPrem),
        m(y.cloud),
        m(y.oneOff),
        m(y.netCashFlow),
        m(y.cumulativeSavings),
      ]),
    ),
    ...retireLines(bc),
    '',
    ...bc.assumptions.map(a => `- ${a}`),
    '',
  ];
}
