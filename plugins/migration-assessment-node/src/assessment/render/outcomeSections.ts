import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import {
  escapeMarkdown as e,
  money,
  ROW_LIMIT,
  table,
  type SectionContext,
} from './markdown';

/** How the 1- and 3-year columns were priced, in words. */
const APPLIED_AS = {
  reservation: 'reservation',
  'savings-plan': 'savings plan',
  'committed-use': 'committed use',
} as const;

/** Every compliance check with its finding and remediation. */
export function complianceSection(a: Assessment): string[] {
  return [
    '## Compliance',
    '',
    ...table(
      ['Check', 'Status', 'Finding', 'Remediation'],
      a.compliance.checks.map(c => [
        e(c.title),
        c.status.toUpperCase(),
        e(c.message),
        e(c.remediation ?? '–'),
      ]),
    ),
    '',
  ];
}

/** Monthly cost by part and commitment, and the prices it was computed from. */
export function costSection(a: Assessment, ctx: SectionContext): string[] {
  if (!a.cost) return [];
  const cur = ctx.currency;
  const same = (label: string, value: number) => [
    label,
    money(value, cur),
    money(value, cur),
    money(value, cur),
  ];
  const { priceCatalog } = a.inputs;
  const applied = a.inputs.commitmentPricing ?? {
    appliedAs: 'reservation',
    ...a.inputs.commitmentDiscounts,
  };
  return [
    '## Cost (monthly)',
    '',
    ...table(
      ['', 'On-demand', '1-year commitment', '3-year commitment'],
      [
        [
          'Compute',
          money(a.cost.compute.onDemand, cur),
          money(a.cost.compute.commit1y, cur),
          money(a.cost.compute.commit3y, cur),
        ],
        same('License', a.cost.license),
        same('Storage', a.cost.storage),
        [
          '**Total**',
          money(a.cost.total.onDemand, cur),
          money(a.cost.total.commit1y, cur),
          money(a.cost.total.commit3y, cur),
        ],
      ],
    ),
    '',
    `Prices: ${priceCatalog.provider} ${e(priceCatalog.region)} ${
      priceCatalog.origin === 'fetched' ? 'price list read' : 'catalog of'
    } ${priceCatalog.asOf} (${e(priceCatalog.source)}); ${
      a.inputs.hoursPerMonth
    } h/month; 1- and 3-year columns at ${
      APPLIED_AS[applied.appliedAs]
    } prices, ${Math.round(applied.oneYear * 100)}% / ${Math.round(
      applied.threeYear * 100,
    )}% off compute (${e(
      applied.basis,
    )}). Retired and retained resources are not counted.`,
    ...choicesLine(a.inputs),
    '',
  ];
}

const TERM_COLUMN = {
  none: 'On-demand',
  '1y': '1-year commitment',
  '3y': '3-year commitment',
} as const;

/** The pricing choices of the request (or the operator's defaults). */
function choicesLine(inputs: Assessment['inputs']): string[] {
  if (!inputs.commitmentTerm && !inputs.hybridBenefit) return [];
  const pricing = inputs.commitmentPricing;
  const parts = [
    `Chosen commitment: ${TERM_COLUMN[inputs.commitmentTerm ?? 'none']}${
      pricing?.requested === 'savings-plan' ? ' as savings plan' : ''
    }`,
  ];
  if (pricing?.note) parts.push(e(pricing.note).replace(/\.$/, ''));
  if (inputs.hybridBenefit) {
    parts.push(
      'Windows licenses brought (Hybrid Benefit / BYOL): no license cost',
    );
  }
  return ['', `${parts.join('; ')}.`];
}

/** Replication and cutover times per wave. */
export function scheduleSection(a: Assessment): string[] {
  if (!a.schedule) return [];
  const schedule = a.schedule;
  return [
    '## Schedule',
    '',
    `Bandwidth ${schedule.bandwidthMbps} Mbit/s; total transfer ${
      schedule.totalTransferHours
    } h; total cutover ${schedule.totalCutoverMinutes} min${
      schedule.completesAt ? `; completes ${schedule.completesAt}` : ''
    }.`,
    '',
    ...table(
      ['Wave', 'Status', 'Replication', 'Cutover', 'Note'],
      schedule.entries
        .slice(0, ROW_LIMIT)
        .map(s => [
          String(s.wave),
          s.status,
          s.replicationStart
            ? `${s.replicationStart} → ${s.replicationEnd}`
            : '–',
          s.cutoverStart ? `${s.cutoverStart} → ${s.cutoverEnd}` : '–',
          e(s.note),
        ]),
    ),
    '',
  ];
}

/** The assessment's warnings. */
export function warningsSection(a: Assessment): string[] {
  if (a.warnings.length === 0) return [];
  return ['## Warnings', '', ...a.warnings.map(w => `- ${e(w)}`), ''];
}
