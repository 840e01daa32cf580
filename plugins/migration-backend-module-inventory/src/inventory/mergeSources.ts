import type {
  DiscoveredResource,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import type { InventoryReporter } from './rowContext';

/** Server sources whose rows can describe the same server. */
export const MERGED_SOURCES = ['rvtools-vinfo', 'azure-migrate-servers'];

/** The fields a merge picks from one source, as provenance names them. */
type Field =
  | 'name'
  | 'vcpus'
  | 'memory'
  | 'disks'
  | 'power-state'
  | 'os'
  | 'region'
  | 'zone'
  | 'utilization';

/**
 * Which source wins each field, best first (`rvtools-os-tools`: RVTools with a VMware Tools OS).
 * RVTools reads the VM's configuration from vCenter, so it is the measured source for what the VM
 * is given (CPUs, memory, disks, power, placement) and names it as vCenter, vDisk and a VMware
 * appliance's dependency data do. The OS: what VMware Tools reports from the running guest, then
 * the Azure Migrate import's OS name and version (the guest's own), then the configuration file's
 * guest OS type (a choice from a list). Utilization: Azure Migrate's performance history over
 * RVTools' custom P95 columns, metric by metric.
 */
const PRECEDENCE: Record<Field, string[]> = {
  name: ['rvtools-vinfo', 'azure-migrate-servers'],
  vcpus: ['rvtools-vinfo', 'azure-migrate-servers'],
  memory: ['rvtools-vinfo', 'azure-migrate-servers'],
  disks: ['rvtools-vinfo', 'azure-migrate-servers'],
  'power-state': ['rvtools-vinfo', 'azure-migrate-servers'],
  os: ['rvtools-os-tools', 'azure-migrate-servers', 'rvtools-vinfo'],
  region: ['rvtools-vinfo', 'azure-migrate-servers'],
  zone: ['rvtools-vinfo', 'azure-migrate-servers'],
  utilization: ['azure-migrate-servers', 'rvtools-vinfo'],
};

const sourceOf = (r: DiscoveredResource) => String(r.raw?.source ?? '');

/** The source name precedence uses for a resource and field. */
function rankedSource(r: DiscoveredResource, field: Field) {
  const source = sourceOf(r);
  if (
    field === 'os' &&
    source === 'rvtools-vinfo' &&
    r.raw?.osSource === 'vmware-tools'
  ) {
    return 'rvtools-os-tools';
  }
  return source;
}

/** The parts ordered by precedence for a field, those with a value for it only. */
function winner(
  parts: DiscoveredResource[],
  field: Field,
  has: (r: DiscoveredResource) => boolean,
): DiscoveredResource | undefined {
  const order = PRECEDENCE[field];
  const rank = (r: DiscoveredResource) => {
    const at = order.indexOf(rankedSource(r, field));
    return at < 0 ? order.length : at;
  };
  return parts.filter(has).sort((a, b) => rank(a) - rank(b))[0];
}

const HAS: Record<Field, (r: DiscoveredResource) => boolean> = {
  name: () => true,
  vcpus: r => r.specs.vcpus !== undefined,
  memory: r => r.specs.memoryMiB !== undefined,
  disks: r => (r.specs.disks?.length ?? 0) > 0,
  'power-state': r => r.specs.powerState !== undefined,
  os: r => r.specs.os !== undefined,
  region: r => r.region !== undefined,
  zone: r => r.zone !== undefined,
  utilization: r => r.utilization !== undefined,
};

/** Every metric from the first part (by precedence) that has it. */
function mergedUtilization(ranked: DiscoveredResource[]) {
  const merged: ResourceUtilization = {};
  for (const part of [...ranked].reverse()) {
    Object.assign(merged, part.utilization);
  }
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** Values of the first list first, then the others' not seen yet. */
function union(lists: (string[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap(l => l ?? []))];
}

/**
 * One resource from the readings of one server in several sources: each field from the source
 * that wins it (see {@link PRECEDENCE}); addresses, tags and dependencies from all. The result
 * says where it came from: `raw.sources` (every source's file and line), `raw.fieldSources`
 * (field → source) and the tags `inventory-sources` and `inventory-field-sources`.
 */
export function mergeReadings(
  readings: DiscoveredResource[],
): DiscoveredResource {
  // In one order whichever file was read first, so the result does not depend on it.
  const parts = [...readings].sort(
    (a, b) =>
      MERGED_SOURCES.indexOf(sourceOf(a)) - MERGED_SOURCES.indexOf(sourceOf(b)),
  );
  const fieldSources: Partial<Record<Field, string>> = {};
  const pick = (field: Field) => {
    const part = winner(parts, field, HAS[field]);
    if (part) fieldSources[field] = sourceOf(part);
    return part;
  };
  const base = pick('name')!;
  const specs = { ...base.specs };
  specs.vcpus = pick('vcpus')?.specs.vcpus;
  specs.memoryMiB = pick('memory')?.specs.memoryMiB;
  specs.disks = pick('disks')?.specs.disks ?? [];
  const power = pick('power-state')?.specs.powerState;
  if (power !== undefined) specs.powerState = power;
  const osPart = pick('os');
  if (osPart) specs.os = osPart.specs.os;
  specs.ipAddresses = union(parts.map(p => p.specs.ipAddresses));
  const byUtilization = PRECEDENCE.utilization;
  const utilization = mergedUtilization(
    [...parts].sort(
      (a, b) =>
        byUtilization.indexOf(sourceOf(a)) - byUtilization.indexOf(sourceOf(b)),
    ),
  );
  if (utilization) pick('utilization');
  const region = pick('region')?.region;
  const zone = pick('zone')?.zone;

  const names = new Set(parts.map(p => p.externalId));
  const tags: Record<string, string> = {};
  // Lower precedence first, so the winner's value of a tag both have is the one kept.
  for (const part of [...parts].reverse()) Object.assign(tags, part.tags);
  if (!osPart?.tags['os-version-ambiguous'])
    delete tags['os-version-ambiguous'];
  const sources = union(parts.map(p => [sourceOf(p)]));
  tags['inventory-sources'] = sources.join(', ');
  tags['inventory-field-sources'] = describeFieldSources(fieldSources);

  const merged: DiscoveredResource = {
    ...base,
    specs,
    tags,
    dependsOn: union(parts.map(p => p.dependsOn)).filter(d => !names.has(d)),
    raw: {
      ...Object.assign({}, ...parts.map(p => p.raw)),
      ...base.raw,
      source: sources.join('+'),
      sources: parts.map(p => ({
        source: sourceOf(p),
        name: p.name,
        file: p.raw?.file,
        line: p.raw?.line,
      })),
      fieldSources,
    },
  };
  if (region !== undefined) merged.region = region;
  if (zone !== undefined) merged.zone = zone;
  if (utilization) merged.utilization = utilization;
  else delete merged.utilization;
  return merged;
}

/** `name, vcpus, memory: rvtools-vinfo; os, utilization: azure-migrate-servers`. */
function describeFieldSources(fields: Partial<Record<Field, string>>) {
  const bySource = new Map<string, string[]>();
  for (const [field, source] of Object.entries(fields)) {
    bySource.set(source, [...(bySource.get(source) ?? []), field]);
  }
  return [...bySource]
    .map(([source, list]) => `${list.join(', ')}: ${source}`)
    .join('; ');
}

/** The keys a server may be known by in another source, most specific first. */
function matchKeys(resource: DiscoveredResource): string[][] {
  const names = [resource.name, resource.raw?.dnsName]
    .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
    .map(n => n.trim().toLowerCase().replace(/\.$/, ''));
  const full = names.map(n => `n:${n}`);
  const short = names
    .filter(n => !/^[0-9.:]+$/.test(n))
    .map(n => `s:${n.split('.')[0]}`);
  const ips = (resource.specs.ipAddresses ?? [])
    .filter(ip => !/^(127\.|169\.254\.|0\.0\.0\.0$|::1$|fe80:)/i.test(ip))
    .map(ip => `i:${ip.toLowerCase()}`);
  return [full, short, ips];
}

/**
 * Which server files' servers are held for merging: all that may merge but the last, when the
 * files hold more than one mergeable source. -1 when nothing is merged.
 */
export function lastMergedFile(formats: (string | undefined)[]): number {
  const mergeable = formats.map(
    f => f !== undefined && MERGED_SOURCES.includes(f),
  );
  const distinct = new Set(formats.filter((_f, i) => mergeable[i]));
  return distinct.size > 1 ? mergeable.lastIndexOf(true) : -1;
}

/** Servers held until the last source is read, and how to find them. */
interface Held {
  parts: DiscoveredResource[];
  done: boolean;
}

/**
 * Merges the readings of one server from several server sources (RVTools vInfo and the Azure
 * Migrate import): by full host name (VM name or vInfo's `DNS Name`), then by the name without
 * its DNS suffix, then by IP address, compared without case. Readings of the same source never
 * merge (two VMs of the same name are reported as a duplicate before this).
 *
 * @remarks
 * Every server file but the last is held (see {@link SourceMerger.hold}); the last one streams,
 * each server merged with what was held; what no streamed server claimed follows.
 */
export class SourceMerger {
  private readonly held: Held[] = [];
  /** Match key → held server; null when two held servers share the key (it proves nothing). */
  private readonly byKey = new Map<string, Held | null>();

  constructor(private readonly reporter: InventoryReporter) {}

  private find(resource: DiscoveredResource): Held | undefined {
    const source = sourceOf(resource);
    for (const keys of matchKeys(resource)) {
      for (const key of keys) {
        const held = this.byKey.get(key);
        if (
          held &&
          !held.done &&
          !held.parts.some(p => sourceOf(p) === source)
        ) {
          return held;
        }
      }
    }
    return undefined;
  }

  private remember(held: Held, resource: DiscoveredResource) {
    for (const keys of matchKeys(resource)) {
      for (const key of keys) {
        const known = this.byKey.get(key);
        if (known === undefined) this.byKey.set(key, held);
        else if (known !== held) this.byKey.set(key, null);
      }
    }
  }

  /** Keeps a server of a source read before the last one, merged with any held match. */
  hold(resource: DiscoveredResource) {
    const match = this.find(resource);
    if (match) {
      match.parts.push(resource);
      this.reporter.count('resourcesMerged');
    } else {
      this.held.push({ parts: [resource], done: false });
    }
    this.remember(match ?? this.held[this.held.length - 1], resource);
  }

  /** A server of the last source: merged with its held match, if any. */
  pass(resource: DiscoveredResource): DiscoveredResource {
    const match = this.find(resource);
    if (!match) return resource;
    match.done = true;
    this.reporter.count('resourcesMerged');
    return mergeReadings([...match.parts, resource]);
  }

  /** The held servers no server of the last source matched, merged where they matched each other. */
  *rest(): Generator<DiscoveredResource> {
    for (const held of this.held) {
      if (held.done) continue;
      held.done = true;
      yield held.parts.length > 1 ? mergeReadings(held.parts) : held.parts[0];
    }
    this.held.length = 0;
    this.byKey.clear();
  }
}
