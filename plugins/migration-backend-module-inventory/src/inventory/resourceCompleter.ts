import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { CompanionIndexes } from './companionIndexes';
import { HostDirectory, shortHostName } from './hostNames';
import type { RowContext } from './formats/types';
import type { InventoryReporter } from './rowContext';
import type { RvtoolsIndexes } from './rvtoolsIndexes';
import { MERGED_SOURCES } from './mergeSources';

/** Whether two readings of one name are of sources that merge (see `SourceMerger`). */
function mergeable(first: unknown, second: unknown) {
  return (
    first !== second &&
    MERGED_SOURCES.includes(String(first)) &&
    MERGED_SOURCES.includes(String(second))
  );
}

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
  private readonly seen: (
    | { file: number; line: number; source: unknown }
    | undefined
  )[] = [];
  private readonly files: string[] = [];
  private readonly usedDisks = new Set<string>();
  private readonly usedNetworks = new Set<string>();
  private readonly hosts = new HostDirectory();
  /** Resources waiting for a destination the export names differently (see {@link releaseHeld}). */
  private readonly held: {
    resource: DiscoveredResource;
    key: string;
    found: { names: string[]; addresses: string[] };
  }[] = [];

  constructor(
    private readonly indexes: CompanionIndexes,
    private readonly reporter: InventoryReporter,
    private readonly rvtools?: RvtoolsIndexes,
  ) {}

  /**
   * Completes a resource from the indexes; false when it duplicates one already yielded, or
   * when it is held until {@link releaseHeld} because a dependency may still be read.
   */
  complete(resource: DiscoveredResource, ctx: RowContext, line: number) {
    const { seen, files } = this;
    const key = resource.externalId;
    const id = this.indexes.dependencies.idOf(key);
    while (seen.length <= id) seen.push(undefined);
    const first = seen[id];
    if (first && !mergeable(first.source, resource.raw?.source)) {
      ctx.reject(
        line,
        `"${resource.name}" appears again (first at ${files[first.file]} line ${
          first.line
        })`,
      );
      return false;
    }
    if (files[files.length - 1] !== ctx.file) files.push(ctx.file);
    seen[id] ??= { file: files.length - 1, line, source: resource.raw?.source };
    this.addHardware(resource, key);
    this.rvtools?.complete(resource, key);
    this.hosts.add(key, resource);
    const ready = this.addDependencies(resource, id, key);
    this.reporter.count('rowsImported');
    return ready;
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

  /** Adds the dependencies of the export; false when the resource is held for a later server. */
  private addDependencies(
    resource: DiscoveredResource,
    id: number,
    key: string,
  ): boolean {
    const deps = this.indexes.dependencies;
    const aliases = deps.aliasIds(key);
    const ips = resource.specs.ipAddresses ?? [];
    // Agentless dependency analysis sees TCP connections.
    const ports = deps.portsOf(id, ips, aliases);
    if (ports.length > 0) {
      const listening = (resource.specs.listeningPorts ??= []);
      for (const port of ports) {
        if (!listening.some(p => p.port === port))
          listening.push({ protocol: 'tcp', port });
      }
    }
    const found = deps.dependenciesOf(id, ips, aliases);
    if (found.names.length === 0 && found.addresses.length === 0) return true;
    if (this.link(resource, key, found, false)) return true;
    this.held.push({ resource, key, found });
    return false;
  }

  /**
   * Adds the dependencies found as the keys of the servers they name. A destination written
   * the way `key` is (both with or both without DNS suffix) is taken as written, as before; one
   * written otherwise (`db01` against an import of FQDNs), or given only by an address, is looked
   * up among the servers read. Unless `final`, false when such a destination is not read yet.
   */
  private link(
    resource: DiscoveredResource,
    key: string,
    found: { names: string[]; addresses: string[] },
    final: boolean,
  ): boolean {
    const keys: string[] = [];
    const keyHasSuffix = shortHostName(key) !== undefined;
    for (const name of found.names) {
      const server =
        (shortHostName(name) !== undefined) !== keyHasSuffix
          ? this.hosts.find(name)
          : name;
      if (server) keys.push(server);
      else if (!final) return false;
      else keys.push(name);
    }
    let outside = 0;
    for (const address of found.addresses) {
      const server = this.hosts.find(`ip:${address}`);
      if (server) keys.push(server);
      else if (!final) return false;
      else outside++;
    }
    if (outside > 0)
      this.reporter.count('dependenciesOutsideInventory', outside);
    for (const dependency of keys) {
      if (dependency !== key && !resource.dependsOn.includes(dependency))
        resource.dependsOn.push(dependency);
    }
    return true;
  }

  /**
   * The resources held for a destination the dependency export names differently from the
   * server files (or only by address), completed now that every server was read.
   */
  *releaseHeld(): Generator<DiscoveredResource> {
    for (const { resource, key, found } of this.held.splice(0)) {
      this.link(resource, key, found, true);
      yield resource;
    }
  }

  /** Warns about dependency destinations, disks and adapters of servers no file listed. */
  reportLeftovers() {
    const { dependencies, disksByVm, networkByVm } = this.indexes;
    const unknown = dependencies.unknownDestinations(
      (id, name) =>
        this.seen[id] !== undefined || this.hosts.find(name) !== undefined,
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
