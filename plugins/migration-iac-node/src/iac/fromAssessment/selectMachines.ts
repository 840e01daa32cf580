import type {
  Assessment,
  AssessmentResource,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacModelFromAssessmentResult } from '../fromAssessment';
import { compareStrings } from '../hcl/document';

/** Strategies that keep a machine as a machine on the target. */
const MACHINE_STRATEGIES = new Set(['rehost', 'replatform', 'relocate']);

/** Kinds that become part of a machine's Terraform rather than Terraform of their own. */
const CARRIED_KINDS = ['network', 'subnet', 'security-group', 'disk'];

/**
 * The machines that stay machines on the target, in id order, and every other resource with
 * the reason it gets no Terraform.
 */
export function selectMachines(assessment: Assessment): {
  machines: AssessmentResource[];
  skipped: IacModelFromAssessmentResult['skipped'];
} {
  const machines: AssessmentResource[] = [];
  const skipped: IacModelFromAssessmentResult['skipped'] = [];
  const skip = (resource: AssessmentResource, reason: string) =>
    skipped.push({ id: resource.id, name: resource.name, reason });
  for (const resource of assessment.resources) {
    if (resource.kind !== 'vm') continue;
    if (!MACHINE_STRATEGIES.has(resource.strategy.strategy)) {
      skip(
        resource,
        `strategy ${resource.strategy.strategy}: ${resource.strategy.reason}`,
      );
    } else if (resource.strategy.targetService) {
      skip(resource, `moves to ${resource.strategy.targetService}`);
    } else if (!resource.sizing) {
      skip(resource, 'no sizing in the assessment (plan stage only)');
    } else {
      machines.push(resource);
    }
  }
  for (const resource of assessment.resources) {
    if (resource.kind !== 'vm' && !CARRIED_KINDS.includes(resource.kind)) {
      skip(
        resource,
        `${resource.kind} resources are not generated as Terraform`,
      );
    }
  }
  machines.sort((a, b) => compareStrings(a.id, b.id));
  return { machines, skipped };
}
