import { InputError } from '@backstage/errors';
import type { DiskSpec } from '@sirsi-nexus/plugin-migration-common';
import { mapColumns } from './csv/columns';
import type { CsvTable } from './csv/readCsv';
import { DependencyIndex } from './dependencyIndex';
import {
  DEPENDENCY_COLUMNS,
  dependencyRow,
  missingDependencyColumns,
} from './formats/azureMigrate';
import { FORMAT_LABELS } from './formats/detect';
import { vDiskRow, vNetworkRow } from './formats/rvtools';
import { VDISK_COLUMNS, VNETWORK_COLUMNS } from './formats/rvtoolsColumns';
import type { RowContext } from './formats/types';
import type { InventoryReporter } from './rowContext';
import { rowsOf, wellFormed } from './tableRows';

/** Formats read into an index rather than streamed as resources. */
export type CompanionFormat =
  | 'azure-migrate-dependencies'
  | 'rvtools-vdisk'
  | 'rvtools-vnetwork';

/**
 * What the companion files say about the servers, kept compactly until the server files stream:
 * dependency edges, disks (RVTools vDisk) and network adapters (RVTools vNetwork), by the
 * lower-case server name.
 */
export class CompanionIndexes {
  readonly dependencies = new DependencyIndex();
  readonly disksByVm = new Map<string, DiskSpec[]>();
  readonly networkByVm = new Map<
    string,
    { networks: string[]; ips: string[] }
  >();

  constructor(
    private readonly reporter: InventoryReporter,
    private readonly signal?: AbortSignal,
  ) {}

  /** Reads a companion file into its index. */
  async index(format: CompanionFormat, table: CsvTable, ctx: RowContext) {
    switch (format) {
      case 'azure-migrate-dependencies':
        return this.indexDependencies(table, ctx);
      case 'rvtools-vdisk':
        return this.indexDisks(table, ctx);
      default:
        return this.indexNetworks(table, ctx);
    }
  }

  private async indexDependencies(table: CsvTable, ctx: RowContext) {
    const columns = mapColumns(
      table.header,
      DEPENDENCY_COLUMNS,
      ctx.file,
      FORMAT_LABELS['azure-migrate-dependencies'],
    );
    const missing = missingDependencyColumns(columns);
    if (missing.length > 0) {
      throw new InputError(
        `${ctx.file} line 1: missing required ${
          FORMAT_LABELS['azure-migrate-dependencies']
        } columns ${missing.join(', ')}`,
      );
    }
    for await (const batch of rowsOf(table, this.reporter, this.signal))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const edge = dependencyRow(row.values, row.line, columns, ctx);
        if (!edge) continue;
        this.reporter.count('rowsIndexed');
        this.dependencies.add(edge);
      }
  }

  private async indexDisks(table: CsvTable, ctx: RowContext) {
    const columns = mapColumns(
      table.header,
      VDISK_COLUMNS,
      ctx.file,
      FORMAT_LABELS['rvtools-vdisk'],
    );
    for await (const batch of rowsOf(table, this.reporter, this.signal))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const disk = vDiskRow(row.values, row.line, columns, ctx);
        if (!disk) continue;
        this.reporter.count('rowsIndexed');
        const list = this.disksByVm.get(disk.vm) ?? [];
        list.push(disk.disk);
        this.disksByVm.set(disk.vm, list);
      }
  }

  private async indexNetworks(table: CsvTable, ctx: RowContext) {
    const columns = mapColumns(
      table.header,
      VNETWORK_COLUMNS,
      ctx.file,
      FORMAT_LABELS['rvtools-vnetwork'],
    );
    for await (const batch of rowsOf(table, this.reporter, this.signal))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const nic = vNetworkRow(row.values, row.line, columns, ctx);
        if (!nic) continue;
        this.reporter.count('rowsIndexed');
        const entry = this.networkByVm.get(nic.vm) ?? { networks: [], ips: [] };
        if (nic.network && !entry.networks.includes(nic.network)) {
          entry.networks.push(nic.network);
        }
        entry.ips.push(...nic.ips.filter(ip => !entry.ips.includes(ip)));
        this.networkByVm.set(nic.vm, entry);
      }
  }
}
