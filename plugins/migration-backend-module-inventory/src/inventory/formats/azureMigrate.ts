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
import { firstIp, parseNumber, parseOs, splitIps, tagKey } from '../csv/values';
import type { RowContext } from './types';
import {
  inventoryVm,
  notANumberWarning,
  optionalNumbers,
  requirePositive,
  round,
} from './vmRows';

/**
 * Columns of the Azure Migrate server import CSV. The template marks required columns with `*`
 * and its casing changed between versions; both are tolerated. Per-disk columns (`Disk 1 size (In
 * GB)`, `Disk 1 read ops (operations per second)` ...) are found by pattern.
 */
export const SERVER_COLUMNS = {
  serverName: { label: '*Server name', names: ['Server name'], required: true },
  cores: { label: '*Cores', names: ['Cores'], required: true },
  memoryMb: {
    label: '*Memory (In MB)',
    names: ['Memory (In MB)', 'Memory (MB)'],
    required: true,
  },
  osName: { label: '*OS name', names: ['OS name'], required: true },
  osVersion: { label: 'OS version', names: ['OS version'] },
  ipAddresses: { label: 'IP addresses', names: ['IP addresses', 'IP address'] },
  numberOfDisks: { label: 'Number of disks', names: ['Number of disks'] },
  cpuUtilization: {
    label: 'CPU utilization percentage',
    names: ['CPU utilization percentage'],
  },
  memoryUtilization: {
    label: 'Memory utilization percentage',
    names: ['Memory utilization percentage'],
  },
  networkIn: {
    label: 'Network In throughput',
    names: ['Network In throughput'],
  },
  networkOut: {
    label: 'Network Out throughput',
    names: ['Network Out throughput'],
  },
  vmId: { label: 'VM ID', names: ['VM ID'] },
  serverType: { label: 'Server type', names: ['Server type'] },
  hypervisor: { label: 'Hypervisor', names: ['Hypervisor'] },
} satisfies Record<string, ColumnSpec>;

/**
 * Columns of an Azure Migrate dependency analysis export (agentless: `Time slot`, then source and
 * destination server name, IP, application and process, and the destination port). Server names
 * are usually short host names while the import names FQDNs; see `HostDirectory`.
 */
export const DEPENDENCY_COLUMNS = {
  timeSlot: { label: 'Time slot', names: ['Time slot'] },
  sourceServer: { label: 'Source server name', names: ['Source server name'] },
  sourceIp: { label: 'Source IP', names: ['Source IP'] },
  sourceApplication: {
    label: 'Source application',
    names: ['Source application'],
  },
  sourceProcess: { label: 'Source process', names: ['Source process'] },
  destinationServer: {
    label: 'Destination server name',
    names: ['Destination server name'],
  },
  destinationIp: { label: 'Destination IP', names: ['Destination IP'] },
  destinationApplication: {
    label: 'Destination application',
    names: ['Destination application'],
  },
  destinationProcess: {
    label: 'Destination process',
    names: ['Destination process'],
  },
  destinationPort: { label: 'Destination port', names: ['Destination port'] },
} satisfies Record<string, ColumnSpec>;

const DISK_COLUMN = /^disk(\d+)(size|readops|writeops)/;
/** Template columns that are not custom data; other unknown columns become tags. */
const SERVER_STANDARD =
  /^(osarchitecture|disk\d+|networkadapters|boottype|hypervisorversionnumber|virtualmachinemanagerid|macaddress|biosid|application\d+|database\d+|webapp\d+|fqdn)/;

type ServerColumns = ColumnMap<keyof typeof SERVER_COLUMNS>;

interface ExtraColumns {
  /** Per-disk size and operations columns. */
  disks: { index: number; name: string; disk: number; size: boolean }[];
  /** Columns the template does not have: custom data such as Owner or App. */
  tags: { index: number; key: string }[];
}

const extraColumns = new WeakMap<ServerColumns, ExtraColumns>();

/** Classifies the columns outside the spec once per file. */
function extraColumnsOf(columns: ServerColumns): ExtraColumns {
  let extra = extraColumns.get(columns);
  if (!extra) {
    extra = { disks: [], tags: [] };
    for (const other of columns.others) {
      const key = normalizeHeader(other.name);
      const disk = DISK_COLUMN.exec(key);
      if (disk) {
        extra.disks.push({
          index: other.index,
          name: other.name,
          disk: Number(disk[1]),
          size: disk[2] === 'size',
        });
      } else if (!SERVER_STANDARD.test(key)) {
        extra.tags.push({ index: other.index, key: tagKey(other.name) });
      }
    }
    extraColumns.set(columns, extra);
  }
  return extra;
}

/** The required values of a server row; undefined when one is missing or bad (reported). */
function requiredServerValues(
  get: (i: number) => string | undefined,
  line: number,
  { index }: ServerColumns,
  ctx: RowContext,
) {
  const name = get(index.serverName);
  if (!name) {
    ctx.reject(line, 'the Server name column is empty');
    return undefined;
  }
  const vcpus = requirePositive(get(index.cores), line, ctx, {
    label: 'Cores',
    server: name,
    whole: true,
  });
  if (vcpus === undefined) return undefined;
  const memoryMiB = requirePositive(get(index.memoryMb), line, ctx, {
    label: 'Memory (In MB)',
    server: name,
  });
  if (memoryMiB === undefined) return undefined;
  const osName = get(index.osName);
  if (!osName) {
    ctx.reject(line, `OS name of "${name}" is empty`);
    return undefined;
  }
  return { name, vcpus, memoryMiB, osName };
}

/** Disks (by number) and their summed operations from the per-disk columns. */
function disksOf(
  get: (i: number) => string | undefined,
  extra: ExtraColumns,
  warnNotNumber: (label: string, raw: string) => void,
  decimalComma: boolean,
) {
  const disks = new Map<number, DiskSpec>();
  let iops: number | undefined;
  for (const column of extra.disks) {
    const raw = get(column.index);
    if (raw === undefined) continue;
    const value = parseNumber(raw, decimalComma);
    if (value === undefined) {
      warnNotNumber(column.name, raw);
    } else if (column.size) {
      disks.set(column.disk, { name: `Disk ${column.disk}`, sizeGiB: value });
    } else {
      iops = (iops ?? 0) + value;
    }
  }
  return { disks, iops };
}

/** Custom data columns, then the server type and hypervisor, as tags. */
function tagsOf(
  get: (i: number) => string | undefined,
  { index }: ServerColumns,
  extra: ExtraColumns,
): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const column of extra.tags) {
    const raw = get(column.index);
    if (raw !== undefined) tags[column.key] = raw;
  }
  for (const key of ['serverType', 'hypervisor'] as const) {
    const value = get(index[key]);
    if (value) tags[tagKey(SERVER_COLUMNS[key].label)] = value;
  }
  return tags;
}

/** CPU and memory utilization, disk operations and network throughput, where given. */
function utilizationOf(
  number: (key: keyof typeof SERVER_COLUMNS) => number | undefined,
  iops: number | undefined,
): ResourceUtilization | undefined {
  const utilization: ResourceUtilization = {};
  const cpu = number('cpuUtilization');
  const mem = number('memoryUtilization');
  const netIn = number('networkIn');
  const netOut = number('networkOut');
  if (cpu !== undefined) utilization.cpuP95 = cpu;
  if (mem !== undefined) utilization.memP95 = mem;
  if (iops !== undefined) utilization.iopsP95 = iops;
  if (netIn !== undefined || netOut !== undefined) {
    // The template gives throughput in MB per second.
    utilization.networkMbpsP95 = round(((netIn ?? 0) + (netOut ?? 0)) * 8);
  }
  return Object.keys(utilization).length > 0 ? utilization : undefined;
}

/** Parses one server row; undefined when the row is rejected (reported through `ctx`). */
export function serverRowToResource(
  values: string[],
  line: number,
  columns: ServerColumns,
  ctx: RowContext,
): DiscoveredResource | undefined {
  const { index } = columns;
  const get = (i: number) => cell(values, i);
  const required = requiredServerValues(get, line, columns, ctx);
  if (!required) return undefined;
  const { name } = required;
  const warnNotNumber = notANumberWarning(ctx, line, name);
  const number = optionalNumbers(
    get,
    columns,
    SERVER_COLUMNS,
    ctx.decimalComma,
    warnNotNumber,
  );

  const extra = extraColumnsOf(columns);
  const { disks, iops } = disksOf(get, extra, warnNotNumber, ctx.decimalComma);
  const tags = tagsOf(get, columns, extra);
  const declaredDisks = number('numberOfDisks');
  if (declaredDisks !== undefined && declaredDisks > disks.size) {
    ctx.warn(
      line,
      `"${name}" declares ${declaredDisks} disks but sizes are given for ${disks.size}`,
    );
  }
  const resource = inventoryVm(ctx, line, 'azure-migrate-servers', {
    name,
    specs: {
      vcpus: required.vcpus,
      memoryMiB: required.memoryMiB,
      disks: [...disks.entries()].sort(([a], [b]) => a - b).map(([, d]) => d),
      ipAddresses: splitIps(get(index.ipAddresses)),
    },
    tags,
  });
  const os = parseOs(required.osName, get(index.osVersion));
  if (os) resource.specs.os = os;
  if (ctx.region) resource.region = ctx.region;
  const vmId = get(index.vmId);
  if (vmId) resource.raw!.vmId = vmId;
  const utilization = utilizationOf(number, iops);
  if (utilization) resource.utilization = utilization;
  return resource;
}

/** A dependency edge read from the dependency export. */
export interface DependencyEdge {
  /** Lower-case server name, or `ip:<address>` when the server has no name. */
  source: string;
  destination: string;
  sourceIp?: string;
  destinationIp?: string;
  sourceName?: string;
  destinationName?: string;
  /** `Destination port`, when it is one. */
  port?: number;
}

/** Parses one dependency row; undefined when it has no usable source or destination. */
export function dependencyRow(
  values: string[],
  line: number,
  columns: ColumnMap<keyof typeof DEPENDENCY_COLUMNS>,
  ctx: RowContext,
): DependencyEdge | undefined {
  const { index } = columns;
  const sourceName = cell(values, index.sourceServer)?.toLowerCase();
  const destinationName = cell(values, index.destinationServer)?.toLowerCase();
  const sourceIp = firstIp(cell(values, index.sourceIp));
  const destinationIp = firstIp(cell(values, index.destinationIp));
  const source = sourceName ?? (sourceIp ? `ip:${sourceIp}` : undefined);
  const destination =
    destinationName ?? (destinationIp ? `ip:${destinationIp}` : undefined);
  if (!source || !destination) {
    ctx.reject(
      line,
      `a dependency needs a ${
        source ? 'destination' : 'source'
      } server name or IP`,
    );
    return undefined;
  }
  const edge: DependencyEdge = {
    source,
    destination,
    sourceIp,
    destinationIp,
    sourceName,
    destinationName,
  };
  if (index.destinationPort >= 0) {
    const port = Number(cell(values, index.destinationPort));
    if (Number.isInteger(port) && port > 0 && port < 65536) edge.port = port;
  }
  return edge;
}

/** Checks that a dependency header can name both ends; returns the missing side, if any. */
export function missingDependencyColumns(
  columns: ColumnMap<keyof typeof DEPENDENCY_COLUMNS>,
): string[] {
  const { index } = columns;
  const missing: string[] = [];
  if (index.sourceServer < 0 && index.sourceIp < 0) {
    missing.push('"Source server name" or "Source IP"');
  }
  if (index.destinationServer < 0 && index.destinationIp < 0) {
    missing.push('"Destination server name" or "Destination IP"');
  }
  return missing;
}
