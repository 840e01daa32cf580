import type {
  DiscoveredResource,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';
import { round } from '../util/numbers';

function diskOfResource(r: DiscoveredResource): DiskSpec | undefined {
  const first = r.specs.disks?.[0];
  if (first) return { ...first, name: first.name ?? r.name };
  if (r.specs.storageGiB !== undefined) {
    return { sizeGiB: r.specs.storageGiB, name: r.name };
  }
  return undefined;
}

/** The disk resources attached to each VM, by index. */
function attachedDisksByVm(attachedTo: Int32Array): Map<number, number[]> {
  const byVm = new Map<number, number[]>();
  for (let j = 0; j < attachedTo.length; j++) {
    if (attachedTo[j] === -1) continue;
    const list = byVm.get(attachedTo[j]) ?? [];
    list.push(j);
    byVm.set(attachedTo[j], list);
  }
  return byVm;
}

/**
 * The disks each resource carries to the target: a VM its own disk list or, without one, the disk
 * resources attached to it; a disk or database itself; an attached disk nothing (its VM carries it).
 */
export function carriedDisks(
  resources: readonly DiscoveredResource[],
  attachedTo: Int32Array,
): DiskSpec[][] {
  const attachedDisks = attachedDisksByVm(attachedTo);
  const carried: DiskSpec[][] = new Array(resources.length);
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    let disks: DiskSpec[] = [];
    if (attachedTo[i] !== -1) {
      disks = [];
    } else if (r.kind === 'vm') {
      disks = r.specs.disks?.length
        ? r.specs.disks
        : (attachedDisks.get(i) ?? [])
            .map(j => diskOfResource(resources[j]))
            .filter((d): d is DiskSpec => d !== undefined);
    } else if (r.kind === 'disk' || r.kind === 'database') {
      const d =
        r.kind === 'database' && r.specs.storageGiB !== undefined
          ? { sizeGiB: r.specs.storageGiB, name: r.name }
          : diskOfResource(r);
      disks = d ? [d] : [];
    }
    carried[i] = disks;
  }
  return carried;
}

/**
 * Data a resource moves: used space on its carried disks (else their size), plus the objects of a
 * bucket.
 */
export function carriedDataGiB(
  r: DiscoveredResource,
  disks: readonly DiskSpec[],
): number {
  const onDisks = disks.reduce(
    (s, d) => s + Math.max(0, d.usedGiB ?? d.sizeGiB),
    0,
  );
  const objectStorageGiB = r.kind === 'bucket' ? r.specs.storageGiB ?? 0 : 0;
  return round(onDisks + objectStorageGiB, 2);
}

/** Provisioned size of the disks. */
export function provisionedGiB(disks: readonly DiskSpec[]): number {
  return disks.reduce((s, d) => s + Math.max(0, d.sizeGiB), 0);
}
