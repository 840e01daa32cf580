import type {
  AssessmentResource,
  BusinessCase,
  BusinessCaseRetireCandidate,
} from '@sirsi-nexus/plugin-migration-common';
import { isPoweredOffState } from '../facts/detect';
import { round } from '../util/numbers';
import type {
  BusinessCaseSettings,
  ResolvedBusinessCaseSettings,
} from './businessCaseSettings';

/** The tag (e.g. an inventory column) that carries a server's own all-in monthly on-prem cost. */
export const ON_PREM_COST_TAG = 'on-prem-monthly-cost';

/** A costed resource of the assessment (attached disks are carried by their VM). */
export type CostedResource = AssessmentResource & {
  cost: NonNullable<AssessmentResource['cost']>;
};

/** Whether a resource counts as a server (one-off cost, licences, retire candidates). */
export function isServer(item: AssessmentResource): boolean {
  return item.kind === 'vm' || item.kind === 'database';
}

function ownCost(item: AssessmentResource): number | undefined {
  const text = item.tags?.[ON_PREM_COST_TAG];
  if (text === undefined) return undefined;
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(value) && value >= 0
    ? value
    : undefined;
}

/**
 * A resource's monthly on-prem cost: its own `on-prem-monthly-cost` tag when it has one (taken
 * as all-in), else the configured rates' cost plus the facility overhead and, for servers, the
 * per-server licences; undefined when neither is known.
 */
export function onPremMonthly(
  item: CostedResource,
  settings: BusinessCaseSettings,
): { amount: number; own: boolean } | undefined {
  const own = ownCost(item);
  if (own !== undefined) return { amount: round(own, 2), own: true };
  if (item.cost.current === undefined) return undefined;
  const overhead = 1 + settings.facilityOverheadPercent / 100;
  const licence = isServer(item) ? settings.licensePerServerMonth : 0;
  return {
    amount: round(item.cost.current * overhead + licence, 2),
    own: false,
  };
}

/** The monthly cloud cost of a resource at the chosen commitment (0 when it does not move). */
export function cloudMonthly(
  item: CostedResource,
  commitment: BusinessCase['commitment'],
): number {
  return item.cost.included ? item.cost.total[commitment] : 0;
}

/**
 * Servers that could be retired instead of moved: powered off, or running with a CPU P95 below
 * the threshold. The saving is their on-prem cost (what retiring stops paying).
 */
export function retireCandidates(
  items: readonly CostedResource[],
  settings: ResolvedBusinessCaseSettings,
): BusinessCaseRetireCandidate[] {
  const candidates: BusinessCaseRetireCandidate[] = [];
  for (const item of items) {
    if (!isServer(item) || item.strategy.strategy === 'retain') continue;
    const cpuP95 = item.sizing?.inputs.cpuP95;
    let reason: BusinessCaseRetireCandidate['reason'];
    let detail: string;
    if (isPoweredOffState(item.powerState)) {
      reason = 'powered-off';
      detail = `power state ${item.powerState}`;
    } else if (cpuP95 !== undefined && cpuP95 < settings.idleCpuP95Percent) {
      reason = 'idle';
      detail = `CPU P95 ${cpuP95} % < ${settings.idleCpuP95Percent} %`;
    } else {
      continue;
    }
    candidates.push({
      id: item.id,
      name: item.name,
      ...(item.entityRef ? { entityRef: item.entityRef } : {}),
      reason,
      detail,
      plannedStrategy: item.strategy.strategy,
      monthlySaving: onPremMonthly(item, settings)?.amount ?? 0,
      cloudMonthly: cloudMonthly(item, settings.commitment),
    });
  }
  return candidates.sort(
    (a, b) => b.monthlySaving - a.monthlySaving || a.name.localeCompare(b.name),
  );
}
