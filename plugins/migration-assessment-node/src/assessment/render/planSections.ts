import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import {
  escapeMarkdown as e,
  money,
  ROW_LIMIT,
  table,
  type SectionContext,
} from './markdown';

/** The wave table and the members of each wave. */
export function wavesSection(a: Assessment, ctx: SectionContext): string[] {
  const lines = [
    '## Waves',
    '',
    ...table(
      [
        'Wave',
        'Resources',
        'Depends on',
        'Data (GiB)',
        'Transfer (h)',
        'Cutover (min)',
        'Monthly cost',
        'Why',
      ],
      a.waves
        .slice(0, ROW_LIMIT)
        .map(w => [
          String(w.number),
          String(w.members.length),
          w.dependsOnWaves.join(', ') || '–',
          String(w.dataGiB),
          String(w.transferHours),
          String(w.cutoverMinutes),
          w.cost ? money(w.cost.onDemand, ctx.currency) : '–',
          e(w.reasons.join(' ')),
        ]),
    ),
    '',
  ];
  for (const w of a.waves.slice(0, 50)) {
    lines.push(
      `- **Wave ${w.number}**: ${w.members
        .slice(0, 40)
        .map(ctx.name)
        .join(', ')}${
        w.members.length > 40 ? ` and ${w.members.length - 40} more` : ''
      }`,
    );
  }
  lines.push('');
  return lines;
}

/** The shared services and the choice recommended for each. */
export function sharedServicesSection(a: Assessment): string[] {
  if (a.sharedServices.length === 0) return [];
  return [
    '## Shared services',
    '',
    ...table(
      ['Resource', 'Fan-in', 'Wave', 'Recommendation', 'Why'],
      a.sharedServices.map(s => [
        e(s.name),
        String(s.fanIn),
        String(s.wave),
        s.recommendation,
        e(s.reason),
      ]),
    ),
    '',
  ];
}

/** The move groups a dependency cycle binds. */
export function cyclicMoveGroupsSection(
  a: Assessment,
  ctx: SectionContext,
): string[] {
  const cyclic = a.moveGroups.filter(g => g.cyclic);
  if (cyclic.length === 0) return [];
  return [
    '## Move groups with dependency cycles',
    '',
    ...cyclic
      .slice(0, 100)
      .map(
        g =>
          `- ${g.id} (wave ${g.wave}): ${g.members.map(ctx.name).join(', ')}`,
      ),
    '',
  ];
}
