import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { cell, mapColumns } from './csv/columns';
import type { CsvRow, CsvTable } from './csv/readCsv';
import { FORMAT_LABELS } from './formats/detect';
import {
  vHostRow,
  vPartitionRow,
  type HostRow,
  type PartitionRow,
} from './formats/rvtoolsHosts';
import {
  VDISK_COLUMNS,
  VHOST_COLUMNS,
  VPARTITION_COLUMNS,
} from './formats/rvtoolsColumns';
import type { RowContext } from './formats/types';
import { round } from './formats/vmRows';
import type { InventoryReporter } from './rowContext';
import { rowsOf, wellFormed } from './tableRows';

/** RVTools sheets that describe a VM's guest and host rather than the VM itself. */
export type HostFormat = 'rvtools-vpartition' | 'rvtools-vhost';

/**
 * What RVTools' vPartition and vHost sheets say about the VMs, by lower-case VM or host name:
 * the space the guest uses on each virtual disk (through the disk keys vDisk lists) and the ESXi
 * host a VM runs on.
 */
export class RvtoolsIndexes {
  private readonly partitionsByVm = new Map<string, PartitionRow[]>();
  /** vDisk's `Disk Key` → `Disk` label, per VM. */
  private readonly diskLabels = new Map<string, Map<string, string>>();
  private readonly hosts = new Map<string, HostRow>();

  constructor(
    private readonly reporter: InventoryReporter,
    private readonly signal?: AbortSignal,
  ) {}

  /** Reads a vPartition or vHost table into its index. */
  async index(format: HostFormat, table: CsvTable, ctx: RowContext) {
    const label = FORMAT_LABELS[format];
    if (format === 'rvtools-vpartition') {
      const columns = mapColumns(
        table.header,
        VPARTITION_COLUMNS,
        ctx.file,
        label,
        ctx.rowWord,
      );
      await this.eachRow(table, ctx, row => {
        const partition = vPartitionRow(row.values, row.line, columns, ctx);
        if (!partition) return false;
        const list = this.partitionsByVm.get(partition.vm) ?? [];
        list.push(partition);
        this.partitionsByVm.set(partition.vm, list);
        return true;
      });
      return;
    }
    const columns = mapColumns(
      table.header,
      VHOST_COLUMNS,
      ctx.file,
      label,
      ctx.rowWord,
    );
    await this.eachRow(table, ctx, row => {
      const host = vHostRow(row.values, row.line, columns, ctx);
      if (host) this.hosts.set(host.host, host);
      return host !== undefined;
    });
  }

  private async eachRow(
    table: CsvTable,
    ctx: RowContext,
    read: (row: CsvRow) => boolean,
  ) {
    for await (const batch of rowsOf(table, this.reporter, this.signal)) {
      for (const row of batch) {
        if (wellFormed(row, table, ctx) && read(row)) {
          this.reporter.count('rowsIndexed');
        }
      }
    }
  }

  /**
   * The same vDisk table, its disk keys noted on the way through (the disk index reads the rows;
   * this only looks at them while their batch is current).
   */
  tapDiskKeys(table: CsvTable): CsvTable {
    let index;
    try {
      index = mapColumns(table.header, VDISK_COLUMNS, '', '').index;
    } catch {
      return table; // the disk index reports the missing columns
    }
    const { vm, disk, diskKey } = index;
    if (diskKey < 0 || disk < 0) return table;
    const labels = this.diskLabels;
    async function* tapped(): AsyncGenerator<CsvRow[]> {
      for await (const batch of table.batches) {
        for (const row of batch) {
          const name = cell(row.values, vm)?.toLowerCase();
          const key = cell(row.values, diskKey);
          const label = cell(row.values, disk);
          if (!name || !key || !label) continue;
          const byKey = labels.get(name) ?? new Map<string, string>();
          byKey.set(key, label);
          labels.set(name, byKey);
        }
        yield batch;
      }
    }
    return { ...table, batches: tapped() };
  }

  /** Adds the guest's used space to the VM's disks and the host's facts to the VM. */
  complete(resource: DiscoveredResource, key: string) {
    this.addPartitions(resource, key);
    const host = resource.tags.host?.toLowerCase();
    const facts = host ? this.hosts.get(host) : undefined;
    if (facts) {
      const { host: _name, ...rest } = facts;
      resource.raw = { ...resource.raw, host: rest };
    }
  }

  /**
   * The space the guest uses, per virtual disk: partitions are put on the disk whose key they
   * name, or on the only disk; with several disks and no keys the split is unknown, and the disks
   * keep what vInfo or vDisk said.
   */
  private addPartitions(resource: DiscoveredResource, key: string) {
    const partitions = this.partitionsByVm.get(key);
    const disks = resource.specs.disks;
    if (!partitions || !disks || disks.length === 0) return;
    const labels = this.diskLabels.get(key);
    const usedMiB = new Map<number, number>();
    for (const partition of partitions) {
      const label =
        partition.diskKey !== undefined
          ? labels?.get(partition.diskKey)
          : undefined;
      let at = label ? disks.findIndex(d => d.name === label) : -1;
      if (at < 0 && disks.length === 1) at = 0;
      if (at < 0) continue;
      usedMiB.set(at, (usedMiB.get(at) ?? 0) + partition.consumedMiB);
    }
    for (const [at, used] of usedMiB) disks[at].usedGiB = round(used / 1024);
  }
}
