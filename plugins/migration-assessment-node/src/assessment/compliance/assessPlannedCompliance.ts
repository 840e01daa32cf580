import type {
  Assessment,
  AssessmentResource,
  ComplianceProfile,
  DiscoveredResource,
  MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import type { ResourceFacts } from '../facts/ResourceFacts';
import type { AssessmentSettings } from '../settings';
import { resourceResidencyCheck } from './checks/residencyChecks';
import { evaluateCompliance, type PlannedEstate } from './evaluateCompliance';
import { noItems } from '../util/shared';

/** What {@link assessPlannedCompliance} reads. */
export interface ComplianceStageInput {
  profile: ComplianceProfile;
  target: Pick<MigrationTarget, 'provider' | 'region'>;
  security: AssessmentSettings['security'];
  resources: readonly DiscoveredResource[];
  facts: readonly ResourceFacts[];
  items: readonly AssessmentResource[];
}

const moves = (item: AssessmentResource) =>
  item.strategy.strategy !== 'retire' && item.strategy.strategy !== 'retain';

/**
 * The profile's checks on the planned estate — what moves — with the resource residency check
 * judged on every resource, since a resource tagged to stay out of the region is retained.
 */
export function assessPlannedCompliance(
  input: ComplianceStageInput,
): Assessment['compliance'] {
  const { profile, target, security, resources, facts, items } = input;
  const moving: PlannedEstate['resources'] = [];
  const all: PlannedEstate['resources'] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const tags = resources[i].tags;
    if (moves(item)) {
      all[i] = {
        id: item.id,
        name: item.name,
        tags,
        ingress: facts[i].ingress,
        publiclyExposed: facts[i].publiclyExposed,
      };
      moving.push(all[i]);
    } else {
      // The residency check reads only ids, names and tags.
      all[i] = { id: item.id, name: item.name, tags, ingress: noItems() };
    }
  }
  const checks = evaluateCompliance({
    profile,
    target,
    security,
    resources: moving,
  });
  const residencyCheck = resourceResidencyCheck({
    profile,
    target,
    security,
    resources: all,
  });
  const allChecks = checks.filter(c => c.id !== 'resource-residency');
  if (residencyCheck) allChecks.splice(1, 0, residencyCheck);
  const summary = { pass: 0, warn: 0, fail: 0 };
  for (const c of allChecks) summary[c.status]++;
  return { profile, summary, checks: allChecks };
}
