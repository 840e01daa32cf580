import { cell, type ColumnMap } from '../csv/columns';
import { parseNumber } from '../csv/values';
import { VHOST_COLUMNS, VPARTITION_COLUMNS } from './rvtoolsColumns';
import type { RowContext } from './types';

/** A guest partition of a VM from the vPartition sheet. */
export interface PartitionRow {
  /** The VM's lower-case name. */
  vm: string;
  /** The virtual disk's key, as vDisk lists it (RVTools 4.x). */
  diskKey?: string;
  capacityMiB: number;
  consumedMiB: number;
}

/** An ESXi host from the vHost sheet: what its VMs run on. */
export interface HostRow {
  /** The host's lower-case name, as vInfo's `Host` column gives it. */
  host: string;
  cpuModel?: string;
  speedMhz?: number;
  cores?: number;
  esxVersion?: string;
}

/** Parses one vPartition row; undefined when the row is rejected (reported through `ctx`). */
export function vPartitionRow(
  values: string[],
  line: number,
  columns: ColumnMap<keyof typeof VPARTITION_COLUMNS>,
  ctx: RowContext,
): PartitionRow | undefined {
  const { index } = columns;
  const vm = cell(values, index.vm);
  if (!vm) {
    ctx.reject(line, 'the VM column is empty');
    return undefined;
  }
  const sizes: number[] = [];
  for (const key of ['capacityMiB', 'consumedMiB'] as const) {
    const raw = cell(values, index[key]);
    const value = parseNumber(raw, ctx.decimalComma);
    if (value === undefined || value < 0) {
      ctx.reject(
        line,
        `${VPARTITION_COLUMNS[key].label} "${
          raw ?? ''
        }" of a partition of "${vm}" is not a number`,
      );
      return undefined;
    }
    sizes.push(value);
  }
  const row: PartitionRow = {
    vm: vm.toLowerCase(),
    capacityMiB: sizes[0],
    consumedMiB: sizes[1],
  };
  const diskKey = cell(values, index.diskKey);
  if (diskKey) row.diskKey = diskKey;
  return row;
}

/** Parses one vHost row; undefined when the row is rejected (reported through `ctx`). */
export function vHostRow(
  values: string[],
  line: number,
  columns: ColumnMap<keyof typeof VHOST_COLUMNS>,
  ctx: RowContext,
): HostRow | undefined {
  const { index } = columns;
  const host = cell(values, index.host);
  if (!host) {
    ctx.reject(line, 'the Host column is empty');
    return undefined;
  }
  const row: HostRow = { host: host.toLowerCase() };
  const cpuModel = cell(values, index.cpuModel);
  if (cpuModel) row.cpuModel = cpuModel;
  const esxVersion = cell(values, index.esxVersion);
  if (esxVersion) row.esxVersion = esxVersion;
  for (const key of ['speedMhz', 'cores'] as const) {
    const raw = cell(values, index[key]);
    const value = parseNumber(raw, ctx.decimalComma);
    if (raw !== undefined && value === undefined) {
      ctx.warn(
        line,
        `${VHOST_COLUMNS[key].label} "${raw}" of host "${host}" is not a number; ignored`,
      );
    } else if (value !== undefined) {
      row[key] = value;
    }
  }
  return row;
}
