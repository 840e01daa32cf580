import type {
  Assessment,
  CommitmentAmounts,
} from '@sirsi-nexus/plugin-migration-common';

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

function money(value: number | undefined, currency: string) {
  if (value === undefined) return '–';
  return `${value.toLocaleString('en-US', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })} ${currency}`;
}

function amounts(a: CommitmentAmounts | undefined, currency: string) {
  if (!a) return '–';
  return `${money(a.onDemand, currency)} / ${money(
    a.commit1y,
    currency,
  )} / ${money(a.commit3y, currency)}`;
}

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map(r => `| ${r.join(' | ')} |`),
  ];
}

/** Most rows a table shows before it summarises the rest. */
const ROW_LIMIT = 500;

/**
 * Renders the `assessment.md` artifact: a readable report of an assessment for people. Every
 * string that came from an inventory or from the advisor is escaped.
 *
 * @public
 */
export function renderAssessmentMarkdown(a: Assessment): string {
  const cur = a.inputs.currency;
  const e = escapeMarkdown;
  const byId = new Map(a.resources.map(r => [r.id, r]));
  const name = (id: string) => e(byId.get(id)?.name ?? id);
  const lines: string[] = [];

  lines.push(
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
  );
  if (a.summary.endOfLifeSystems.length > 0) {
    lines.push(
      `- End-of-life operating systems: ${a.summary.endOfLifeSystems
        .map(e)
        .join(', ')}.`,
    );
  }
  if (a.cost) {
    lines.push(
      `- Monthly cost (on-demand / 1-year / 3-year commitment): ${amounts(
        a.cost.total,
        cur,
      )}.`,
    );
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
  }
  lines.push(
    `- Compliance: ${a.compliance.summary.pass} pass, ${a.compliance.summary.warn} warn, ${a.compliance.summary.fail} fail.`,
    '',
  );

  if (a.advisor.status === 'ok' && a.advisor.summary) {
    lines.push(
      '## Advisor notes',
      '',
      `_Written by ${e(a.advisor.provider)} ${e(
        a.advisor.model ?? '',
      )}; advisory only — it changes no figure in this report._`,
      '',
      `> ${e(a.advisor.summary)}`,
      '',
    );
    for (const note of a.advisor.waveNotes) {
      lines.push(`- Wave ${note.wave}: ${e(note.note)}`);
    }
    for (const risk of a.advisor.extraRisks) {
      lines.push(
        `- Risk (${risk.severity}): **${e(risk.title)}** — ${e(risk.detail)}${
          risk.resourceIds.length
            ? ` (${risk.resourceIds.map(name).join(', ')})`
            : ''
        }`,
      );
    }
    lines.push('');
  } else if (a.advisor.status === 'fallback') {
    lines.push(
      '## Advisor notes',
      '',
      `_The ${e(a.advisor.provider)} advisor was not used: ${e(
        a.advisor.reason ?? 'unknown reason',
      )}. The assessment stands on the rules alone._`,
      '',
    );
  }

  lines.push('## Waves', '');
  lines.push(
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
          w.cost ? money(w.cost.onDemand, cur) : '–',
          e(w.reasons.join(' ')),
        ]),
    ),
    '',
  );
  for (const w of a.waves.slice(0, 50)) {
    lines.push(
      `- **Wave ${w.number}**: ${w.members.slice(0, 40).map(name).join(', ')}${
        w.members.length > 40 ? ` and ${w.members.length - 40} more` : ''
      }`,
    );
  }
  lines.push('');

  if (a.sharedServices.length > 0) {
    lines.push('## Shared services', '');
    lines.push(
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
    );
  }

  const cyclic = a.moveGroups.filter(g => g.cyclic);
  if (cyclic.length > 0) {
    lines.push('## Move groups with dependency cycles', '');
    for (const g of cyclic.slice(0, 100)) {
      lines.push(
        `- ${g.id} (wave ${g.wave}): ${g.members.map(name).join(', ')}`,
      );
    }
    lines.push('');
  }

  lines.push('## Resources', '');
  lines.push(
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
          r.sizing?.confidence ?? '–',
          r.cost ? money(r.cost.total.onDemand, cur) : '–',
          `${r.risk.score} ${r.risk.level}`,
        ]),
    ),
  );
  if (a.resources.length > ROW_LIMIT) {
    lines.push(
      '',
      `_${a.resources.length - ROW_LIMIT} more resources in assessment.json._`,
    );
  }
  lines.push('');

  const risky = a.resources
    .filter(r => r.risk.factors.length > 0)
    .sort((x, y) => y.risk.score - x.risk.score)
    .slice(0, 50);
  if (risky.length > 0 || a.risk.factors.length > 0) {
    lines.push('## Risks', '', `Migration score: ${a.risk.formula}.`, '');
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
  }

  lines.push('## Compliance', '');
  lines.push(
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
  );

  if (a.cost) {
    lines.push(
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
          [
            'License',
            money(a.cost.license, cur),
            money(a.cost.license, cur),
            money(a.cost.license, cur),
          ],
          [
            'Storage',
            money(a.cost.storage, cur),
            money(a.cost.storage, cur),
            money(a.cost.storage, cur),
          ],
          [
            '**Total**',
            money(a.cost.total.onDemand, cur),
            money(a.cost.total.commit1y, cur),
            money(a.cost.total.commit3y, cur),
          ],
        ],
      ),
      '',
      `Prices: ${a.inputs.priceCatalog.provider} ${e(
        a.inputs.priceCatalog.region,
      )} catalog of ${a.inputs.priceCatalog.asOf} (${e(
        a.inputs.priceCatalog.source,
      )}); ${a.inputs.hoursPerMonth} h/month; commitment discounts ${Math.round(
        a.inputs.commitmentDiscounts.oneYear * 100,
      )}% / ${Math.round(
        a.inputs.commitmentDiscounts.threeYear * 100,
      )}% on compute (${e(
        a.inputs.commitmentDiscounts.basis,
      )}). Retired and retained resources are not counted.`,
      '',
    );
  }

  if (a.schedule) {
    lines.push(
      '## Schedule',
      '',
      `Bandwidth ${a.schedule.bandwidthMbps} Mbit/s; total transfer ${
        a.schedule.totalTransferHours
      } h; total cutover ${a.schedule.totalCutoverMinutes} min${
        a.schedule.completesAt ? `; completes ${a.schedule.completesAt}` : ''
      }.`,
      '',
      ...table(
        ['Wave', 'Status', 'Replication', 'Cutover', 'Note'],
        a.schedule.entries
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
    );
  }

  if (a.warnings.length > 0) {
    lines.push('## Warnings', '', ...a.warnings.map(w => `- ${e(w)}`), '');
  }
  return `${lines.join('\n')}\n`;
}
