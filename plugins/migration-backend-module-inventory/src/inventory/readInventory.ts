import { createInterface } from 'node:readline';
import { InputError } from '@backstage/errors';
import type {
  DiscoveredResource,
  DiskSpec,
} from '@sirsi-nexus/plugin-migration-common';
import type { DiscoveryReporter } from '@sirsi-nexus/plugin-migration-node';
import { mapColumns } from './csv/columns';
import { openCsv, type CsvRow, type CsvTable } from './csv/readCsv';
import {
  DEPENDENCY_COLUMNS,
  SERVER_COLUMNS,
  dependencyRow,
  missingDependencyColumns,
  serverRowToResource,
} from './formats/azureMigrate';
import {
  FORMAT_LABELS,
  formatFamily,
  formatFromFileName,
  formatFromHeader,
} from './formats/detect';
import {
  documentItemToResource,
  parseInventoryDocument,
  type InventoryDocumentEnvironment,
} from './formats/inventoryDocument';
import {
  VDISK_COLUMNS,
  VINFO_COLUMNS,
  VNETWORK_COLUMNS,
  vDiskRow,
  vInfoRowToResource,
  vNetworkRow,
} from './formats/rvtools';
import type { InventoryFormat, RowContext } from './formats/types';
import { DependencyIndex } from './dependencyIndex';
import type { InventorySource } from './sources';

/**
 * Options of {@link readInventory}.
 *
 * @public
 */
export interface ReadInventoryOptions {
  environmentId: string;
  /** Default region of resources that do not name one. */
  region?: string;
  signal?: AbortSignal;
  reporter?: DiscoveryReporter;
  /** Called with the `environment` block of an inventory document, when one has it. */
  onEnvironment?(environment: InventoryDocumentEnvironment): void;
  /**
   * Lets the first inventory document's `environment.id` replace `environmentId` (for files
   * registered as catalog locations, which no configured environment names).
   */
  environmentFromDocument?: boolean;
}

const MAX_DOCUMENT_DEPTH = 3;
const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;
const ABORT_CHECK_EVERY = 500;

type ServerFormat = 'rvtools-vinfo' | 'azure-migrate-servers';

/** A file whose resources are yielded after every companion file has been indexed. */
type Pending =
  | {
      type: 'csv';
      source: InventorySource;
      format: ServerFormat;
      table: CsvTable;
    }
  | { type: 'lines'; source: InventorySource }
  | {
      type: 'document';
      source: InventorySource;
      items: { line: number; value: unknown }[];
    };

/**
 * Reads an estate from inventory files and streams it as discovered resources.
 *
 * @remarks
 * Companion files are read first into compact indexes — dependency exports (edges), RVTools vDisk
 * (disks) and vNetwork (addresses) — then the server files (RVTools vInfo, Azure Migrate import,
 * inventory documents, JSON Lines) stream row by row, each resource completed from the indexes.
 * Resources are identified by their lower-case name, which is what dependency exports name.
 *
 * Required columns missing fail the file with one {@link @backstage/errors#InputError} naming
 * the file, the columns and the line; a bad row is reported with its line and skipped. Counters:
 * `files`; `rowsRead` = `rowsImported` (resources) + `rowsIndexed` (companion rows) +
 * `rowsRejected`; `dependenciesOutsideInventory` for edges to addresses no server has.
 *
 * @public
 */
export async function* readInventory(
  sources: InventorySource[],
  options: ReadInventoryOptions,
): AsyncGenerator<DiscoveredResource> {
  const { signal } = options;
  const reporter = options.reporter ?? { warn() {}, count() {} };
  const dependencies = new DependencyIndex();
  const disksByVm = new Map<string, DiskSpec[]>();
  const networkByVm = new Map<string, { networks: string[]; ips: string[] }>();
  const pending: Pending[] = [];
  const visited = new Set<string>();
  let region = options.region;
  let environmentId = options.environmentId;

  const context = (
    source: InventorySource,
    decimalComma = false,
  ): RowContext => ({
    file: source.label,
    environmentId,
    region,
    decimalComma,
    reject(line, message) {
      reporter.count('rowsRejected');
      reporter.warn(`${source.label} line ${line}: ${message}; row skipped`);
    },
    warn(line, message) {
      reporter.warn(`${source.label} line ${line}: ${message}`);
    },
  });

  async function collect(source: InventorySource, depth: number) {
    if (visited.has(source.label)) return;
    visited.add(source.label);
    signal?.throwIfAborted();
    reporter.count('files');
    const named = source.format ?? formatFromFileName(source.label);
    if (named && formatFamily(named) === 'lines') {
      pending.push({ type: 'lines', source });
      return;
    }
    if (named && formatFamily(named) === 'document') {
      const text = await readText(source, signal);
      const document = parseInventoryDocument(text, source.label);
      if (document.environment) {
        options.onEnvironment?.(document.environment);
        region ??= document.environment.region;
        if (options.environmentFromDocument && visited.size === 1) {
          environmentId = document.environment.id;
        }
      }
      if (document.files.length > 0 && depth >= MAX_DOCUMENT_DEPTH) {
        throw new InputError(
          `${source.label}: inventory documents nest more than ${MAX_DOCUMENT_DEPTH} levels deep`,
        );
      }
      for (const file of document.files) {
        await collect(source.child(file.path, file.format), depth + 1);
      }
      pending.push({ type: 'document', source, items: document.resources });
      return;
    }

    const ctx = context(source);
    const table = await openCsv(
      await source.open(signal),
      source.label,
      (line, message) => {
        reporter.count('rowsRead');
        ctx.reject(line, `not readable as CSV (${message})`);
      },
    );
    ctx.decimalComma = table.decimalComma;
    const format = named ?? formatFromHeader(table.header);
    if (!format) {
      await table.batches.return(undefined);
      throw new InputError(
        `${
          source.label
        } line 1: not a known inventory format; expected the columns of ${[
          'RVTools vInfo (VM, CPUs, Memory)',
          'RVTools vDisk (VM, Capacity MiB)',
          'RVTools vNetwork (VM, Network)',
          'Azure Migrate server import (*Server name, *Cores, *Memory (In MB), *OS name)',
          'Azure Migrate dependency export (Source server name, Destination server name)',
        ].join('; ')}`,
      );
    }
    try {
      switch (format) {
        case 'rvtools-vinfo':
        case 'azure-migrate-servers':
          // Checked now so a bad header fails before any resource is yielded.
          rowParser(table.header, format, ctx);
          pending.push({ type: 'csv', source, format, table });
          return;
        case 'azure-migrate-dependencies':
          await indexDependencies(table, ctx);
          return;
        case 'rvtools-vdisk':
          await indexDisks(table, ctx);
          return;
        case 'rvtools-vnetwork':
          await indexNetworks(table, ctx);
          return;
        default:
          throw new InputError(
            `${source.label}: ${FORMAT_LABELS[format]} files are not CSV`,
          );
      }
    } catch (error) {
      await table.batches.return(undefined);
      throw error;
    }
  }

  async function indexDependencies(table: CsvTable, ctx: RowContext) {
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
    for await (const batch of rowsOf(table))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const edge = dependencyRow(row.values, row.line, columns, ctx);
        if (!edge) continue;
        reporter.count('rowsIndexed');
        dependencies.add(edge);
      }
  }

  async function indexDisks(table: CsvTable, ctx: RowContext) {
    const columns = mapColumns(
      table.header,
      VDISK_COLUMNS,
      ctx.file,
      FORMAT_LABELS['rvtools-vdisk'],
    );
    for await (const batch of rowsOf(table))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const disk = vDiskRow(row.values, row.line, columns, ctx);
        if (!disk) continue;
        reporter.count('rowsIndexed');
        const list = disksByVm.get(disk.vm) ?? [];
        list.push(disk.disk);
        disksByVm.set(disk.vm, list);
      }
  }

  async function indexNetworks(table: CsvTable, ctx: RowContext) {
    const columns = mapColumns(
      table.header,
      VNETWORK_COLUMNS,
      ctx.file,
      FORMAT_LABELS['rvtools-vnetwork'],
    );
    for await (const batch of rowsOf(table))
      for (const row of batch) {
        if (!wellFormed(row, table, ctx)) continue;
        const nic = vNetworkRow(row.values, row.line, columns, ctx);
        if (!nic) continue;
        reporter.count('rowsIndexed');
        const entry = networkByVm.get(nic.vm) ?? { networks: [], ips: [] };
        if (nic.network && !entry.networks.includes(nic.network)) {
          entry.networks.push(nic.network);
        }
        entry.ips.push(...nic.ips.filter(ip => !entry.ips.includes(ip)));
        networkByVm.set(nic.vm, entry);
      }
  }

  /** The rows of a table in batches, counted; plain loops keep the per-row cost down. */
  async function* rowsOf(table: CsvTable): AsyncGenerator<CsvRow[]> {
    for await (const batch of table.batches) {
      signal?.throwIfAborted();
      reporter.count('rowsRead', batch.length);
      yield batch;
    }
  }

  /** Rejects a row whose field count differs from the header's: its values would be misplaced. */
  function wellFormed(row: CsvRow, table: CsvTable, ctx: RowContext) {
    if (row.values.length === table.header.length) return true;
    ctx.reject(
      row.line,
      `has ${row.values.length} fields where the header has ${table.header.length}`,
    );
    return false;
  }

  try {
    for (const source of sources) await collect(source, 0);
  } catch (error) {
    await Promise.all(
      pending.map(p =>
        p.type === 'csv' ? p.table.batches.return(undefined) : undefined,
      ),
    );
    throw error;
  }

  /**
   * Where each resource was read (index into `files`, and line), by its id in `dependencies`: one
   * lookup per resource finds both its first reading and its edges.
   */
  const seen: ({ file: number; line: number } | undefined)[] = [];
  const files: string[] = [];
  const usedDisks = new Set<string>();
  const usedNetworks = new Set<string>();

  /** Completes a resource from the indexes; false when it duplicates one already yielded. */
  function complete(
    resource: DiscoveredResource,
    ctx: RowContext,
    line: number,
  ) {
    const key = resource.externalId;
    const id = dependencies.idOf(key);
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
    const disks = disksByVm.get(key);
    if (disks) {
      resource.specs.disks = disks;
      usedDisks.add(key);
    }
    const nics = networkByVm.get(key);
    if (nics) {
      usedNetworks.add(key);
      const ips = resource.specs.ipAddresses ?? [];
      resource.specs.ipAddresses = [
        ...ips,
        ...nics.ips.filter(ip => !ips.includes(ip)),
      ];
      if (nics.networks.length > 0) {
        resource.raw = { ...resource.raw, networks: nics.networks };
      }
    }
    const found = dependencies.dependenciesOf(
      id,
      resource.specs.ipAddresses ?? [],
    );
    if (found.outside > 0)
      reporter.count('dependenciesOutsideInventory', found.outside);
    if (resource.dependsOn.length === 0) {
      resource.dependsOn = found.names;
    } else {
      for (const name of found.names) {
        if (!resource.dependsOn.includes(name)) resource.dependsOn.push(name);
      }
    }
    reporter.count('rowsImported');
    return true;
  }

  try {
    while (pending.length > 0) {
      const next = pending.shift()!;
      const ctx = context(
        next.source,
        next.type === 'csv' ? next.table.decimalComma : false,
      );
      if (next.type === 'csv') {
        const parse = rowParser(next.table.header, next.format, ctx);
        let n = 0;
        for await (const batch of rowsOf(next.table)) {
          for (const row of batch) {
            if (++n % ABORT_CHECK_EVERY === 0) signal?.throwIfAborted();
            if (!wellFormed(row, next.table, ctx)) continue;
            const resource = parse(row.values, row.line);
            if (resource && complete(resource, ctx, row.line)) {
              yield resource;
            }
          }
        }
      } else if (next.type === 'document') {
        for (const item of next.items) {
          reporter.count('rowsRead');
          const resource = documentItemToResource(item.value, item.line, ctx);
          if (resource && complete(resource, ctx, item.line)) {
            yield resource;
          }
        }
      } else {
        const lines = createInterface({
          input: await next.source.open(signal),
          crlfDelay: Infinity,
        });
        let line = 0;
        try {
          for await (const text of lines) {
            line++;
            if (line % ABORT_CHECK_EVERY === 0) signal?.throwIfAborted();
            if (!text.trim()) continue;
            reporter.count('rowsRead');
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch (error) {
              ctx.reject(line, `not valid JSON (${(error as Error).message})`);
              continue;
            }
            const resource = documentItemToResource(value, line, ctx);
            if (resource && complete(resource, ctx, line)) {
              yield resource;
            }
          }
        } finally {
          lines.close();
        }
      }
    }
  } finally {
    await Promise.all(
      pending.map(p =>
        p.type === 'csv' ? p.table.batches.return(undefined) : undefined,
      ),
    );
  }

  reportLeftovers();

  function reportLeftovers() {
    const unknown = dependencies.unknownDestinations(
      id => seen[id] !== undefined,
    );
    if (unknown.length > 0) {
      const list = unknown.slice(0, 5).join(', ');
      reporter.warn(
        `${
          unknown.length
        } dependency destination(s) are not in the inventory (${list}${
          unknown.length > 5 ? ', …' : ''
        }); their entities will be missing from the catalog graph`,
      );
    }
    const orphanDisks = [...disksByVm.keys()].filter(vm => !usedDisks.has(vm));
    const orphanNics = [...networkByVm.keys()].filter(
      vm => !usedNetworks.has(vm),
    );
    if (orphanDisks.length + orphanNics.length > 0) {
      reporter.warn(
        `vDisk/vNetwork rows name ${
          new Set([...orphanDisks, ...orphanNics]).size
        } VM(s) that no server file lists (${[...orphanDisks, ...orphanNics]
          .slice(0, 5)
          .join(', ')}); ignored`,
      );
    }
  }
}

/** The row parser of a server file, after checking its header. */
function rowParser(header: string[], format: ServerFormat, ctx: RowContext) {
  if (format === 'rvtools-vinfo') {
    const columns = mapColumns(
      header,
      VINFO_COLUMNS,
      ctx.file,
      FORMAT_LABELS[format],
    );
    return (values: string[], line: number) =>
      vInfoRowToResource(values, line, columns, ctx);
  }
  const columns = mapColumns(
    header,
    SERVER_COLUMNS,
    ctx.file,
    FORMAT_LABELS[format],
  );
  return (values: string[], line: number) =>
    serverRowToResource(values, line, columns, ctx);
}

async function readText(source: InventorySource, signal?: AbortSignal) {
  const stream = await source.open(signal);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_DOCUMENT_BYTES) {
      stream.destroy();
      throw new InputError(
        `${source.label}: inventory documents are limited to ${
          MAX_DOCUMENT_BYTES / 1024 / 1024
        } MiB; use JSON Lines (.jsonl) or CSV for larger estates`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}

/** Formats {@link readInventory} reads. */
export type { InventoryFormat };
