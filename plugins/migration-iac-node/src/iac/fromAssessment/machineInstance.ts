import type {
  AssessmentResource,
  TargetProvider,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacDisk, IacInstance } from '../model';
import type { AdapterContext } from './adapterContext';

/** The assessment's storage class ids, as each provider's Terraform argument spells them. */
const STORAGE_CLASSES: Record<TargetProvider, Record<string, string>> = {
  aws: {},
  azure: {
    'premium-ssd': 'Premium_LRS',
    'premium-ssd-v2': 'PremiumV2_LRS',
    'premium-ssd-zrs': 'Premium_ZRS',
    'standard-ssd': 'StandardSSD_LRS',
    'standard-ssd-zrs': 'StandardSSD_ZRS',
    'standard-hdd': 'Standard_LRS',
    'ultra-disk': 'UltraSSD_LRS',
  },
  gcp: {},
};

const DEFAULT_STORAGE_CLASS: Record<TargetProvider, string> = {
  aws: 'gp3',
  azure: 'Premium_LRS',
  gcp: 'pd-balanced',
};

/** Smallest OS disk each cloud's base images accept. */
const MIN_ROOT_GIB: Record<TargetProvider, { linux: number; windows: number }> =
  {
    aws: { linux: 8, windows: 30 },
    azure: { linux: 30, windows: 127 },
    gcp: { linux: 10, windows: 50 },
  };

/** The generator accepts at most this many data disks per machine. */
const MAX_DATA_DISKS = 20;

function storageClass(
  provider: TargetProvider,
  id: string | undefined,
): string {
  if (!id) return DEFAULT_STORAGE_CLASS[provider];
  const mapped = STORAGE_CLASSES[provider][id] ?? id;
  return /^[A-Za-z0-9_.-]{1,64}$/.test(mapped)
    ? mapped
    : DEFAULT_STORAGE_CLASS[provider];
}

/** Tags that may not be copied (cloud-reserved prefixes). */
function copyableTags(tags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(tags).filter(
      ([key]) => !/^(aws:|azure:|goog-|microsoft)/i.test(key),
    ),
  );
}

/**
 * A machine as the generator's instance: the assessment's size and disks (the first is the
 * root, at least the smallest root disk the cloud's images take), its source tags, on a
 * same-cloud move its id for import (unless the migration service launches it, which the
 * `launchedBy` option says). Security groups are added later.
 */
export function machineInstance(
  ctx: AdapterContext,
  machine: AssessmentResource,
  subnetOf: (machine: AssessmentResource) => string,
): IacInstance {
  const { provider, sameCloud } = ctx;
  const source = ctx.find(machine.id);
  const family = machine.os?.family ?? source?.specs.os?.family ?? 'linux';
  const [root, ...data] = machine.disks;
  const minRoot =
    MIN_ROOT_GIB[provider][family === 'windows' ? 'windows' : 'linux'];
  const dataDisks: IacDisk[] = data.map((disk, n) => ({
    key: `${machine.id}-disk-${n + 1}`,
    name: `${machine.name}-${disk.name ?? `disk-${n + 1}`}`,
    sizeGiB: Math.max(1, Math.ceil(disk.sizeGiB)),
    storageClass: storageClass(provider, disk.storageClass),
  }));
  if (dataDisks.length > MAX_DATA_DISKS) {
    ctx.warnings.push(
      `${machine.name} has ${dataDisks.length} data disks; only the first ${MAX_DATA_DISKS} are generated`,
    );
    dataDisks.length = MAX_DATA_DISKS;
  }
  return {
    key: machine.id,
    name: machine.name,
    instanceType: machine.sizing!.instanceType,
    subnetKey: subnetOf(machine),
    securityGroupKeys: [],
    os: { family, ...(machine.os?.name ? { name: machine.os.name } : {}) },
    rootDisk: {
      sizeGiB: Math.max(minRoot, Math.ceil(root?.sizeGiB ?? minRoot)),
      storageClass: storageClass(provider, root?.storageClass),
    },
    dataDisks,
    ...(machine.entityRef ? { entityRef: machine.entityRef } : {}),
    ...(source ? { tags: copyableTags(source.tags) } : {}),
    ...(sameCloud ? { sourceId: machine.id } : {}),
    ...(ctx.options.launchedBy?.(machine) === 'migration-service'
      ? { launchedBy: 'migration-service' as const }
      : {}),
  };
}
