import type {
  AssessmentRisk,
  AssessmentRiskFactor,
  RiskFactorId,
} from '@sirsi-nexus/plugin-migration-common';
import { describePorts } from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import type { AssessmentSettings } from '../settings';

/**
 * Points each risk factor adds to a resource's score (the score is their sum, capped at 100).
 *
 * @public
 */
export const RISK_POINTS: Readonly<Record<RiskFactorId, number>> = {
  'os-end-of-life': 30,
  'os-approaching-end-of-life': 15,
  'os-unsupported-on-target': 40,
  'disk-over-target-limit': 25,
  'high-fan-in': 15,
  'public-exposure': 15,
  'admin-port-open-to-internet': 20,
  'missing-utilization': 10,
  'licensing-windows': 5,
  'licensing-sql-server': 15,
  'data-residency-conflict': 35,
  'cyclic-dependency': 10,
  'unresolved-dependency': 10,
};

/** Days before end of support that count as "approaching". */
export const EOL_WARNING_DAYS = 365;

/**
 * Score bands: below `medium` is low, below `high` is medium.
 *
 * @public
 */
export const RISK_LEVELS = { medium: 30, high: 60 } as const;

/** The level of a 0–100 score. @public */
export function riskLevel(score: number): AssessmentRisk['level'] {
  if (score >= RISK_LEVELS.high) return 'high';
  if (score >= RISK_LEVELS.medium) return 'medium';
  return 'low';
}

function factor(
  id: RiskFactorId,
  title: string,
  detail: string,
  mitigation: string,
): AssessmentRiskFactor {
  return { id, title, points: RISK_POINTS[id], detail, mitigation };
}

function list(items: string[], limit = 3) {
  const shown = items.slice(0, limit).join(', ');
  return items.length > limit
    ? `${shown} and ${items.length - limit} more`
    : shown;
}

/**
 * Scores a resource from named factors, each with the input that raised it and a mitigation.
 */
export function assessRisk(
  facts: ResourceFacts,
  target: { provider: string; region: string },
  settings: AssessmentSettings,
): AssessmentRisk {
  const r = facts.resource;
  const factors: AssessmentRiskFactor[] = [];

  if (facts.os && facts.eol?.status === 'past') {
    const extension = facts.os.paidExtensionUntil
      ? ` (paid extended support until ${facts.os.paidExtensionUntil})`
      : '';
    factors.push(
      factor(
        'os-end-of-life',
        `${facts.os.name} is end of life`,
        `Vendor support for ${facts.os.name} ended ${
          facts.eol.date
        }${extension}; reported OS: "${
          r.specs.os?.name ?? r.specs.os?.version ?? ''
        }".`,
        `Upgrade the OS before the move, or replatform onto a supported image; if neither fits the schedule, buy extended security updates${
          target.provider === 'azure' && facts.os.family === 'windows'
            ? ' (free for Windows Server on Azure VMs)'
            : ''
        }.`,
      ),
    );
  } else if (facts.os && facts.eol?.status === 'soon') {
    factors.push(
      factor(
        'os-approaching-end-of-life',
        `${facts.os.name} reaches end of life soon`,
        `Vendor support for ${facts.os.name} ends ${facts.eol.date}, in ${facts.eol.days} days.`,
        'Plan the OS upgrade into the migration (replatform) rather than moving a system that will need it shortly after.',
      ),
    );
  }

  if (facts.unsupportedOnTarget && facts.os) {
    factors.push(
      factor(
        'os-unsupported-on-target',
        `${facts.os.name} is not supported on ${target.provider}`,
        `${facts.os.name} is not accepted as a guest OS by ${target.provider} (${facts.os.source}).`,
        'Rebuild the workload on a supported OS (replatform/refactor), or retain it where it runs.',
      ),
    );
  }

  const oversized = facts.disks.filter(d => d.sizeGiB > d.maxSizeGiB);
  if (oversized.length > 0) {
    factors.push(
      factor(
        'disk-over-target-limit',
        'Disk larger than the target allows',
        `${oversized
          .map(
            d =>
              `${d.name ?? 'disk'} ${d.sizeGiB} GiB > ${d.maxSizeGiB} GiB (${
                d.storageClassName
              })`,
          )
          .join('; ')}.`,
        'Split the volume across several disks (LVM, Storage Spaces), or move the data to file or object storage before the cutover.',
      ),
    );
  }

  if (facts.dependents.length >= settings.sharedServiceMinFanIn) {
    factors.push(
      factor(
        'high-fan-in',
        'Many resources depend on it',
        `${
          facts.dependents.length
        } resources in the selection depend on it (threshold ${
          settings.sharedServiceMinFanIn
        }): ${list(facts.dependents)}.`,
        'Decide early whether it moves first or stays reachable over hybrid connectivity; test every dependent against it in the rehearsal.',
      ),
    );
  }

  if (facts.adminPorts.length > 0) {
    factors.push(
      factor(
        'admin-port-open-to-internet',
        'Administration port open to the internet',
        `Inbound rules allow ${describePorts(
          facts.adminPorts,
        )} from 0.0.0.0/0.`,
        'Do not carry these rules over: use a bastion, VPN or the provider session manager.',
      ),
    );
  }
  if (facts.publiclyExposed) {
    factors.push(
      factor(
        'public-exposure',
        'Reachable from the internet',
        'The source reports a public address or internet-wide inbound rules.',
        'Put it behind a load balancer with a web application firewall in the target and re-test exposure after cutover.',
      ),
    );
  }

  if (r.kind === 'vm' && !facts.poweredOff) {
    const u = r.utilization;
    if (!u || (u.cpuP95 === undefined && u.memP95 === undefined)) {
      factors.push(
        factor(
          'missing-utilization',
          'No utilization data',
          'No CPU or memory P95 was reported, so sizing uses the allocated size (low confidence).',
          'Collect at least a week of performance data (Azure Migrate appliance, vCenter statistics, CloudWatch) and re-run the assessment.',
        ),
      );
    }
  }

  if (facts.database?.engine === 'sqlserver') {
    factors.push(
      factor(
        'licensing-sql-server',
        'SQL Server licensing',
        `Looks like SQL Server (${facts.database.reason}); its licence is not included in the compute estimate.`,
        'Check Software Assurance / License Mobility or Azure Hybrid Benefit, or price a licence-included managed database.',
      ),
    );
  }
  if (r.specs.os?.family === 'windows') {
    factors.push(
      factor(
        'licensing-windows',
        'Windows Server licensing',
        'The estimate includes licence-included Windows pricing on the target.',
        'Bring your own licences where allowed (Azure Hybrid Benefit, dedicated hosts) to cut the licence share of the cost.',
      ),
    );
  }

  if (facts.residency?.conflict) {
    factors.push(
      factor(
        'data-residency-conflict',
        'Data residency conflict',
        `Tagged "${facts.residency.tag}", but ${target.provider} ${
          target.region
        } is in ${facts.residency.country?.toUpperCase()}.`,
        'Retain the resource, choose a region its residency allows, or have the data owner approve the transfer.',
      ),
    );
  }

  if (facts.cyclic) {
    factors.push(
      factor(
        'cyclic-dependency',
        'Part of a dependency cycle',
        `In a dependency cycle with ${
          facts.groupPeerCount
        } other resource(s), e.g. ${facts.groupPeers
          .slice(0, 3)
          .join(', ')}; the group must move in one cutover.`,
        'Rehearse the group cutover end to end; consider breaking the cycle (queue, API) before migrating.',
      ),
    );
  }
  if (facts.unresolved.length > 0) {
    factors.push(
      factor(
        'unresolved-dependency',
        'Depends on resources outside this migration',
        `Depends on ${list(
          facts.unresolved,
        )}, which are not part of the selection.`,
        'Keep hybrid connectivity (VPN/interconnect) until those move, and test latency to them from the target region.',
      ),
    );
  }

  const total = factors.reduce((sum, f) => sum + f.points, 0);
  const score = Math.min(100, total);
  return { score, level: riskLevel(score), factors };
}
