import type {
  ReplicationCandidate,
  ServerMatchResult,
} from '@sirsi-nexus/plugin-migration-node';
import type { InventoryVm, MigratingVm } from './vmMigrationTypes';

/** How strongly a migrating VM matches a resource: its source id beats a full name beats a short one. */
const BY_ID = 3;
const BY_NAME = 2;
const BY_SHORT_NAME = 1;

function names(values: Array<string | undefined>) {
  const full = new Set<string>();
  const short = new Set<string>();
  for (const value of values) {
    const name = value?.trim().toLowerCase().replace(/\.$/, '');
    if (!name) continue;
    full.add(name);
    short.add(name.split('.')[0]);
  }
  return { full, short };
}

function overlaps(a: Set<string>, b: Set<string>) {
  for (const x of a) if (b.has(x)) return true;
  return false;
}

function score(
  candidate: ReplicationCandidate,
  sourceVmId: string | undefined,
  vmNames: Array<string | undefined>,
): number {
  const id = candidate.externalId?.toLowerCase();
  if (id && sourceVmId && sourceVmId.toLowerCase() === id) return BY_ID;
  const mine = names([candidate.name, ...candidate.hostnames]);
  const theirs = names(vmNames);
  if (overlaps(mine.full, theirs.full)) return BY_NAME;
  if (overlaps(mine.short, theirs.short)) return BY_SHORT_NAME;
  return 0;
}

/** The best-scoring items; more than one means the match is ambiguous. */
function best<T>(items: T[], scoreOf: (item: T) => number): T[] {
  let top = 0;
  let found: T[] = [];
  for (const item of items) {
    const s = scoreOf(item);
    if (s === 0 || s < top) continue;
    if (s > top) {
      top = s;
      found = [];
    }
    found.push(item);
  }
  return found;
}

function inventoryNames(vm: InventoryVm) {
  return [vm.displayName, vm.computerName, vm.uuid, vm.tags?.Name];
}

/** Where the service was asked, for the operator's instructions. */
export interface MatchScope {
  /** `projects/p/locations/l/sources/s`. */
  source: string;
}

/**
 * Matches resources with the migrating VMs of a Migrate to Virtual Machines source by the
 * source's VM id (vSphere moRef, EC2 instance id, Azure VM id), then by display name, then by host
 * name without its DNS suffix. The service reports no IP addresses, so they cannot be used.
 * With the source's inventory, a resource known there by name (vCenter display name, Azure
 * computer name, AWS `Name` tag, vSphere UUID) matches the migrating VM of that VM id. A resource
 * that matches none, or several, is unmatched with what the operator has to do.
 */
export function matchMigratingVms(
  candidates: ReplicationCandidate[],
  vms: MigratingVm[],
  scope: MatchScope,
  inventory?: InventoryVm[],
): ServerMatchResult {
  const result: ServerMatchResult = { matched: [], unmatched: [] };
  const claimedBy = new Map<string, string>();
  for (const candidate of candidates) {
    const unmatched = (reason: string) =>
      result.unmatched.push({
        entityRef: candidate.entityRef,
        name: candidate.name,
        reason,
      });
    let found = best(vms, vm =>
      score(candidate, vm.sourceVmId, [vm.displayName]),
    );
    const known = inventory
      ? best(inventory, vm => score(candidate, vm.vmId, inventoryNames(vm)))
      : [];
    if (found.length === 0 && known.length > 0) {
      const ids = new Set(known.map(vm => vm.vmId));
      found = vms.filter(vm => vm.sourceVmId && ids.has(vm.sourceVmId));
    }
    if (found.length > 1) {
      unmatched(
        `${candidate.name} matches several migrating VMs of ${
          scope.source
        } (${found
          .map(vm => vm.displayName ?? vm.name)
          .join(
            ', ',
          )}); give the migrating VMs distinct display names or remove the duplicate`,
      );
      continue;
    }
    const [vm] = found;
    if (!vm) {
      unmatched(
        known.length > 0
          ? `${candidate.name} is in the inventory of ${
              scope.source
            } (VM id ${known
              .map(k => k.vmId)
              .join(
                ', ',
              )}) but is not a migrating VM: add it in Migrate to Virtual Machines and start its replication`
          : `${candidate.name} is not a migrating VM of ${scope.source}: register its source in Migrate to Virtual Machines (vCenter with the Migrate Connector appliance, or the AWS/Azure source), add the VM as a migrating VM and start its replication`,
      );
      continue;
    }
    const previous = claimedBy.get(vm.name);
    if (previous) {
      unmatched(
        `${candidate.name} matches migrating VM ${
          vm.displayName ?? vm.name
        }, which ${previous} matched already; rename one of them`,
      );
      continue;
    }
    claimedBy.set(vm.name, candidate.name);
    result.matched.push({
      entityRef: candidate.entityRef,
      name: candidate.name,
      serverId: vm.name,
      serviceName: vm.displayName ?? vm.sourceVmId,
    });
  }
  return result;
}
