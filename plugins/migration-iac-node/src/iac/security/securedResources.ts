import type { InboundRule } from '@sirsi-nexus/plugin-migration-common';
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
 * `migration-id` and `wave`, which is what the model records; the disks of machines the migration
 * service launches are encrypted by the service's settings, so the model expresses nothing.
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
        // The migration service encrypts the disks it launches per its own replication settings.
        ...(instance.launchedBy === 'migration-service'
          ? {}
          : { encrypted: true }),
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
