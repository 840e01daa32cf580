import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  DiscoveredResource,
  EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudProvider,
  DiscoverOptions,
} from '@sirsi-nexus/plugin-migration-node';
import { mapColumns, type ColumnSpec } from './csv/columns';
import { openCsv } from './csv/readCsv';
import {
  DEPENDENCY_COLUMNS,
  SERVER_COLUMNS,
  missingDependencyColumns,
} from './formats/azureMigrate';
import {
  FORMAT_LABELS,
  formatFamily,
  formatFromFileName,
  formatFromHeader,
  isWorkbookName,
} from './formats/detect';
import { parseInventoryDocument } from './formats/inventoryDocument';
import {
  VDISK_COLUMNS,
  VHOST_COLUMNS,
  VINFO_COLUMNS,
  VNETWORK_COLUMNS,
  VPARTITION_COLUMNS,
} from './formats/rvtoolsColumns';
import { INVENTORY_FORMATS, type InventoryFormat } from './formats/types';
import { readInventory } from './readInventory';
import { peekStart } from './readText';
import { isZip } from './xlsx/readXlsx';
import { describeWorkbook } from './xlsx/xlsxFiles';
import {
  fileInventorySource,
  urlInventorySource,
  type InventorySource,
} from './sources';

const COLUMNS_BY_FORMAT = {
  'rvtools-vinfo': VINFO_COLUMNS,
  'rvtools-vdisk': VDISK_COLUMNS,
  'rvtools-vnetwork': VNETWORK_COLUMNS,
  'rvtools-vpartition': VPARTITION_COLUMNS,
  'rvtools-vhost': VHOST_COLUMNS,
  'azure-migrate-servers': SERVER_COLUMNS,
  'azure-migrate-dependencies': DEPENDENCY_COLUMNS,
} as const;

/**
 * Options of {@link InventoryProvider.fromConfig}.
 *
 * @public
 */
export interface InventoryProviderOptions {
  environmentId: string;
  title?: string;
  owner?: string;
  logger: LoggerService;
  /** Needed for files given as `url`. */
  urlReader?: UrlReaderService;
}

/**
 * The `inventory` provider: an on-prem estate from the files people export today — RVTools
 * workbooks (`.xlsx`: vInfo, vDisk, vNetwork, vPartition, vHost) or those tabs as CSV, the Azure Migrate server import and dependency export, and the
 * SirsiNexus inventory format (JSON, YAML, JSON Lines). Works offline.
 *
 * @public
 */
export class InventoryProvider implements CloudProvider {
  readonly id = 'inventory';

  /**
   * Reads an environment's `inventory` block: `files` (paths relative to the backend's working
   * directory, or `{ url }` read through the UrlReaderService) and an optional `region`.
   *
   * @param config - the environment's config (`migration.environments[i]`)
   */
  static fromConfig(
    config: Config,
    options: InventoryProviderOptions,
  ): InventoryProvider {
    const block = config.getConfig('inventory');
    const region = block.getOptionalString('region');
    const entries = block.getOptional('files');
    const env = `Environment ${options.environmentId}`;
    if (!Array.isArray(entries) || entries.length === 0) {
      throw new InputError(
        `${env}: inventory.files must list at least one file`,
      );
    }
    const sources = entries.map((entry, i) => {
      const key = `inventory.files[${i}]`;
      const file = fileEntry(entry);
      for (const field of ['path', 'url', 'format'] as const) {
        if (file[field] !== undefined && typeof file[field] !== 'string') {
          throw new InputError(`${env}: ${key}.${field} must be a string`);
        }
      }
      const format = file.format as InventoryFormat | undefined;
      if (format && !INVENTORY_FORMATS.includes(format)) {
        throw new InputError(
          `${env}: ${key}.format "${format}" is not one of ${INVENTORY_FORMATS.join(
            ', ',
          )}`,
        );
      }
      if (typeof file.url === 'string') {
        if (!options.urlReader) {
          throw new InputError(
            `${env}: ${key}.url needs a UrlReaderService; pass urlReader to CloudProviderRegistry.fromConfig`,
          );
        }
        return urlInventorySource(file.url, options.urlReader, format);
      }
      if (typeof file.path !== 'string' || file.path === '') {
        throw new InputError(`${env}: ${key} needs a path or a url`);
      }
      return fileInventorySource(file.path, format);
    });
    return new InventoryProvider(options, sources, region);
  }

  readonly environmentId: string;
  readonly title?: string;
  readonly owner?: string;

  constructor(
    options: Pick<
      InventoryProviderOptions,
      'environmentId' | 'title' | 'owner'
    >,
    private readonly sources: InventorySource[],
    private readonly region?: string,
  ) {
    this.environmentId = options.environmentId;
    this.title = options.title;
    this.owner = options.owner;
  }

  /** One check per file: readable, a known format, and the format's required columns present. */
  async validate(signal?: AbortSignal): Promise<EnvironmentCheck[]> {
    const checks: EnvironmentCheck[] = [];
    for (const [i, source] of this.sources.entries()) {
      const id = `inventory-file-${i + 1}`;
      const title = `Inventory file ${source.label}`;
      try {
        const message = await describeFile(source, signal);
        checks.push({ id, title, status: 'pass', message });
      } catch (error) {
        checks.push({
          id,
          title,
          status: 'fail',
          message: (error as Error).message,
          remediation:
            (error as Error).name === 'NotFoundError'
              ? 'Check the path in migration.environments[].inventory.files; relative paths start from the backend working directory.'
              : 'Export the file again from RVTools or Azure Migrate, or fix the header; see docs/discovery.md for the columns each format needs.',
        });
      }
    }
    return checks;
  }

  discover(options: DiscoverOptions = {}): AsyncIterable<DiscoveredResource> {
    return readInventory(this.sources, {
      environmentId: this.environmentId,
      region: this.region,
      signal: options.signal,
      reporter: options.reporter,
    });
  }
}

/** Opens a file far enough to tell its format and check its required columns. */
async function describeFile(source: InventorySource, signal?: AbortSignal) {
  const named = source.format ?? formatFromFileName(source.label);
  if (named && formatFamily(named) === 'document') {
    const stream = await source.open(signal);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(Buffer.from(chunk));
    const doc = parseInventoryDocument(
      Buffer.concat(chunks).toString('utf8'),
      source.label,
    );
    return `${FORMAT_LABELS[named]} with ${doc.resources.length} resource(s) and ${doc.files.length} linked file(s)`;
  }
  if (named && formatFamily(named) === 'lines') {
    (await source.open(signal)).destroy();
    return `${FORMAT_LABELS[named]}, readable`;
  }
  const input = await source.open(signal);
  if (isWorkbookName(source.label) || isZip(await peekStart(input))) {
    return describeWorkbook(source, input);
  }
  const table = await openCsv(input, source.label, () => {});
  try {
    const format = named ?? formatFromHeader(table.header);
    if (!format || formatFamily(format) !== 'csv') {
      throw new InputError(
        `${source.label} line 1: not a known inventory CSV format`,
      );
    }
    const columns = mapColumns(
      table.header,
      COLUMNS_BY_FORMAT[format as keyof typeof COLUMNS_BY_FORMAT] as Record<
        string,
        ColumnSpec
      >,
      source.label,
      FORMAT_LABELS[format],
    );
    if (format === 'azure-migrate-dependencies') {
      const missing = missingDependencyColumns(columns as any);
      if (missing.length > 0) {
        throw new InputError(
          `${source.label} line 1: missing required ${
            FORMAT_LABELS[format]
          } columns ${missing.join(', ')}`,
        );
      }
    }
    return `${FORMAT_LABELS[format]} with the required columns`;
  } finally {
    await table.batches.return(undefined);
  }
}

/** A `files` entry as an object: a string is a URL when it starts with http(s)://, else a path. */
function fileEntry(entry: unknown): {
  path?: unknown;
  url?: unknown;
  format?: unknown;
} {
  if (typeof entry === 'string') {
    return /^https?:\/\//i.test(entry) ? { url: entry } : { path: entry };
  }
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) return entry;
  return {};
}
