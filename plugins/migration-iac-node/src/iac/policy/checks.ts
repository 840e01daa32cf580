import type {
  ComplianceProfile,
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import { attributeLine } from '../validate/locate';
import { statusOf } from '../validate/status';
import type { ParsedBlock, ParsedModule } from '../validate/module';
import type { InstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-common';
import {
  PLANNED_TAGS,
  PROFILE_REQUIRED_TAGS,
  PUBLIC_WEB_PORTS,
  isOpenToInternet,
  judgeRegion,
  sensitivePortsIn,
  severity,
} from './rules';

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

type Resolved = { value?: unknown; dynamic: boolean };

/** Evaluates what can be known statically: literals and `var.x` with a literal default. */
function resolver(module: ParsedModule) {
  const defaults = new Map<string, unknown>();
  for (const block of module.blocks) {
    if (block.kind === 'variable' && block.name && 'default' in block.body) {
      defaults.set(block.name, block.body.default);
    }
  }
  const literal = (value: unknown): Resolved => {
    if (typeof value !== 'string') return { value, dynamic: false };
    const variable = /^\$\{var\.([\w-]+)\}$/.exec(value);
    if (variable) {
      return defaults.has(variable[1])
        ? literal(defaults.get(variable[1]))
        : { dynamic: true };
    }
    if (/(^|[^$])\$\{/.test(value) || /(^|[^%])%\{/.test(value))
      return { dynamic: true };
    return {
      value: value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'),
      dynamic: false,
    };
  };
  return literal;
}

function locate(module: ParsedModule, block: ParsedBlock, attribute?: string) {
  const content = module.files.find(f => f.path === block.file)?.content ?? '';
  return {
    file: block.file,
    line:
      attribute && block.location
        ? attributeLine(content, block.location, attribute)
        : block.line,
    address: block.address,
  };
}

function result(
  id: string,
  title: string,
  checked: number,
  findings: IacFinding[],
): IacCheckResult {
  return {
    id,
    title,
    status: statusOf(findings),
    checked,
    findings,
  };
}

const resources = (module: ParsedModule, ...types: string[]) =>
  module.blocks.filter(b => b.kind === 'resource' && types.includes(b.type!));

const first = (value: unknown): Record<string, any> | undefined =>
  Array.isArray(value) ? value[0] : undefined;

/** Encryption at rest of every disk and volume. */
function encryptionAtRest(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const hipaa = options.complianceProfile === 'hipaa';
  const unencrypted = severity(options.complianceProfile, 'encryptionAtRest');
  for (const module of modules) {
    for (const block of resources(module, 'aws_ebs_volume')) {
      checked++;
      if (block.body.encrypted !== true) {
        findings.push({
          status: unencrypted,
          ...locate(module, block, 'encrypted'),
          message: `${block.address} is not encrypted at rest`,
          remediation:
            'Set encrypted = true (and kms_key_id for a customer-managed key)',
        });
      }
    }
    for (const block of resources(module, 'aws_instance')) {
      checked++;
      const root = first(block.body.root_block_device);
      if (root?.encrypted !== true) {
        findings.push({
          status: unencrypted,
          ...locate(module, block, 'root_block_device'),
          message: `${block.address} has an unencrypted root volume`,
          remediation: 'Add root_block_device { encrypted = true }',
        });
      }
      for (const device of (block.body.ebs_block_device as any[]) ?? []) {
        if (device?.encrypted !== true) {
          findings.push({
            status: unencrypted,
            ...locate(module, block, 'ebs_block_device'),
            message: `${block.address} has an unencrypted EBS block device ${
              device?.device_name ?? ''
            }`.trim(),
            remediation: 'Set encrypted = true on every ebs_block_device',
          });
        }
      }
    }
    // Azure managed disks and Google persistent disks are always encrypted with platform keys;
    // HIPAA asks for customer-managed keys.
    for (const block of resources(
      module,
      'azurerm_managed_disk',
      'azurerm_linux_virtual_machine',
      'azurerm_windows_virtual_machine',
    )) {
      checked++;
      const cmk =
        block.type === 'azurerm_managed_disk'
          ? block.body.disk_encryption_set_id
          : first(block.body.os_disk)?.disk_encryption_set_id;
      if (hipaa && !cmk) {
        findings.push({
          status: 'warn',
          ...locate(module, block),
          message: `${block.address} uses platform-managed encryption keys; HIPAA expects customer-managed keys`,
          remediation:
            'Set disk_encryption_set_id to a disk encryption set with your key',
        });
      }
    }
    for (const block of resources(
      module,
      'google_compute_disk',
      'google_compute_instance',
    )) {
      checked++;
      const cmk =
        block.type === 'google_compute_disk'
          ? first(block.body.disk_encryption_key)?.kms_key_self_link
          : first(block.body.boot_disk)?.kms_key_self_link;
      if (hipaa && !cmk) {
        findings.push({
          status: 'warn',
          ...locate(module, block),
          message: `${block.address} uses Google-managed encryption keys; HIPAA expects customer-managed keys`,
          remediation:
            'Set a Cloud KMS key (disk_encryption_key / kms_key_self_link)',
        });
      }
    }
  }
  return result(
    'policy.encryption-at-rest',
    'Encryption at rest',
    checked,
    findings,
  );
}

interface OpenRule {
  block: ParsedBlock;
  attribute: string;
  sources: string[];
  /** Inclusive port range; undefined for ICMP. */
  ports?: [number, number];
}

function parsePortRange(range: string): [number, number] | undefined {
  if (range === '*') return [0, 65535];
  const m = /^(\d+)(?:-(\d+))?$/.exec(range.trim());
  return m ? [Number(m[1]), Number(m[2] ?? m[1])] : undefined;
}

/** Every inbound rule of a module, normalised to sources and a port range. */
function inboundRules(module: ParsedModule): OpenRule[] {
  const resolve = resolver(module);
  const str = (v: unknown) => {
    const r = resolve(v);
    if (r.value === undefined || typeof r.value === 'string') return r.value;
    return String(r.value);
  };
  const list = (v: unknown) =>
    Array.isArray(v) ? v.map(str).filter((s): s is string => !!s) : [];
  const rules: OpenRule[] = [];
  const awsPorts = (
    protocol: unknown,
    from: unknown,
    to: unknown,
  ): [number, number] | undefined => {
    const p = String(str(protocol) ?? '').toLowerCase();
    if (p === '-1' || p === 'all') return [0, 65535];
    if (p === 'icmp' || p === '1' || p === 'icmpv6' || p === '58')
      return undefined;
    return [Number(from ?? 0), Number(to ?? from ?? 65535)];
  };
  for (const block of module.blocks.filter(b => b.kind === 'resource')) {
    const body = block.body;
    switch (block.type) {
      case 'aws_vpc_security_group_ingress_rule':
        rules.push({
          block,
          attribute: body.cidr_ipv4 !== undefined ? 'cidr_ipv4' : 'cidr_ipv6',
          sources: [str(body.cidr_ipv4), str(body.cidr_ipv6)].filter(
            (s): s is string => !!s,
          ),
          ports: awsPorts(body.ip_protocol, body.from_port, body.to_port),
        });
        break;
      case 'aws_security_group_rule':
        if (str(body.type) === 'ingress') {
          rules.push({
            block,
            attribute: 'cidr_blocks',
            sources: [
              ...list(body.cidr_blocks),
              ...list(body.ipv6_cidr_blocks),
            ],
            ports: awsPorts(body.protocol, body.from_port, body.to_port),
          });
        }
        break;
      case 'aws_security_group':
        for (const ingress of (body.ingress as any[]) ?? []) {
          rules.push({
            block,
            attribute: 'ingress',
            sources: [
              ...list(ingress.cidr_blocks),
              ...list(ingress.ipv6_cidr_blocks),
            ],
            ports: awsPorts(
              ingress.protocol,
              ingress.from_port,
              ingress.to_port,
            ),
          });
        }
        break;
      case 'azurerm_network_security_rule':
      case 'azurerm_network_security_group': {
        const azureRules =
          block.type === 'azurerm_network_security_rule'
            ? [body]
            : (body.security_rule as any[]) ?? [];
        for (const rule of azureRules) {
          if (str(rule.direction) !== 'Inbound' || str(rule.access) !== 'Allow')
            continue;
          if (String(str(rule.protocol)).toLowerCase() === 'icmp') continue;
          const ranges = [
            str(rule.destination_port_range),
            ...list(rule.destination_port_ranges),
          ]
            .filter((r): r is string => !!r)
            .map(parsePortRange)
            .filter((r): r is [number, number] => !!r);
          const sources = [
            str(rule.source_address_prefix),
            ...list(rule.source_address_prefixes),
          ].filter((s): s is string => !!s);
          for (const ports of ranges) {
            rules.push({
              block,
              attribute:
                rule.source_address_prefixes !== undefined
                  ? 'source_address_prefixes'
                  : 'source_address_prefix',
              sources,
              ports,
            });
          }
        }
        break;
      }
      case 'google_compute_firewall': {
        if (body.disabled === true) break;
        if ((str(body.direction) ?? 'INGRESS') !== 'INGRESS') break;
        const sources = list(body.source_ranges);
        for (const allow of (body.allow as any[]) ?? []) {
          const protocol = String(str(allow.protocol)).toLowerCase();
          if (protocol === 'icmp') continue;
          const ports = list(allow.ports);
          if (ports.length === 0)
            rules.push({
              block,
              attribute: 'source_ranges',
              sources,
              ports: [0, 65535],
            });
          for (const p of ports) {
            const range = parsePortRange(p);
            if (range)
              rules.push({
                block,
                attribute: 'source_ranges',
                sources,
                ports: range,
              });
          }
        }
        break;
      }
      default:
        break;
    }
  }
  return rules;
}

/** No SSH/RDP/WinRM or database ports open to 0.0.0.0/0; other internet-facing ports warn. */
function noPublicAdminPorts(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    for (const rule of inboundRules(module)) {
      checked++;
      const open = rule.sources.filter(isOpenToInternet);
      if (open.length === 0 || !rule.ports) continue;
      const [from, to] = rule.ports;
      const sensitive = sensitivePortsIn(from, to);
      const where = locate(module, rule.block, rule.attribute);
      if (sensitive.length > 0) {
        const admin = severity(
          options.complianceProfile,
          'adminPortsFromInternet',
        );
        const database = severity(
          options.complianceProfile,
          'databasePortsFromInternet',
        );
        const worst = sensitive.some(p =>
          p.kind === 'admin' ? admin === 'fail' : database === 'fail',
        );
        findings.push({
          status: worst ? 'fail' : 'warn',
          ...where,
          message: `${rule.block.address} opens ${sensitive
            .map(p => `${p.name} (${p.port})`)
            .join(', ')} to ${open[0]}`,
          remediation:
            'Restrict the source to your admin network or a bastion, or use a session manager instead of open ports',
        });
      } else if (!(from === to && PUBLIC_WEB_PORTS.has(from))) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${rule.block.address} opens port${
            from === to ? ` ${from}` : `s ${from}-${to}`
          } to ${open[0]}`,
          remediation:
            'Confirm this port must face the internet, or restrict its sources',
        });
      }
    }
  }
  return result(
    'policy.no-public-admin-ports',
    'No admin or database ports open to the internet',
    checked,
    findings,
  );
}

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

/** Every taggable resource carries `owner`, `migration-id` and `wave`. */
function requiredTags(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const profile = options.complianceProfile ?? 'none';
  const profileTags = PROFILE_REQUIRED_TAGS[profile];
  const profileStatus = severity(profile, 'requiredTags');
  const objectOrEmpty = (value: unknown): Record<string, unknown> =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  const missingFrom = (
    tags: Record<string, unknown>,
    keys: readonly string[],
  ) => {
    const present = new Set(
      Object.entries(tags)
        .filter(([, v]) => typeof v === 'string' && v.trim() !== '')
        .map(([k]) => k.toLowerCase()),
    );
    return keys.filter(k => !present.has(k.toLowerCase()));
  };
  for (const module of modules) {
    // Provider-wide tags apply to every resource of that provider (AWS default_tags, Google
    // default_labels); the resource's own tags are merged on top.
    const providerDefaults: Record<string, Record<string, unknown>> = {};
    for (const block of module.blocks) {
      if (block.kind !== 'provider') continue;
      if (block.name === 'aws') {
        providerDefaults.aws_ = objectOrEmpty(
          first(block.body.default_tags)?.tags,
        );
      } else if (block.name === 'google') {
        providerDefaults.google_ = objectOrEmpty(block.body.default_labels);
      }
    }
    for (const block of module.blocks) {
      const attribute =
        block.kind === 'resource' ? TAGGABLE[block.type!] : undefined;
      if (!attribute) continue;
      checked++;
      const own = block.body[attribute];
      if (typeof own === 'string') {
        findings.push({
          status: 'warn',
          ...locate(module, block, attribute),
          message: `${block.address} computes its ${attribute} (${own}); they cannot be checked before plan`,
          remediation: `Write ${PLANNED_TAGS.join(
            ', ',
          )} as literal ${attribute}`,
        });
        continue;
      }
      const prefix = block.type!.startsWith('aws_') ? 'aws_' : 'google_';
      const tags = {
        ...(providerDefaults[prefix] ?? {}),
        ...objectOrEmpty(own),
      };
      const where = locate(
        module,
        block,
        own === undefined ? undefined : attribute,
      );
      const where2 =
        prefix === 'aws_' ? " or to the provider's default_tags" : '';
      const missing = missingFrom(tags, PLANNED_TAGS);
      if (missing.length > 0) {
        findings.push({
          status: 'fail',
          ...where,
          message: `${block.address} lacks the ${attribute} ${missing.join(
            ', ',
          )}`,
          remediation: `Add ${missing
            .map(k => `"${k}"`)
            .join(', ')} to ${attribute}${where2}`,
        });
      }
      const missingForProfile = missingFrom(tags, profileTags);
      if (missingForProfile.length > 0) {
        findings.push({
          status: profileStatus,
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
    }
  }
  return result('policy.required-tags', 'Required tags', checked, findings);
}

/** Every region the module deploys to is allowed by the compliance profile. */
function regionResidency(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const seen = new Set<string>();
  for (const module of modules) {
    const resolve = resolver(module);
    const places: Array<{
      block: ParsedBlock;
      attribute: string;
      provider: string;
      value: unknown;
    }> = [];
    for (const block of module.blocks) {
      if (
        block.kind === 'provider' &&
        (block.name === 'aws' || block.name === 'google')
      ) {
        places.push({
          block,
          attribute: 'region',
          provider: block.name === 'aws' ? 'aws' : 'gcp',
          value: block.body.region,
        });
      }
      if (
        block.kind === 'resource' &&
        block.type === 'azurerm_resource_group'
      ) {
        places.push({
          block,
          attribute: 'location',
          provider: 'azure',
          value: block.body.location,
        });
      }
      if (
        block.kind === 'resource' &&
        block.type?.startsWith('azurerm_') &&
        typeof block.body.location === 'string' &&
        !block.body.location.includes('${')
      ) {
        places.push({
          block,
          attribute: 'location',
          provider: 'azure',
          value: block.body.location,
        });
      }
      if (
        block.kind === 'resource' &&
        block.type?.startsWith('google_') &&
        block.body.region !== undefined &&
        block.type !== 'google_compute_subnetwork'
      ) {
        places.push({
          block,
          attribute: 'region',
          provider: 'gcp',
          value: block.body.region,
        });
      }
    }
    for (const place of places) {
      checked++;
      const resolved = resolve(place.value);
      const where = locate(module, place.block, place.attribute);
      if (place.value === undefined) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${place.block.address} sets no ${place.attribute}; the region comes from the environment`,
          remediation: `Set ${place.attribute} explicitly`,
        });
        continue;
      }
      if (resolved.dynamic || typeof resolved.value !== 'string') {
        findings.push({
          status: 'warn',
          ...where,
          message: `${place.block.address} computes its ${place.attribute}; residency cannot be checked before plan`,
          remediation: `Give the ${place.attribute} a literal value or a variable default`,
        });
        continue;
      }
      const region = resolved.value.toLowerCase().replace(/\s+/g, '');
      const verdict = judgeRegion(
        options.complianceProfile,
        place.provider,
        region,
        options.allowedRegions,
      );
      const key = `${module.folder}\u0000${region}`;
      const status = verdict.status;
      if (status !== 'pass' && !seen.has(key)) {
        seen.add(key);
        findings.push({
          status,
          ...where,
          message: `${module.folder} deploys to ${region}: ${verdict.message}`,
          remediation:
            verdict.remediation ??
            'Choose a target region the compliance profile allows',
        });
      }
    }
  }
  return result(
    'policy.region-residency',
    'Region residency',
    checked,
    findings,
  );
}

const INSTANCE_TYPE_ATTRIBUTES: Record<
  string,
  { provider: string; attribute: string }
> = {
  aws_instance: { provider: 'aws', attribute: 'instance_type' },
  azurerm_linux_virtual_machine: { provider: 'azure', attribute: 'size' },
  azurerm_windows_virtual_machine: { provider: 'azure', attribute: 'size' },
  google_compute_instance: { provider: 'gcp', attribute: 'machine_type' },
};

/** Every machine uses an instance type from the catalog the sizing chose from. */
function instanceTypesExist(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  for (const module of modules) {
    const resolve = resolver(module);
    const regionOf = (provider: string) => {
      for (const block of module.blocks) {
        if (provider === 'azure' && block.type === 'azurerm_resource_group')
          return resolve(block.body.location).value;
        if (
          block.kind === 'provider' &&
          block.name === (provider === 'gcp' ? 'google' : provider)
        ) {
          return resolve(block.body.region).value;
        }
      }
      return undefined;
    };
    for (const block of module.blocks) {
      const spec =
        block.kind === 'resource'
          ? INSTANCE_TYPE_ATTRIBUTES[block.type!]
          : undefined;
      if (!spec) continue;
      checked++;
      const where = locate(module, block, spec.attribute);
      const type = resolve(block.body[spec.attribute]);
      if (type.dynamic || typeof type.value !== 'string') {
        findings.push({
          status: 'warn',
          ...where,
          message: `${block.address} computes its ${spec.attribute}; it cannot be checked before plan`,
        });
        continue;
      }
      const found = options.instanceTypes.lookup(spec.provider, type.value);
      if (!found.exists) {
        findings.push({
          status: 'fail',
          ...where,
          message: `${block.address} uses ${
            type.value
          }, which is not in the ${options.instanceTypes.describe(
            spec.provider,
          )}`,
          remediation:
            'Pick a type from the catalog, or add the type to the catalog override file',
        });
        continue;
      }
      const region = regionOf(spec.provider);
      if (
        typeof region === 'string' &&
        found.regions.length > 0 &&
        !found.regions.includes(region)
      ) {
        findings.push({
          status: 'warn',
          ...where,
          message: `${type.value} has no price for ${region} in the catalog; its availability there is not confirmed`,
          remediation:
            'Check the type is offered in the region, or add the region to the catalog',
        });
      }
    }
  }
  return result(
    'policy.instance-types',
    'Instance types exist in the catalog',
    checked,
    findings,
  );
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
