import type {
  ComplianceControls,
  ComplianceProfile,
  ValidationCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PLANNED_TAGS,
  PROFILE_CONTROLS,
  REQUIRED_TAGS,
  describePorts,
  internetExposedAdminPorts,
  internetExposedDatabasePorts,
  missingTags,
} from '@sirsi-nexus/plugin-migration-common';
import type { SecuredResource } from './securedResources';

export {
  resourcesFromIacModel,
  resourcesFromTerraformJson,
  type SecuredResource,
} from './securedResources';

const VALIDATION_STATUS = {
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
} as const;

/** One security check: what offends, under which control, and how it is worded. */
interface SecurityCheckSpec {
  id: string;
  name: string;
  offenders: string[];
  control: keyof ComplianceControls;
  okMessage: string;
  badMessage: string;
  remediation: string;
  checked: number;
}

/**
 * Re-runs the compliance rules of the assessment (the same primitives) on the target's planned
 * or applied resources: admin and database ports open to the internet, encryption at rest,
 * required tags. Severity follows the compliance profile.
 *
 * @public
 */
export function securityChecks(
  resources: SecuredResource[],
  options: { profile?: ComplianceProfile; source: string; now?: () => Date },
): ValidationCheck[] {
  const profile = options.profile ?? 'none';
  const at = (options.now ?? (() => new Date()))().toISOString();
  return checkSpecs(resources, profile).map(spec => {
    const offending = spec.offenders.length > 0;
    // A control the profile passes anyway still warns.
    const control = PROFILE_CONTROLS[profile][spec.control];
    return {
      id: `security.${spec.id}`,
      category: 'security',
      name: spec.name,
      status: offending
        ? VALIDATION_STATUS[control === 'pass' ? 'warn' : control]
        : 'passed',
      message: offending
        ? `${spec.badMessage}: ${spec.offenders.slice(0, 10).join('; ')}`
        : spec.okMessage,
      metrics: {
        checked: spec.checked,
        offending: spec.offenders.length,
        profile,
        source: options.source,
      },
      remediation: offending ? spec.remediation : undefined,
      startedAt: at,
      completedAt: at,
    };
  });
}

function checkSpecs(
  resources: SecuredResource[],
  profile: ComplianceProfile,
): SecurityCheckSpec[] {
  const withRules = resources.filter(r => r.inbound.length > 0);
  const exposed = (
    ports: (r: SecuredResource) => ReturnType<typeof internetExposedAdminPorts>,
  ) =>
    withRules.flatMap(r => {
      const found = ports(r);
      return found.length ? [`${r.address} (${describePorts(found)})`] : [];
    });
  const storage = resources.filter(r => r.encrypted !== undefined);
  const tagged = resources.filter(r => r.tags !== undefined);
  const required = [...PLANNED_TAGS, ...REQUIRED_TAGS[profile]];
  return [
    {
      id: 'admin-ports',
      name: 'No administration ports open to the internet',
      offenders: exposed(r => internetExposedAdminPorts(r.inbound)),
      control: 'adminPortsFromInternet',
      okMessage: `None of ${withRules.length} rule sets opens SSH/RDP/WinRM to the internet`,
      badMessage: 'Administration ports open to the internet',
      remediation:
        'Restrict the rule to a bastion or VPN range, or use the provider session manager',
      checked: withRules.length,
    },
    {
      id: 'database-ports',
      name: 'No database ports open to the internet',
      offenders: exposed(r => internetExposedDatabasePorts(r.inbound)),
      control: 'databasePortsFromInternet',
      okMessage: `None of ${withRules.length} rule sets opens a database port to the internet`,
      badMessage: 'Database ports open to the internet',
      remediation: 'Allow database ports only from the application subnets',
      checked: withRules.length,
    },
    {
      id: 'encryption-at-rest',
      name: 'Storage encrypted at rest',
      offenders: storage.filter(r => r.encrypted === false).map(r => r.address),
      control: 'encryptionAtRest',
      okMessage: `All ${storage.length} storage resources are encrypted at rest`,
      badMessage: 'Not encrypted at rest',
      remediation:
        'Enable encryption (e.g. `encrypted = true` on EBS volumes, `storage_encrypted` on RDS) and re-apply',
      checked: storage.length,
    },
    {
      id: 'required-tags',
      name: 'Required tags present',
      offenders: tagged.flatMap(r => {
        const missing = missingTags(r.tags!, required);
        return missing.length
          ? [`${r.address} lacks ${missing.join(', ')}`]
          : [];
      }),
      control: 'requiredTags',
      okMessage: `All ${tagged.length} taggable resources carry ${required.join(
        ', ',
      )}`,
      badMessage: 'Missing required tags',
      remediation: `Add the tags ${required.join(', ')} to the resources`,
      checked: tagged.length,
    },
  ];
}
