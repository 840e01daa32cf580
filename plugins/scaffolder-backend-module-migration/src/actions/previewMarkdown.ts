import { countOf } from '@sirsi-nexus/plugin-migration-common';
import type { Assessment } from '@sirsi-nexus/plugin-migration-common';

/** Text from the catalog is data: keep it from breaking out of a table cell or a line. */
function cell(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[|\\`*_<>[\]]/g, c => `\\${c}`);
}

function money(amount: number, currency: string): string {
  return `${amount.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
}

/**
 * A short Markdown preview of an assessment for the template's output page: size, cost, risk,
 * compliance, the waves and the riskiest resources.
 */
export function previewMarkdown(assessment: Assessment, maxRisks = 5): string {
  const { summary, cost, risk, compliance } = assessment;
  const lines: string[] = [];
  lines.push(
    `**${countOf(summary.resources, 'resource')} in ${countOf(
      summary.waves,
      'wave',
    )}** to ${assessment.target.provider.toUpperCase()} ${cell(
      assessment.target.region,
    )}`,
  );
  if (cost) {
    lines.push(
      '',
      `Estimated cost: **${money(
        cost.total.onDemand,
        cost.currency,
      )} per month** on demand; ${money(
        cost.total.commit1y,
        cost.currency,
      )} with a 1-year, ${money(
        cost.total.commit3y,
        cost.currency,
      )} with a 3-year commitment.`,
    );
  }
  lines.push(
    '',
    `Risk: **${risk.score} (${risk.level})**. Compliance (${compliance.profile}): ${compliance.summary.pass} pass, ${compliance.summary.warn} warn, ${compliance.summary.fail} fail.`,
  );
  if (assessment.waves.length > 0) {
    lines.push(
      '',
      '| Wave | Resources | Data (GiB) | Cutover (min) |',
      '| --- | --- | --- | --- |',
    );
    for (const wave of assessment.waves) {
      lines.push(
        `| ${wave.number} | ${wave.members.length} | ${Math.round(
          wave.dataGiB,
        )} | ${Math.round(wave.cutoverMinutes)} |`,
      );
    }
  }
  const risky = [...assessment.resources]
    .filter(r => r.risk.score > 0)
    .sort((a, b) => b.risk.score - a.risk.score || a.name.localeCompare(b.name))
    .slice(0, maxRisks);
  if (risky.length > 0) {
    lines.push('', 'Highest risks:');
    for (const r of risky) {
      const top = r.risk.factors[0];
      lines.push(
        `- ${cell(r.name)}: ${r.risk.score}${
          top ? ` — ${cell(top.title)}; ${cell(top.mitigation)}` : ''
        }`,
      );
    }
  }
  if (summary.endOfLifeSystems.length > 0) {
    lines.push(
      '',
      `End-of-life operating systems: ${summary.endOfLifeSystems
        .map(cell)
        .join(', ')}.`,
    );
  }
  return lines.join('\n');
}
