import type {
  DiscoveredResource,
  DiskSpec,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import { cell, normalizeHeader, type ColumnMap } from '../csv/columns';
import {
  ambiguousOsVersion,
  parseBoolean,
  parseNumber,
  parseOs,
  splitIps,
  tagKey,
} from '../csv/values';
import {
  VDISK_COLUMNS,
  VINFO_COLUMNS,
  VINFO_STANDARD,
  VNETWORK_COLUMNS,
} from './rvtoolsColumns';
import type { RowContext } from './types';
import {
  inventoryVm,
  notANumberWarning,
  optionalNumbers,
  requirePositive,
  round,
} from './vmRows';

type VInfoColumns = ColumnMap<keyof typeof VINFO_COLUMNS>;

const tagColumns = new WeakMap<
  VInfoColumns,
  { index: number; key: string }[]
>();

/** The custom-attribute columns of a header, worked out once per file. */
function tagColumnsOf(columns: VInfoColumns) {
  let list = tagColumns.get(columns);
  if (!list) {
    list = columns.others
      .filter(other => !VINFO_STANDARD.has(normalizeHeader(other.name)))
      .map(other => ({ index: other.index, key: tagKey(other.name) }));
    tagColumns.set(columns, list);
  }
  return list;
}

type Cell = (i: number) => string | undefined;
type OptionalNumber = (key: keyof typeof VINFO_COLUMNS) => number | undefined;

/** The required values of a vInfo row; undefined when one is missing or bad (reported). */
function requiredVmValues(
  get: Cell,
  line: number,
  { index }: VInfoColumns,
  ctx: RowContext,
) {
  const name = get(index.vm);
  if (!name) {
    ctx.reject(line, 'the VM column is empty');
    return undefined;
  }
  if (parseBoolean(get(index.template)) === true) {
    ctx.reject(line, `"${name}" is a template, not a virtual machine`);
    return undefined;
  }
  const vcpus = requirePositive(get(index.cpus), line, ctx, {
    label: 'CPUs',
    server: name,
    whole: true,
  });
  if (vcpus === undefined) return undefined;
  const memoryMiB = requirePositive(get(index.memory), line, ctx, {
    label: 'Memory',
    server: name,
    unit: 'MiB',
  });
  if (memoryMiB === undefined) return undefined;
  return { name, vcpus, memoryMiB };
}

/** One disk of the VM's total size and used space (vInfo has no per-disk figures). */
function totalDisk(optional: OptionalNumber): DiskSpec[] {
  const totalMiB = optional('totalDiskMiB') ?? optional('provisionedMiB');
  const inUseMiB = optional('inUseMiB');
  if (totalMiB === undefined || totalMiB <= 0) return [];
  const disk: DiskSpec = { sizeGiB: round(totalMiB / 1024) };
  if (inUseMiB !== undefined) disk.usedGiB = round(inUseMiB / 1024);
  return [disk];
}

/** Placement (datacenter, cluster, host, folder), then custom attributes, as tags. */
function vmTags(get: Cell, columns: VInfoColumns): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const key of ['datacenter', 'cluster', 'host', 'folder'] as const) {
    const value = get(columns.index[key]);
    if (value) tags[key] = value;
  }
  for (const column of tagColumnsOf(columns)) {
    const value = get(column.index);
    if (value) tags[column.key] = value;
  }
  return tags;
}

/**
 * The guest OS: what VMware Tools reports when it runs, else the configuration file's guest OS
 * type. That type is a choice from a list in which one entry stands for several releases
 * (`Microsoft Windows Server 2012 (64-bit)` is also used for 2012 R2): such a version is left out
 * and said to be ambiguous, on the resource (`os-version-ambiguous` tag) and as a warning.
 */
function vmOs(
  resource: DiscoveredResource,
  get: Cell,
  { index }: VInfoColumns,
  ctx: RowContext,
  line: number,
) {
  const tools = get(index.osTools);
  const os = parseOs(tools ?? get(index.osConfig));
  if (!os) return;
  resource.raw!.osSource = tools ? 'vmware-tools' : 'configuration-file';
  resource.specs.os = os;
  const ambiguous = tools ? undefined : ambiguousOsVersion(os.name);
  if (!ambiguous) return;
  delete os.version;
  resource.tags['os-version-ambiguous'] = ambiguous;
  ctx.warn(
    line,
    `the OS version of "${resource.name}" is ambiguous: the configuration file says "${os.name}", which stands for ${ambiguous}, and VMware Tools reports none`,
  );
}

/** OS, region, zone and the source's identifiers and facts, where the row has them. */
function describeVm(
  resource: DiscoveredResource,
  get: Cell,
  columns: VInfoColumns,
  ctx: RowContext,
  line: number,
) {
  const { index } = columns;
  vmOs(resource, get, columns, ctx, line);
  if (resource.specs.powerState === undefined) delete resource.specs.powerState;
  const region = ctx.region ?? get(index.datacenter);
  if (region) resource.region = region;
  const cluster = get(index.cluster);
  if (cluster) resource.zone = cluster;
  const uuid = get(index.vmUuid);
  if (uuid) resource.raw!.uuid = uuid;
  const dnsName = get(index.dnsName);
  if (dnsName) resource.raw!.dnsName = dnsName;
  const annotation = get(index.annotation);
  if (annotation) resource.raw!.annotation = annotation.slice(0, 500);
}

/** Point-in-time vCenter figures RVTools writes next to the configuration; kept, not sized on. */
function vmQuickStats(resource: DiscoveredResource, optional: OptionalNumber) {
  const readiness = optional('cpuReadiness');
  if (readiness !== undefined) resource.raw!.cpuReadinessPercent = readiness;
  const active = optional('activeMemoryMiB');
  if (active !== undefined) resource.raw!.activeMemoryMiB = active;
}

/** P95 utilization columns (custom in RVTools exports), with their window. */
function vmUtilization(
  optional: OptionalNumber,
  window: string | undefined,
): ResourceUtilization | undefined {
  const utilization: ResourceUtilization = {};
  const cpuP95 = optional('cpuP95');
  const memP95 = optional('memP95');
  const iopsP95 = optional('iopsP95');
  const networkMbpsP95 = optional('networkMbpsP95');
  if (cpuP95 !== undefined) utilization.cpuP95 = cpuP95;
  if (memP95 !== undefined) utilization.memP95 = memP95;
  if (iopsP95 !== undefined) utilization.iopsP95 = iopsP95;
  if (networkMbpsP95 !== undefined) utilization.networkMbpsP95 = networkMbpsP95;
  if (Object.keys(utilization).length === 0) return undefined;
  if (window) utilization.window = window;
  return utilization;
}

/** Parses one vInfo row; undefined when the row is rejected (reported through `ctx`). */
export function vInfoRowToResource(
  values: string[],
  line: number,
  columns: VInfoColumns,
  ctx: RowContext,
): DiscoveredResource | undefined {
  const { index } = columns;
  const get = (i: number) => cell(values, i);
  const required = requiredVmValues(get, line, columns, ctx);
  if (!required) return undefined;
  const { name } = required;
  const optional = optionalNumbers(
    get,
    columns,
    VINFO_COLUMNS,
    ctx.decimalComma,
    notANumberWarning(ctx, line, name),
  );
  const disks = totalDisk(optional);
  const resource = inventoryVm(ctx, line, 'rvtools-vinfo', {
    name,
    specs: {
      vcpus: required.vcpus,
      memoryMiB: required.memoryMiB,
      disks,
      ipAddresses: splitIps(get(index.primaryIp)),
      powerState: get(index.powerState),
    },
    tags: vmTags(get, columns),
  });
  describeVm(resource, get, columns, ctx, line);
  vmQuickStats(resource, optional);
  const utilization = vmUtilization(optional, get(index.perfWindow));
  if (utilization) resource.utilization = utilization;
  return resource;
}

/** One disk of a VM from the vDisk sheet, keyed by the VM's lower-case name. */
export function vDiskRow(
  values: string[],
  line: number,
  columns: ColumnMap<keyof typeof VDISK_COLUMNS>,
  ctx: RowContext,
): { vm: string; disk: DiskSpec } | undefined {
  const { index } = columns;
  const vm = cell(values, index.vm);
  const capacityRaw = cell(values, index.capacityMiB);
  const capacity = parseNumber(capacityRaw, ctx.decimalComma);
  if (!vm) {
    ctx.reject(line, 'the VM column is empty');
    return undefined;
  }
  if (capacity === undefined || capacity < 0) {
    ctx.reject(
      line,
      `Capacity MiB "${
        capacityRaw ?? ''
      }" of a disk of "${vm}" is not a number`,
    );
    return undefined;
  }
  const disk: DiskSpec = { sizeGiB: round(capacity / 1024) };
  const label = cell(values, index.disk);
  if (label) disk.name = label;
  const thin = parseBoolean(cell(values, index.thin));
  if (thin !== undefined) disk.type = thin ? 'thin' : 'thick';
  return { vm: vm.toLowerCase(), disk };
}

/** One network adapter of a VM from the vNetwork sheet. */
export function vNetworkRow(
  values: string[],
  line: number,
  columns: ColumnMap<keyof typeof VNETWORK_COLUMNS>,
  ctx: RowContext,
): { vm: string; network?: string; ips: string[] } | undefined {
  const { index } = columns;
  const vm = cell(values, index.vm);
  if (!vm) {
    ctx.reject(line, 'the VM column is empty');
    return undefined;
  }
  return {
    vm: vm.toLowerCase(),
    network: cell(values, index.network),
    ips: splitIps(cell(values, index.ipv4)),
  };
}
