import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import {
  amounts,
  escapeMarkdown as e,
  money,
  type SectionContext,
} from './markdown';

function costLines(a: Assessment, cur: string): string[] {
  if (!a.cost) return [];
  const lines = [
    `- Monthly cost (on-demand / 1-year / 3-year commitment): ${amounts(
      a.cost.total,
      cur,
    )}.`,
  ];
  if (a.cost.current !== undefined && a.cost.savings) {
    lines.push(
      `- Current monthly cost ${money(
        a.cost.current,
        cur,
      )}; savings on-demand ${money(
        a.cost.savings.onDemand,
        cur,
      )}, with 3-year commitment ${money(a.cost.savings.commit3y, cur)}.`,
    );
  }
  return lines;
}

/** Title, target line and the summary list. */
export function summarySection(a: Assessment, ctx: SectionContext): string[] {
  const lines = [
    `# Migration assessment${a.migrationId ? ` — ${e(a.migrationId)}` : ''}`,
    '',
    `Target **${a.target.provider} ${e(
      a.target.region,
    )}** · compliance profile **${a.options.complianceProfile}** · stage **${
      a.stage
    }** · generated ${a.generatedAt}`,
    '',
    '## Summary',
    '',
    `- ${a.summary.resources} resources in ${a.summary.waves} wave(s) and ${a.summary.moveGroups} move group(s) (${a.summary.cyclicMoveGroups} with dependency cycles); ${a.summary.sharedServices} shared service(s).`,
    `- Data to move: ${a.summary.dataGiB} GiB.`,
    `- Strategies: ${Object.entries(a.summary.byStrategy)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    `- Migration risk: **${a.risk.score}/100 (${a.risk.level})**.`,
  ];
  if (a.summary.endOfLifeSystems.length > 0) {
    lines.push(
      `- End-of-life operating systems: ${a.summary.endOfLifeSystems
        .map(e)
        .join(', ')}.`,
    );
  }
  lines.push(
    ...costLines(a, ctx.currency),
    `- Compliance: ${a.compliance.summary.pass} pass, ${a.compliance.summary.warn} warn, ${a.compliance.summary.fail} fail.`,
    '',
  );
  return lines;
}

/** The advisor's notes when it ran, or why it did not; nothing when it is disabled. */
export function advisorSection(a: Assessment, ctx: SectionContext): string[] {
  const advisor = a.advisor;
  if (advisor.status === 'fallback') {
    return [
      '## Advisor notes',
      '',
      `_The ${e(advisor.provider)} advisor was not used: ${e(
        advisor.reason ?? 'unknown reason',
      )}. The assessment stands on the rules alone._`,
      '',
    ];
  }
  if (advisor.status !== 'ok' || !advisor.summary) return [];
  const lines = [
    '## Advisor notes',
    '',
    `_Written by ${e(advisor.provider)} ${e(
      advisor.model ?? '',
    )}; advisory only — it changes no figure in this report._`,
    '',
    `> ${e(advisor.summary)}`,
    '',
  ];
  for (const note of advisor.waveNotes) {
    lines.push(`- Wave ${note.wave}: ${e(note.note)}`);
  }
  for (const risk of advisor.extraRisks) {
    lines.push(
      `- Risk (${risk.severity}): **${e(risk.title)}** — ${e(risk.detail)}${
        risk.resourceIds.length
          ? ` (${risk.resourceIds.map(ctx.name).join(', ')})`
          : ''
      }`,
    );
  }
  lines.push('');
  return lines;
}
