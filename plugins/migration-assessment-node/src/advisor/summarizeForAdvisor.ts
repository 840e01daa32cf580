import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { withoutSecrets } from '../assessment/util/secrets';
import type { AdvisorSummary } from './types';

/** Most resources sent to the model (highest risk first). */
export const MAX_ADVISOR_RESOURCES = 150;
const MAX_TEXT = 80;
const MAX_TAGS = 8;

/** Shortens untrusted text and strips control characters. */
export function clip(text: string, max = MAX_TEXT): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * Tags as the advisor may see them: keys that name secrets dropped, values that look like
 * credentials replaced by `[redacted]`, everything clipped, at most a few tags.
 */
export function redactTags(
  tags: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(withoutSecrets(tags))) {
    if (count >= MAX_TAGS) break;
    out[clip(key, 40)] = clip(value);
    count++;
  }
  return out;
}

/**
 * The compact, redacted view of an assessment sent to an advisor: totals, waves, shared services,
 * compliance findings and the riskiest resources with their strategy, type and risk factor ids.
 * Never includes IP addresses, raw provider data, prices per resource or anything from config.
 *
 * @public
 */
export function summarizeForAdvisor(a: Assessment): AdvisorSummary {
  const resources = [...a.resources]
    .filter(r => !r.attachedTo)
    .sort((x, y) => y.risk.score - x.risk.score || x.id.localeCompare(y.id));
  const shown = resources.slice(0, MAX_ADVISOR_RESOURCES);
  return {
    target: { provider: a.target.provider, region: a.target.region },
    complianceProfile: a.options.complianceProfile,
    ...(a.options.riskTolerance
      ? { riskTolerance: a.options.riskTolerance }
      : {}),
    totals: {
      resources: a.summary.resources,
      waves: a.summary.waves,
      dataGiB: a.summary.dataGiB,
      currency: a.inputs.currency,
      ...(a.cost
        ? {
            monthlyCostOnDemand: a.cost.total.onDemand,
            monthlyCostCommit3y: a.cost.total.commit3y,
          }
        : {}),
      migrationRiskScore: a.risk.score,
      migrationRiskLevel: a.risk.level,
      endOfLifeSystems: a.summary.endOfLifeSystems.length,
    },
    complianceFindings: a.compliance.checks
      .filter(c => c.status !== 'pass')
      .map(c => ({
        check: c.id,
        status: c.status,
        resources: c.resourceIds.length,
      })),
    waves: a.waves.map(w => ({
      wave: w.number,
      resources: w.members.length,
      dataGiB: w.dataGiB,
      cutoverMinutes: w.cutoverMinutes,
      dependsOnWaves: w.dependsOnWaves,
      resourceIds: w.members.slice(0, 25).map(id => clip(id, 120)),
    })),
    sharedServices: a.sharedServices.slice(0, 20).map(s => ({
      id: clip(s.resourceId, 120),
      name: clip(s.name),
      fanIn: s.fanIn,
      recommendation: s.recommendation,
    })),
    resources: shown.map(r => ({
      id: clip(r.id, 120),
      name: clip(r.name),
      kind: r.kind,
      wave: r.wave,
      ...(r.os
        ? {
            os: clip(
              [r.os.name ?? r.os.family, r.os.version]
                .filter(Boolean)
                .join(' '),
            ),
          }
        : {}),
      strategy: r.strategy.strategy,
      rule: r.strategy.rule,
      ...(r.sizing ? { instanceType: r.sizing.instanceType } : {}),
      riskScore: r.risk.score,
      riskFactors: r.risk.factors.map(f => f.id),
      tags: redactTags({
        ...(r.tags ?? {}),
        ...(r.system ? { system: r.system } : {}),
      }),
    })),
    resourcesOmitted: resources.length - shown.length,
  };
}
