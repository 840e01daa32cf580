import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import {
  resourceToEntity,
  validateResourceEntity,
} from '@sirsi-nexus/plugin-migration-node';
import { readInventory } from '../inventory/readInventory';
import { urlInventorySource } from '../inventory/sources';

/** The location type this processor reads. */
export const CLOUD_INVENTORY_LOCATION_TYPE = 'cloud-inventory';

/**
 * `url` locations this processor claims before the default URL reader: inventory documents named
 * `*.inventory.yaml|yml|json`, so the catalog import page can register one.
 */
const INVENTORY_DOCUMENT_URL = /\.inventory\.(ya?ml|json)$/i;

/**
 * Reads `cloud-inventory` locations — an inventory file (RVTools or Azure Migrate CSV, SirsiNexus
 * inventory JSON/YAML/JSON Lines) at a URL — through the UrlReaderService, so
 * `backend.reading.allow` applies, and emits the same `Resource` entities the entity provider
 * makes for configured environments.
 *
 * @remarks
 * The environment id is the inventory document's `environment.id`, or the file name without
 * extension. `url` locations whose path ends in `.inventory.yaml`, `.inventory.yml` or
 * `.inventory.json` are read the same way, which is what the catalog import page registers.
 *
 * @public
 */
export class CloudInventoryProcessor implements CatalogProcessor {
  static fromConfig(
    _config: unknown,
    options: { reader: UrlReaderService; logger: LoggerService },
  ): CloudInventoryProcessor {
    return new CloudInventoryProcessor(options.reader, options.logger);
  }

  private constructor(
    private readonly reader: UrlReaderService,
    private readonly logger: LoggerService,
  ) {}

  getProcessorName(): string {
    return 'cloud-inventory';
  }

  /** Before the default URL reader (20), so `*.inventory.yaml` URLs are read as inventories. */
  getPriority(): number {
    return 10;
  }

  private claims(location: LocationSpec): boolean {
    if (location.type === CLOUD_INVENTORY_LOCATION_TYPE) return true;
    if (location.type !== 'url') return false;
    try {
      return INVENTORY_DOCUMENT_URL.test(new URL(location.target).pathname);
    } catch {
      return false;
    }
  }

  async readLocation(
    location: LocationSpec,
    optional: boolean,
    emit: CatalogProcessorEmit,
  ): Promise<boolean> {
    if (!this.claims(location)) return false;

    let url: URL;
    try {
      url = new URL(location.target);
    } catch {
      emit(
        processingResult.inputError(
          location,
          `A ${CLOUD_INVENTORY_LOCATION_TYPE} location needs a URL target, got "${location.target}"`,
        ),
      );
      return true;
    }

    let owner: string | undefined;
    const warnings: string[] = [];
    let count = 0;
    try {
      const resources = readInventory(
        [urlInventorySource(url.toString(), this.reader)],
        {
          environmentId: environmentIdFromUrl(url),
          environmentFromDocument: true,
          onEnvironment: env => {
            owner ??= env.owner;
          },
          reporter: { warn: m => warnings.push(m), count: () => {} },
        },
      );
      for await (const resource of resources) {
        try {
          const entity = await validateResourceEntity(
            resourceToEntity(resource, { owner }),
          );
          emit(processingResult.entity(location, entity));
          count++;
        } catch (error) {
          warnings.push(`${resource.externalId}: ${(error as Error).message}`);
        }
      }
      emit(processingResult.refresh(`${location.type}:${location.target}`));
    } catch (error) {
      const err = error as Error;
      if (err.name === 'NotFoundError') {
        if (!optional)
          emit(processingResult.notFoundError(location, err.message));
      } else {
        emit(
          processingResult.inputError(
            location,
            `Unable to read inventory ${location.target}: ${err.message}`,
          ),
        );
      }
      return true;
    }
    if (warnings.length > 0) {
      this.logger.warn(
        `Inventory ${location.target}: ${count} resources, ${
          warnings.length
        } warning(s): ${warnings.slice(0, 10).join(' | ')}`,
      );
    }
    return true;
  }
}

/** `https://host/inventories/lisbon-servers.csv` → `lisbon-servers`. */
function environmentIdFromUrl(url: URL): string {
  const file = url.pathname.split('/').pop() ?? 'inventory';
  const stem = file
    .replace(/\.inventory\.(ya?ml|json)$/i, '')
    .replace(/\.[a-z0-9]+$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 31)
    .replace(/-+$/, '');
  return stem || 'inventory';
}
