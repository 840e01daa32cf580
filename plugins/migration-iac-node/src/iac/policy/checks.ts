import type {
  ComplianceProfile,
  IacCheckResult,
  InstanceTypeCatalog,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedModule } from '../validate/module';
import { encryptionAtRest } from './encryptionAtRest';
import { instanceTypesExist } from './instanceTypes';
import { noPublicAdminPorts } from './publicPorts';
import { regionResidency } from './regionResidency';
import { requiredTags } from './requiredTags';

/**
 * Inputs of the policy checks.
 *
 * @public
 */
export interface PolicyOptions {
  complianceProfile?: ComplianceProfile;
  /** Overrides the profile's residency list (`migration.iac.allowedRegions`). */
  allowedRegions?: string[];
  instanceTypes: InstanceTypeCatalog;
}

/**
 * Runs the policy rules over parsed Terraform modules.
 *
 * @public
 */
export function runPolicyChecks(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult[] {
  return [
    encryptionAtRest(modules, options),
    noPublicAdminPorts(modules, options),
    requiredTags(modules, options),
    regionResidency(modules, options),
    instanceTypesExist(modules, options),
  ];
}
