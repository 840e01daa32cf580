import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { CompanionIndexes } from './companionIndexes';
import type { RowContext } from './formats/types';
import type { InventoryReporter } from './rowContext';

/**
 * Completes each server read with what the companion files know about it — disks, addresses,
 * networks, dependencies — rejects a server read twice, and at the end warns about companion
 * rows no server claimed.
 */
export class ResourceCompleter {
  /**
   * Where each resource was read (index into `files`, and line), by its id in `dependencies`: one
   * lookup per resource finds both its first reading and its edges.
   */
  private readonly seen: ({ file: number; line: number } | undefined)[] = [];
  private readonly files: string[] = [];
  private readonly usedDisks = new Set<string>();
  private readonly usedNetworks = new Set<string>();

  constructor(
    private readonly indexes: CompanionIndexes,
    private readonly reporter: InventoryReporter,
  ) {}

  /** Completes a resource from the indexes; false when it duplicates one already yielded. */
  complete(resource: DiscoveredResource, ctx: RowContext, line: number) {
    const { seen, files } = this;
    const key = resource.externalId;
    const id = this.indexes.dependencies.idOf(key);
    while (seen.length <= id) seen.push(undefined);
    const first = seen[id];
    if (first) {
      ctx.reject(
        line,
        `"${resource.name}" appears again (first at ${files[first.file]} line ${
          first.line
        })`,
      );
      return false;
    }
    if (files[files.length - 1] !== ctx.file) files.push(ctx.file);
    seen[id] = { file: files.length - 1, line };
    this.addHardware(resource, key);
    this.addDependencies(resource, id);
    this.reporter.count('rowsImported');
    return true;
  }

  /** Disks from vDisk, addresses and networks from vNetwork. */
  private addHardware(resource: DiscoveredResource, key: string) {
    const disks = this.indexes.disksByVm.get(key);
    if (disks) {
      resource.specs.disks = disks;
      this.usedDisks.add(key);
    }
    const nics = this.indexes.networkByVm.get(key);
    if (nics) {
      this.usedNetworks.add(key);
      const ips = resource.specs.ipAddresses ?? [];
      resource.specs.ipAddresses = [
        ...ips,
        ...nics.ips.filter(ip => !ips.includes(ip)),
      ];
      if (nics.networks.length > 0) {
        resource.raw = { ...resource.raw, networks: nics.networks };
      }
    }
  }

  private addDependencies(resource: DiscoveredResource, id: number) {
    const found = this.indexes.dependencies.dependenciesOf(
      id,
      resource.specs.ipAddresses ?? [],
    );
    if (found.outside > 0)
      this.reporter.count('dependenciesOutsideInventory', found.outside);
    if (resource.dependsOn.length === 0) {
      resource.dependsOn = found.names;
    } else {
      for (const name of found.names) {
        if (!resource.dependsOn.includes(name)) resource.dependsOn.push(name);
      }
    }
  }

  /** Warns about dependency destinations, disks and adapters of servers no file listed. */
  reportLeftovers() {
    const { dependencies, disksByVm, networkByVm } = this.indexes;
    const unknown = dependencies.unknownDestinations(
      id => this.seen[id] !== undefined,
    );
    if (unknown.length > 0) {
      const list = unknown.slice(0, 5).join(', ');
      this.reporter.warn(
        `${
          unknown.length
        } dependency destination(s) are not in the inventory (${list}${
          unknown.length > 5 ? ', …' : ''
        }); their entities will be missing from the catalog graph`,
      );
    }
    const orphanDisks = [...disksByVm.keys()].filter(
      vm => !this.usedDisks.has(vm),
    );
    const orphanNics = [...networkByVm.keys()].filter(
      vm => !this.usedNetworks.has(vm),
    );
    if (orphanDisks.length + orphanNics.length > 0) {
      this.reporter.warn(
        `vDisk/vNetwork rows name ${
          new Set([...orphanDisks, ...orphanNics]).size
        } VM(s) that no server file lists (${[...orphanDisks, ...orphanNics]
          .slice(0, 5)
          .join(', ')}); ignored`,
      );
    }
  }
}
