import type {
  DiscoveredResource,
  DiskSpec,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import {
  cell,
  normalizeHeader,
  type ColumnMap,
  type ColumnSpec,
} from '../csv/columns';
import {
  parseBoolean,
  parseNumber,
  parseOs,
  splitIps,
  tagKey,
} from '../csv/values';
import type { RowContext } from './types';

/**
 * Columns of the RVTools `vInfo` sheet saved as CSV. RVTools 4.x writes sizes in MiB (`Provisioned
 * MiB`), 3.x in MB (`Provisioned MB`); both mean 2^20 bytes.
 */
export const VINFO_COLUMNS = {
  vm: { label: 'VM', names: ['VM', 'VM Name'], required: true },
  powerState: { label: 'Powerstate', names: ['Powerstate', 'Power State'] },
  template: { label: 'Template', names: ['Template'] },
  cpus: { label: 'CPUs', names: ['CPUs', 'Num CPU', 'vCPUs'], required: true },
  memory: {
    label: 'Memory',
    names: ['Memory', 'Memory MiB', 'Memory MB'],
    required: true,
  },
  disks: { label: 'Disks', names: ['Disks'] },
  totalDiskMiB: {
    label: 'Total disk capacity MiB',
    names: ['Total disk capacity MiB', 'Total disk capacity MB'],
  },
  provisionedMiB: {
    label: 'Provisioned MiB',
    names: ['Provisioned MiB', 'Provisioned MB'],
  },
  inUseMiB: { label: 'In Use MiB', names: ['In Use MiB', 'In Use MB'] },
  primaryIp: {
    label: 'Primary IP Address',
    names: ['Primary IP Address', 'IP Address'],
  },
  dnsName: { label: 'DNS Name', names: ['DNS Name'] },
  osConfig: {
    label: 'OS according to the configuration file',
    names: ['OS according to the configuration file', 'OS'],
  },
  osTools: {
    label: 'OS according to the VMware Tools',
    names: ['OS according to the VMware Tools'],
  },
  datacenter: { label: 'Datacenter', names: ['Datacenter'] },
  cluster: { label: 'Cluster', names: ['Cluster'] },
  host: { label: 'Host', names: ['Host'] },
  folder: { label: 'Folder', names: ['Folder'] },
  vmUuid: { label: 'VM UUID', names: ['VM UUID', 'UUID'] },
  vmId: { label: 'VM ID', names: ['VM ID'] },
  annotation: { label: 'Annotation', names: ['Annotation'] },
  cpuP95: {
    label: 'CPU P95 %',
    names: ['CPU P95 %', 'CPU P95', 'CPU utilization percentage'],
  },
  memP95: {
    label: 'Memory P95 %',
    names: ['Memory P95 %', 'Memory P95', 'Memory utilization percentage'],
  },
  iopsP95: { label: 'IOPS P95', names: ['IOPS P95', 'Disk IOPS P95'] },
  networkMbpsP95: {
    label: 'Network Mbps P95',
    names: ['Network Mbps P95', 'Network P95 Mbps'],
  },
  perfWindow: {
    label: 'Perf window',
    names: ['Perf window', 'Performance window'],
  },
} satisfies Record<string, ColumnSpec>;

/** Columns of the RVTools `vDisk` sheet. */
export const VDISK_COLUMNS = {
  vm: { label: 'VM', names: ['VM'], required: true },
  disk: { label: 'Disk', names: ['Disk', 'Label'] },
  capacityMiB: {
    label: 'Capacity MiB',
    names: ['Capacity MiB', 'Capacity MB'],
    required: true,
  },
  thin: { label: 'Thin', names: ['Thin'] },
  diskMode: { label: 'Disk Mode', names: ['Disk Mode'] },
} satisfies Record<string, ColumnSpec>;

/** Columns of the RVTools `vNetwork` sheet. */
export const VNETWORK_COLUMNS = {
  vm: { label: 'VM', names: ['VM'], required: true },
  network: {
    label: 'Network',
    names: ['Network', 'Portgroup'],
    required: true,
  },
  ipv4: { label: 'IPv4 Address', names: ['IPv4 Address', 'IP Address'] },
  mac: { label: 'Mac Address', names: ['Mac Address'] },
} satisfies Record<string, ColumnSpec>;

/**
 * Standard vInfo columns that are neither read nor custom attributes; anything else after the
 * known columns is taken as a vCenter custom attribute and becomes a tag.
 */
const VINFO_STANDARD = new Set(
  [
    'Config status',
    'Connection state',
    'Guest state',
    'Heartbeat',
    'Consolidation Needed',
    'PowerOn',
    'Suspended To Memory',
    'Suspend time',
    'Suspend Interval',
    'Creation date',
    'Change Version',
    'NICs',
    'Total disk capacity MiB',
    'Fixed Passthru HotPlug',
    'min Required EVC Mode Key',
    'Latency Sensitivity',
    'Op Notification Timeout',
    'EnableUUID',
    'CBT',
    'Network #1',
    'Network #2',
    'Network #3',
    'Network #4',
    'Network #5',
    'Network #6',
    'Network #7',
    'Network #8',
    'Num Monitors',
    'Video Ram KiB',
    'Resource pool',
    'Folder ID',
    'vApp',
    'DAS protection',
    'FT State',
    'FT Role',
    'FT Latency',
    'FT Bandwidth',
    'FT Sec. Latency',
    'Vm Failover In Progress',
    'Provisioned MiB',
    'In Use MiB',
    'Unshared MiB',
    'HA Restart Priority',
    'HA Isolation Response',
    'HA VM Monitoring',
    'Cluster rule(s)',
    'Cluster rule name(s)',
    'Boot Required',
    'Boot delay',
    'Boot retry delay',
    'Boot retry enabled',
    'Boot BIOS setup',
    'Reboot PowerOff',
    'EFI Secure boot',
    'Firmware',
    'HW version',
    'HW upgrade status',
    'HW upgrade policy',
    'HW target',
    'Path',
    'Log directory',
    'Snapshot directory',
    'Suspend directory',
    'Customization Info',
    'Guest Detailed Data',
    'SMBIOS UUID',
    'VI SDK Server type',
    'VI SDK API Version',
    'VI SDK Server',
    'VI SDK UUID',
    'SRM Placeholder',
    'Suspend Time',
    'Total disk capacity MB',
    'Provisioned MB',
    'In Use MB',
    'Unshared MB',
  ].map(normalizeHeader),
);

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

/** Parses one vInfo row; undefined when the row is rejected (reported through `ctx`). */
export function vInfoRowToResource(
  values: string[],
  line: number,
  columns: VInfoColumns,
  ctx: RowContext,
): DiscoveredResource | undefined {
  const { index } = columns;
  const get = (i: number) => cell(values, i);
  const name = get(index.vm);
  if (!name) {
    ctx.reject(line, 'the VM column is empty');
    return undefined;
  }
  if (parseBoolean(get(index.template)) === true) {
    ctx.reject(line, `"${name}" is a template, not a virtual machine`);
    return undefined;
  }
  const cpusRaw = get(index.cpus);
  const vcpus = parseNumber(cpusRaw, ctx.decimalComma);
  if (vcpus === undefined || vcpus <= 0 || !Number.isInteger(vcpus)) {
    ctx.reject(
      line,
      `CPUs "${cpusRaw ?? ''}" of "${name}" is not a positive whole number`,
    );
    return undefined;
  }
  const memoryRaw = get(index.memory);
  const memoryMiB = parseNumber(memoryRaw, ctx.decimalComma);
  if (memoryMiB === undefined || memoryMiB <= 0) {
    ctx.reject(
      line,
      `Memory "${
        memoryRaw ?? ''
      }" of "${name}" is not a positive number of MiB`,
    );
    return undefined;
  }

  const optional = (key: keyof typeof VINFO_COLUMNS) => {
    const raw = get(index[key]);
    const value = parseNumber(raw, ctx.decimalComma);
    if (raw !== undefined && value === undefined) {
      ctx.warn(
        line,
        `${VINFO_COLUMNS[key].label} "${raw}" of "${name}" is not a number; ignored`,
      );
    }
    return value;
  };
  const totalMiB = optional('totalDiskMiB') ?? optional('provisionedMiB');
  const inUseMiB = optional('inUseMiB');
  const disks: DiskSpec[] = [];
  if (totalMiB !== undefined && totalMiB > 0) {
    const disk: DiskSpec = { sizeGiB: round(totalMiB / 1024) };
    if (inUseMiB !== undefined) disk.usedGiB = round(inUseMiB / 1024);
    disks.push(disk);
  }

  const tags: Record<string, string> = {};
  for (const key of ['datacenter', 'cluster', 'host', 'folder'] as const) {
    const value = get(index[key]);
    if (value) tags[key] = value;
  }
  for (const column of tagColumnsOf(columns)) {
    const value = get(column.index);
    if (value) tags[column.key] = value;
  }

  const ips = splitIps(get(index.primaryIp));
  const resource: DiscoveredResource = {
    provider: 'inventory',
    environmentId: ctx.environmentId,
    externalId: name.toLowerCase(),
    kind: 'vm',
    name,
    specs: {
      vcpus,
      memoryMiB,
      disks,
      ipAddresses: ips,
      powerState: get(index.powerState),
    },
    tags,
    dependsOn: [],
    raw: { source: 'rvtools-vinfo', file: ctx.file, line },
  };
  const os = parseOs(get(index.osTools) ?? get(index.osConfig));
  if (os) resource.specs.os = os;
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

  const utilization: ResourceUtilization = {};
  const cpuP95 = optional('cpuP95');
  const memP95 = optional('memP95');
  const iopsP95 = optional('iopsP95');
  const networkMbpsP95 = optional('networkMbpsP95');
  if (cpuP95 !== undefined) utilization.cpuP95 = cpuP95;
  if (memP95 !== undefined) utilization.memP95 = memP95;
  if (iopsP95 !== undefined) utilization.iopsP95 = iopsP95;
  if (networkMbpsP95 !== undefined) utilization.networkMbpsP95 = networkMbpsP95;
  if (Object.keys(utilization).length > 0) {
    const window = get(index.perfWindow);
    if (window) utilization.window = window;
    resource.utilization = utilization;
  }
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
