import type {
  ComplianceProfile,
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedBlock, ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { first, locate, result } from './policyContext';
import { PLANNED_TAGS, PROFILE_REQUIRED_TAGS, severity } from './rules';

const TAGGABLE: Record<string, 'tags' | 'labels'> = Object.fromEntries([
  ...[
    'aws_vpc',
    'aws_subnet',
    'aws_security_group',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_instance',
    'aws_ebs_volume',
    'aws_eip',
    'aws_internet_gateway',
    'aws_nat_gateway',
    'aws_route_table',
    'aws_network_interface',
    'aws_lb',
    'aws_db_instance',
    'aws_s3_bucket',
    'azurerm_resource_group',
    'azurerm_virtual_network',
    'azurerm_network_security_group',
    'azurerm_network_interface',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
    'azurerm_managed_disk',
    'azurerm_public_ip',
    'azurerm_storage_account',
  ].map(t => [t, 'tags'] as const),
  ...[
    'google_compute_instance',
    'google_compute_disk',
    'google_storage_bucket',
  ].map(t => [t, 'labels'] as const),
]);

const objectOrEmpty = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The `keys` without a non-empty value in `tags`, compared case-insensitively. */
function missingFrom(tags: Record<string, unknown>, keys: readonly string[]) {
  const present = new Set(
    Object.entries(tags)
      .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
      .map(([k]) => k.toLowerCase()),
  );
  return keys.filter(k => !present.has(k.toLowerCase()));
}

/**
 * Provider-wide tags apply to every resource of that provider (AWS `default_tags`, Google
 * `default_labels`), by resource type prefix; the resource's own tags are merged on top.
 */
function providerDefaults(
  module: ParsedModule,
): Record<string, Record<string, unknown>> {
  const defaults: Record<string, Record<string, unknown>> = {};
  for (const block of module.blocks) {
    if (block.kind !== 'provider') continue;
    if (block.name === 'aws') {
      defaults.aws_ = objectOrEmpty(first(block.body.default_tags)?.tags);
    } else if (block.name === 'google') {
      defaults.google_ = objectOrEmpty(block.body.default_labels);
    }
  }
  return defaults;
}

/** Every taggable resource carries `owner`, `migration-id` and `wave`. */
export function requiredTags(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const profile = options.complianceProfile ?? 'none';
  for (const module of modules) {
    const defaults = providerDefaults(module);
    for (const block of module.blocks) {
      const attribute =
        block.kind === 'resource' ? TAGGABLE[block.type!] : undefined;
      if (!attribute) continue;
      checked++;
      findings.push(
        ...tagFindings(module, block, attribute, defaults, profile),
      );
    }
  }
  return result('policy.required-tags', 'Required tags', checked, findings);
}

function tagFindings(
  module: ParsedModule,
  block: ParsedBlock,
  attribute: 'tags' | 'labels',
  defaults: Record<string, Record<string, unknown>>,
  profile: ComplianceProfile,
): IacFinding[] {
  const own = block.body[attribute];
  if (typeof own === 'string') {
    return [
      {
        status: 'warn',
        ...locate(module, block, attribute),
        message: `${block.address} computes its ${attribute} (${own}); they cannot be checked before plan`,
        remediation: `Write ${PLANNED_TAGS.join(', ')} as literal ${attribute}`,
      },
    ];
  }
  const findings: IacFinding[] = [];
  const prefix = block.type!.startsWith('aws_') ? 'aws_' : 'google_';
  const tags = { ...(defaults[prefix] ?? {}), ...objectOrEmpty(own) };
  const where = locate(
    module,
    block,
    own === undefined ? undefined : attribute,
  );
  const orDefaults =
    prefix === 'aws_' ? " or to the provider's default_tags" : '';
  const missing = missingFrom(tags, PLANNED_TAGS);
  if (missing.length > 0) {
    findings.push({
      status: 'fail',
      ...where,
      message: `${block.address} lacks the ${attribute} ${missing.join(', ')}`,
      remediation: `Add ${missing
        .map(k => `"${k}"`)
        .join(', ')} to ${attribute}${orDefaults}`,
    });
  }
  const missingForProfile = missingFrom(tags, PROFILE_REQUIRED_TAGS[profile]);
  if (missingForProfile.length > 0) {
    findings.push({
      status: severity(profile, 'requiredTags'),
      ...where,
      message: `${
        block.address
      } lacks the ${attribute} ${missingForProfile.join(
        ', ',
      )} that ${profile.toUpperCase()} asks for`,
      remediation: `Set ${missingForProfile.join(
        ', ',
      )} in migration.iac.defaultTags or on the source resources`,
    });
  }
  return findings;
}
