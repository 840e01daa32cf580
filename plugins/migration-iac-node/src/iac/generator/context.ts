import { hcl, type HclBlock, type HclValue } from '../hcl/document';
import {
  IdentifierAllocator,
  toCloudName,
  type CloudNameStyle,
} from '../hcl/identifiers';
import type { IacInstance, IacModel } from '../model';
import type { ModelIndex, WaveOwnership, WaveScope } from './plan';

/** Tag keys every generated resource carries. */
export const REQUIRED_TAG_KEYS = ['owner', 'migration-id', 'wave'] as const;

/** The blocks of one wave folder, by file. */
export interface WaveBlocks {
  versions: HclBlock[];
  providers: HclBlock[];
  variables: HclBlock[];
  network: HclBlock[];
  security: HclBlock[];
  storage: HclBlock[];
  compute: HclBlock[];
  outputs: HclBlock[];
  imports: HclBlock[];
}

const MAX_NAME_LENGTH: Record<CloudNameStyle, number> = {
  gcp: 63,
  'azure-computer': 15,
  azure: 80,
  aws: 255,
};

/**
 * Unique cloud-side names per scope, derived from the model's display names.
 */
export class CloudNameAllocator {
  private readonly byKey = new Map<string, string>();
  private readonly taken = new Set<string>();

  allocate(
    scope: string,
    key: string,
    name: string,
    style: CloudNameStyle,
  ): string {
    const scopedKey = `${scope}\u0000${key}`;
    const existing = this.byKey.get(scopedKey);
    if (existing) return existing;
    const base = toCloudName(name, style);
    let candidate = base;
    for (
      let n = 2;
      this.taken.has(`${scope}\u0000${candidate.toLowerCase()}`);
      n++
    ) {
      const suffix = `-${n}`;
      const max = MAX_NAME_LENGTH[style];
      candidate = `${base.slice(0, max - suffix.length)}${suffix}`;
    }
    this.taken.add(`${scope}\u0000${candidate.toLowerCase()}`);
    this.byKey.set(scopedKey, candidate);
    return candidate;
  }
}

/**
 * Names shared by every wave: Terraform identifiers and cloud names are allocated once for the
 * whole model, in key order, so the same resource has the same name in every wave folder.
 */
export interface BundleNames {
  ids: IdentifierAllocator;
  cloud: CloudNameAllocator;
}

/** Everything a provider writer needs to write one wave. */
export interface WaveContext {
  model: IacModel;
  index: ModelIndex;
  ownership: WaveOwnership;
  scope: WaveScope;
  names: BundleNames;
  /** True when source and target are the same cloud: existing resources are imported. */
  sameCloud: boolean;
  warnings: string[];
}

/** The required tags for a resource created by `wave`, plus `extra` underneath. */
export function requiredTags(
  model: IacModel,
  wave: number,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    ...extra,
    ...model.tags,
    owner: model.owner,
    'migration-id': model.migrationId,
    wave: String(wave),
    'managed-by': 'sirsi-nexus-migrate',
  };
}

/**
 * Tags of one resource on top of the provider-wide required tags: the required keys are
 * removed so a tag copied from the source can never override them.
 */
export function resourceTags(
  model: IacModel,
  extra: Record<string, string>,
): Record<string, string> {
  const reserved = new Set<string>([
    ...REQUIRED_TAG_KEYS,
    'managed-by',
    ...Object.keys(model.tags ?? {}),
  ]);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (!reserved.has(key)) out[key] = value;
  }
  return out;
}

/**
 * One output per kind of value, mapping each resource's Terraform name to the value, so a wave
 * has a few outputs however many machines it holds. Nothing when `entries` is empty.
 */
export function mapOutput(
  name: string,
  description: string,
  entries: Array<[string, string]>,
): HclBlock[] {
  if (entries.length === 0) return [];
  return [
    hcl.block(
      'output',
      [name],
      [
        hcl.attr('description', hcl.str(description)),
        hcl.attr(
          'value',
          hcl.object(
            entries.map(([k, e]): [string, HclValue] => [k, hcl.expr(e)]),
          ),
        ),
      ],
    ),
  ];
}

/** The wave number that creates a shared resource (network or security group). */
export function ownerWave(
  ctx: WaveContext,
  kind: 'network' | 'securityGroup',
  key: string,
) {
  return kind === 'network'
    ? ctx.ownership.networks.get(key)!
    : ctx.ownership.securityGroups.get(key)!;
}

/** True when this wave creates the shared resource; otherwise it looks it up. */
export function owns(
  ctx: WaveContext,
  kind: 'network' | 'securityGroup',
  key: string,
) {
  return ownerWave(ctx, kind, key) === ctx.scope.wave.number;
}

/** Source tags carried over, plus where the machine came from. */
export function instanceExtraTags(
  instance: IacInstance,
): Record<string, string> {
  return {
    ...(instance.tags ?? {}),
    ...(instance.entityRef ? { 'source-entity': instance.entityRef } : {}),
  };
}

/** Default zone of zonal resources when the model names none. */
export function defaultZone(model: IacModel): string {
  if (model.target.zone) return model.target.zone;
  switch (model.target.provider) {
    case 'aws':
      return `${model.target.region}a`;
    case 'gcp':
      return `${model.target.region}-b`;
    default:
      return '1';
  }
}

/** AWS Graviton, Azure Ampere and GCP Tau T2A/Axion types run arm64 images. */
export function isArm64InstanceType(provider: string, type: string): boolean {
  if (provider === 'aws') return /^[a-z]+\d+g[a-z]*\./.test(type);
  if (provider === 'azure')
    return /^Standard_[A-Z]+\d+[a-z]*p[a-z]*_v\d/i.test(type);
  if (provider === 'gcp') return /^(t2a|c4a)-/.test(type);
  return false;
}

/** Which base image family a machine gets; the transfer phase brings the real disks over. */
export function imageFamily(os: { family: string; name?: string }) {
  if (os.family === 'windows') return 'windows' as const;
  const name = (os.name ?? '').toLowerCase();
  if (/red ?hat|rhel|centos|rocky|alma/.test(name)) return 'rhel' as const;
  if (/ubuntu/.test(name)) return 'ubuntu' as const;
  return 'linux' as const;
}

/**
 * Collects `import` blocks: on a same-cloud move an existing resource is adopted (`import { to, id
 * }`) instead of created; across clouds nothing is imported.
 */
export function importCollector(ctx: WaveContext) {
  const imports: HclBlock[] = [];
  const importBlock = (to: string, importId?: string) => {
    if (ctx.sameCloud && importId) {
      imports.push(
        hcl.block(
          'import',
          [],
          [hcl.attr('to', hcl.expr(to)), hcl.attr('id', hcl.str(importId))],
        ),
      );
    }
  };
  return { imports, importBlock };
}

/** `versions.tf`: the Terraform version and the one provider a wave folder uses. */
export function versionsBlocks(provider: {
  name: string;
  source: string;
  version: string;
}): HclBlock[] {
  const { attr, block, blank, str } = hcl;
  return [
    block(
      'terraform',
      [],
      [
        attr('required_version', str('>= 1.5.0')),
        blank(),
        block(
          'required_providers',
          [],
          [
            attr(
              provider.name,
              hcl.object([
                ['source', str(provider.source)],
                ['version', str(provider.version)],
              ]),
            ),
          ],
        ),
      ],
    ),
  ];
}
