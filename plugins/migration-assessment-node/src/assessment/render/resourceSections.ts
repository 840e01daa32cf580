import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import {
  escapeMarkdown as e,
  money,
  ROW_LIMIT,
  table,
  type SectionContext,
} from './markdown';
import { sizingEvidence } from '../sizing/rightsize';

/** One row per resource: strategy, target type, cost and risk. */
export function resourcesSection(a: Assessment, ctx: SectionContext): string[] {
  const lines = [
    '## Resources',
    '',
    ...table(
      [
        'Resource',
        'Kind',
        'Wave',
        'Strategy (rule)',
        'Target type',
        'Confidence',
        'Monthly (on-demand)',
        'Risk',
      ],
      a.resources
        .slice(0, ROW_LIMIT)
        .map(r => [
          e(r.name),
          r.kind,
          String(r.wave),
          `${r.strategy.strategy} (${r.strategy.rule})`,
          r.sizing ? e(r.sizing.instanceType) : '–',
          r.sizing
            ? `${r.sizing.confidence}, ${sizingEvidence(
                r.sizing.inputs,
                r.sizing.basis === 'utilization',
              )}`
            : '–',
          r.cost ? money(r.cost.total.onDemand, ctx.currency) : '–',
          `${r.risk.score} ${r.risk.level}`,
        ]),
    ),
  ];
  if (a.resources.length > ROW_LIMIT) {
    lines.push(
      '',
      `_${a.resources.length - ROW_LIMIT} more resources in assessment.json._`,
    );
  }
  lines.push('');
  return lines;
}

/** Migration-wide factors, the tolerance and the riskiest resources with their factors. */
export function risksSection(a: Assessment): string[] {
  const risky = a.resources
    .filter(r => r.risk.factors.length > 0)
    .sort((x, y) => y.risk.score - x.risk.score)
    .slice(0, 50);
  if (risky.length === 0 && a.risk.factors.length === 0) return [];
  const lines = ['## Risks', '', `Migration score: ${a.risk.formula}.`, ''];
  for (const f of a.risk.factors) {
    lines.push(
      `- **Migration**: ${e(f.title)} (+${f.points}) — ${e(
        f.detail,
      )} Mitigation: ${e(f.mitigation)}`,
    );
  }
  if (a.risk.tolerance && a.risk.tolerance.exceeding.length > 0) {
    lines.push(
      `- ${a.risk.tolerance.exceeding.length} resource(s) exceed the ${a.risk.tolerance.level} risk tolerance (score > ${a.risk.tolerance.maxScore}).`,
    );
  }
  for (const r of risky) {
    lines.push(`- **${e(r.name)}** ${r.risk.score}/100:`);
    for (const f of r.risk.factors) {
      lines.push(
        `  - ${e(f.title)} (+${f.points}): ${e(f.detail)} Mitigation: ${e(
          f.mitigation,
        )}`,
      );
    }
  }
  lines.push('');
  return lines;
}
