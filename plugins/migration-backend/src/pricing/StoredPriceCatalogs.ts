import type { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import type {
  AssessContext,
  PriceCatalogs,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import type { FetchedInstancePrices } from '@sirsi-nexus/plugin-migration-node';
import type { PriceCatalogStore } from '../database/PriceCatalogStore';

/**
 * The newest stored price catalog of each provider, held in memory so that the (synchronous)
 * assessment can prefer it over the shipped catalog. Reloaded from the database at start-up,
 * after each refresh on this replica, and on the reload schedule (refreshes of other replicas).
 */
export class StoredPriceCatalogs {
  private latest: FetchedInstancePrices[] = [];
  private layered = new WeakMap<PriceCatalogs, PriceCatalogs>();

  constructor(
    private readonly store: PriceCatalogStore,
    private readonly logger: LoggerService,
  ) {}

  /** Reads the newest catalogs; a database error keeps the ones loaded before. */
  async reload(): Promise<void> {
    try {
      this.latest = await this.store.latestCatalogs();
      this.layered = new WeakMap();
    } catch (error) {
      this.logger.warn(
        `Could not load the stored price catalogs, keeping the ones loaded before: ${stringifyError(
          error,
        )}`,
      );
    }
  }

  /** The catalogs currently held (newest per provider). */
  current(): readonly FetchedInstancePrices[] {
    return this.latest;
  }

  /** `catalogs` with the stored instance prices preferred for the regions they cover. */
  apply(catalogs: PriceCatalogs): PriceCatalogs {
    if (this.latest.length === 0) return catalogs;
    let layered = this.layered.get(catalogs);
    if (!layered) {
      layered = catalogs.withFetched([...this.latest]);
      this.layered.set(catalogs, layered);
    }
    return layered;
  }

  /**
   * An assess context whose catalogs always reflect the newest stored catalogs; `base` is built
   * on first use (it reads the shipped tables from disk).
   */
  assessContext(base: () => AssessContext): () => AssessContext {
    let context: AssessContext | undefined;
    return () => {
      if (!context) {
        const built = base();
        const catalogs = () => this.apply(built.catalogs);
        context = {
          get settings() {
            return built.settings;
          },
          get osLifecycle() {
            return built.osLifecycle;
          },
          get catalogs() {
            return catalogs();
          },
        };
      }
      return context;
    };
  }
}
