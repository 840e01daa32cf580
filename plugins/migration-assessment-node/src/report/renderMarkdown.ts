import type { MigrationReport } from '@sirsi-nexus/plugin-migration-common';
import { businessCaseLines } from './businessCaseMarkdown';

/** Escapes text for a Markdown table cell. */
function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: unknown[][]): string[] {
  if (rows.length === 0) return ['_None._'];
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.map(cell).join(' | ')} |`),
  ];
}

function bytes(n?: number) {
  if (n === undefined) return undefined;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function duration(ms?: number) {
  if (ms === undefined) return undefined;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

const money = (n: number | undefined, currency: string) =>
  n === undefined ? undefined : `${n.toFixed(2)} ${currency}`;

function headerLines(report: MigrationReport): string[] {
  const m = report.migration;
  return [
    `# Migration report: ${m.title}`,
    '',
    `- **Migration**: ${m.id} — status **${m.status}**${
      m.status === 'running' && m.currentPhase === 'support'
        ? " (this report is the support phase's last step; the migration completes with it)"
        : ''
    }`,
    `- **From** environment \`${m.sourceEnvironmentId}\` **to** ${m.target.provider} ${m.target.region}`,
    `- **Owner**: ${m.owner}; **requested by**: ${m.requestedBy}`,
    `- **Created**: ${m.createdAt}${
      m.completedAt ? `; **completed**: ${m.completedAt}` : ''
    }`,
    `- **Report generated**: ${report.generatedAt}`,
    '',
  ];
}

function rehearsalLines(report: MigrationReport): string[] {
  if (!report.rehearsal.enabled) return [];
  return [
    '## Rehearsal',
    '',
    '> This was a rehearsal. Nothing at the target was changed.',
    '',
    ...report.rehearsal.statements.map(s => `- ${s}`),
    '',
  ];
}

function movedAndCostLines(report: MigrationReport): string[] {
  const { costs } = report;
  const lines = [
    '## What was moved',
    '',
    ...table(
      ['Name', 'Kind', 'Detail', 'Size', 'Status'],
      report.moved.map(x => [
        x.name,
        x.kind,
        x.detail,
        bytes(x.bytes),
        x.status,
      ]),
    ),
    '',
    '## Costs (monthly)',
    '',
    ...table(
      ['Before', 'After', 'Change', 'Further savings recommended'],
      [
        [
          money(costs.beforeMonthly, costs.currency),
          money(costs.afterMonthly, costs.currency),
          money(costs.deltaMonthly, costs.currency),
          money(costs.recommendedSavingsMonthly, costs.currency),
        ],
      ],
    ),
    '',
    `_${costs.source}._`,
    '',
  ];
  if (report.carbon) {
    lines.push(
      `Estimated footprint at the target: ${report.carbon.kwhPerMonth.toFixed(
        1,
      )} kWh and ${report.carbon.kgCo2ePerMonth.toFixed(
        1,
      )} kg CO2e per month (Cloud Carbon Footprint method).`,
      '',
    );
  }
  return lines;
}

function checkAndDeviationLines(report: MigrationReport): string[] {
  const s = report.checks.summary;
  return [
    '## Checks',
    '',
    report.checks.status
      ? `Overall **${report.checks.status}**: ${s?.passed ?? 0} passed, ${
          s?.warning ?? 0
        } warnings, ${s?.failed ?? 0} failed.`
      : 'Validation has not run.',
    '',
    ...table(
      ['Check', 'Category', 'Status', 'Result'],
      report.checks.items.map(c => [c.name, c.category, c.status, c.message]),
    ),
    '',
    '## Deviations',
    '',
    ...(report.deviations.length
      ? report.deviations.map(
          d =>
            `- **${d.severity}**${
              d.phase ? ` (${d.phase})` : ''
            }: ${d.description.replace(/\r?\n/g, ' ')}`,
        )
      : ['_None: everything ran as planned._']),
    '',
  ];
}

function approvalAndTimingLines(report: MigrationReport): string[] {
  return [
    '## Approvals',
    '',
    ...table(
      ['Phase', 'Decision', 'By', 'At', 'Comment'],
      report.approvals.map(a => [
        a.phase,
        a.status,
        a.decidedBy,
        a.decidedAt,
        a.comment,
      ]),
    ),
    '',
    '## Timings',
    '',
    ...table(
      ['Phase', 'Status', 'Started', 'Completed', 'Duration'],
      report.phases.map(p => [
        p.phase,
        p.status,
        p.startedAt,
        p.completedAt,
        duration(p.durationMs),
      ]),
    ),
    '',
  ];
}

/**
 * Renders the migration report as Markdown (`report.md`).
 *
 * @public
 */
export function renderReportMarkdown(report: MigrationReport): string {
  return [
    ...headerLines(report),
    ...rehearsalLines(report),
    ...movedAndCostLines(report),
    ...businessCaseLines(report.businessCase),
    ...checkAndDeviationLines(report),
    ...approvalAndTimingLines(report),
  ].join('\n');
}
