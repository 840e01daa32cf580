import type {
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
  type InboundRule,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacModel } from '../model';

/**
 * A target resource as the security checks see it, from a Terraform plan/state or the IaC model.
 *
 * @public
 */
export interface SecuredResource {
  address: string;
  type: string;
  inbound: InboundRule[];
  /** Undefined when the resource has no storage or encryption is not expressed. */
  encrypted?: boolean;
  /** Undefined when the resource type carries no tags. */
  tags?: Record<string, string>;
}

type Json = Record<string, any>;

function number(value: unknown): number | undefined {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function portRange(value: unknown): { fromPort?: number; toPort?: number } {
  if (value === undefined || value === null || value === '*' || value === '')
    return {};
  const [from, to] = String(value).split('-');
  return { fromPort: number(from), toPort: number(to ?? from) };
}

function list(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter(x => typeof x === 'string');
  return typeof v === 'string' ? [v] : [];
}

/** Inbound rules a Terraform resource defines, by resource type. */
function inboundOf(type: string, v: Json): InboundRule[] {
  switch (type) {
    case 'aws_security_group':
      return (v.ingress ?? []).map((r: Json) => ({
        protocol: String(r.protocol),
        fromPort: number(r.from_port),
        toPort: number(r.to_port),
        sources: [...list(r.cidr_blocks), ...list(r.ipv6_cidr_blocks)],
      }));
    case 'aws_security_group_rule':
      return v.type === 'ingress'
        ? [
            {
              protocol: String(v.protocol),
              fromPort: number(v.from_port),
              toPort: number(v.to_port),
              sources: [...list(v.cidr_blocks), ...list(v.ipv6_cidr_blocks)],
            },
          ]
        : [];
    case 'aws_vpc_security_group_ingress_rule':
      return [
        {
          protocol: String(v.ip_protocol),
          fromPort: number(v.from_port),
          toPort: number(v.to_port),
          sources: [...list(v.cidr_ipv4), ...list(v.cidr_ipv6)],
        },
      ];
    case 'azurerm_network_security_rule':
    case 'azurerm_network_security_group': {
      const rules =
        type === 'azurerm_network_security_rule' ? [v] : v.security_rule ?? [];
      return rules
        .filter(
          (r: Json) =>
            /^inbound$/i.test(r.direction) && /^allow$/i.test(r.access),
        )
        .flatMap((r: Json) => {
          const sources = [
            ...list(r.source_address_prefix),
            ...list(r.source_address_prefixes),
          ];
          const ranges = [
            ...list(r.destination_port_range),
            ...list(r.destination_port_ranges),
          ];
          const protocol = String(r.protocol ?? '*').toLowerCase();
          return (ranges.length ? ranges : ['*']).map(range => ({
            protocol: protocol === '*' ? 'all' : protocol,
            ...portRange(range),
            sources,
          }));
        });
    }
    case 'google_compute_firewall':
      if (v.direction && !/^ingress$/i.test(v.direction)) return [];
      return (v.allow ?? []).flatMap((a: Json) => {
        const ports = list(a.ports);
        const protocol = String(a.protocol).toLowerCase();
        return (ports.length ? ports : ['*']).map(p => ({
          protocol,
          ...portRange(p),
          sources: list(v.source_ranges),
        }));
      });
    default:
      return [];
  }
}

/** Whether a Terraform resource stores data encrypted at rest; undefined when not applicable. */
function encryptionOf(type: string, v: Json): boolean | undefined {
  switch (type) {
    case 'aws_ebs_volume':
      return v.encrypted === true;
    case 'aws_instance': {
      const devices = [
        ...(v.root_block_device ?? []),
        ...(v.ebs_block_device ?? []),
      ];
      return devices.length
        ? devices.every((d: Json) => d.encrypted === true)
        : undefined;
    }
    case 'aws_db_instance':
    case 'aws_rds_cluster':
      return v.storage_encrypted === true;
    // Azure managed disks and GCP persistent disks are always encrypted at rest by the platform.
    case 'azurerm_managed_disk':
    case 'google_compute_disk':
      return true;
    default:
      return undefined;
  }
}

const TAGGED = /^(aws_|azurerm_|google_)/;
const UNTAGGABLE = /(_rule|_association|_attachment|_policy|_key_pair|_route)$/;

function tagsOf(type: string, v: Json): Record<string, string> | undefined {
  if (!TAGGED.test(type) || UNTAGGABLE.test(type)) return undefined;
  const tags = type.startsWith('google_') ? v.labels : v.tags_all ?? v.tags;
  if (tags === undefined) return type.startsWith('google_') ? undefined : {};
  return tags ?? {};
}

/**
 * Resources of a `terraform show -json` document, plan (`planned_values`) or state (`values`).
 *
 * @public
 */
export function resourcesFromTerraformJson(document: Json): SecuredResource[] {
  const root =
    document.planned_values?.root_module ?? document.values?.root_module;
  const found: SecuredResource[] = [];
  const walk = (module: Json | undefined) => {
    if (!module) return;
    for (const r of module.resources ?? []) {
      if (r.mode && r.mode !== 'managed') continue;
      const values = r.values ?? {};
      found.push({
        address: r.address,
        type: r.type,
        inbound: inboundOf(r.type, values),
        encrypted: encryptionOf(r.type, values),
        tags: tagsOf(r.type, values),
      });
    }
    for (const child of module.child_modules ?? []) walk(child);
  };
  walk(root);
  return found;
}

/**
 * Resources of the IaC model (used when no Terraform plan exists, e.g. without a configured
 * `terraformCommand`). The generator encrypts every disk and tags every resource with `owner`,
 * `migration-id` and `wave`, which is what the model records.
 *
 * @public
 */
export function resourcesFromIacModel(model: IacModel): SecuredResource[] {
  const planned = { owner: model.owner, 'migration-id': model.migrationId };
  const resources: SecuredResource[] = model.securityGroups.map(sg => ({
    address: `security-group ${sg.name}`,
    type: 'security-group',
    inbound: sg.ingress.map(r => ({ ...r })),
  }));
  for (const wave of model.waves) {
    for (const instance of wave.instances) {
      resources.push({
        address: `instance ${instance.name}`,
        type: 'instance',
        inbound: [],
        encrypted: true,
        tags: {
          ...(instance.tags ?? {}),
          ...planned,
          wave: String(wave.number),
        },
      });
    }
  }
  return resources;
}

const VALIDATION_STATUS = {
  pass: 'passed',
  warn: 'warning',
  fail: 'failed',
} as const;
const toValidationStatus = (s: 'pass' | 'warn' | 'fail') =>
  VALIDATION_STATUS[s];

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
  const controls = PROFILE_CONTROLS[profile];
  const at = (options.now ?? (() => new Date()))().toISOString();
  const check = (
    id: string,
    name: string,
    offenders: string[],
    severity: 'warn' | 'fail',
    okMessage: string,
    badMessage: string,
    remediation: string,
    checked: number,
  ): ValidationCheck => ({
    id: `security.${id}`,
    category: 'security',
    name,
    status: offenders.length ? toValidationStatus(severity) : 'passed',
    message: offenders.length
      ? `${badMessage}: ${offenders.slice(0, 10).join('; ')}`
      : okMessage,
    metrics: {
      checked,
      offending: offenders.length,
      profile,
      source: options.source,
    },
    remediation: offenders.length ? remediation : undefined,
    startedAt: at,
    completedAt: at,
  });

  const withRules = resources.filter(r => r.inbound.length > 0);
  const admin = withRules.flatMap(r => {
    const ports = internetExposedAdminPorts(r.inbound);
    return ports.length ? [`${r.address} (${describePorts(ports)})`] : [];
  });
  const database = withRules.flatMap(r => {
    const ports = internetExposedDatabasePorts(r.inbound);
    return ports.length ? [`${r.address} (${describePorts(ports)})`] : [];
  });
  const storage = resources.filter(r => r.encrypted !== undefined);
  const unencrypted = storage
    .filter(r => r.encrypted === false)
    .map(r => r.address);
  const tagged = resources.filter(r => r.tags !== undefined);
  const required = [...PLANNED_TAGS, ...REQUIRED_TAGS[profile]];
  const untagged = tagged.flatMap(r => {
    const missing = missingTags(r.tags!, required);
    return missing.length ? [`${r.address} lacks ${missing.join(', ')}`] : [];
  });

  return [
    check(
      'admin-ports',
      'No administration ports open to the internet',
      admin,
      controls.adminPortsFromInternet === 'pass'
        ? 'warn'
        : controls.adminPortsFromInternet,
      `None of ${withRules.length} rule sets opens SSH/RDP/WinRM to the internet`,
      'Administration ports open to the internet',
      'Restrict the rule to a bastion or VPN range, or use the provider session manager',
      withRules.length,
    ),
    check(
      'database-ports',
      'No database ports open to the internet',
      database,
      controls.databasePortsFromInternet === 'pass'
        ? 'warn'
        : controls.databasePortsFromInternet,
      `None of ${withRules.length} rule sets opens a database port to the internet`,
      'Database ports open to the internet',
      'Allow database ports only from the application subnets',
      withRules.length,
    ),
    check(
      'encryption-at-rest',
      'Storage encrypted at rest',
      unencrypted,
      controls.encryptionAtRest === 'pass' ? 'warn' : controls.encryptionAtRest,
      `All ${storage.length} storage resources are encrypted at rest`,
      'Not encrypted at rest',
      'Enable encryption (e.g. `encrypted = true` on EBS volumes, `storage_encrypted` on RDS) and re-apply',
      storage.length,
    ),
    check(
      'required-tags',
      'Required tags present',
      untagged,
      controls.requiredTags === 'pass' ? 'warn' : controls.requiredTags,
      `All ${tagged.length} taggable resources carry ${required.join(', ')}`,
      'Missing required tags',
      `Add the tags ${required.join(', ')} to the resources`,
      tagged.length,
    ),
  ];
}
