import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import type { DiscoverySummary } from '@sirsi-nexus/plugin-migration-common';
import {
  CloudProviderRegistry,
  createEventLoopYielder,
  resourceToEntity,
  runDiscovery,
  validateResourceEntity,
  type CloudProvider,
  type CloudProviderFactory,
  type CloudProviderLookup,
} from '@sirsi-nexus/plugin-migration-node';
import { dependentsFirst } from './dependentsFirst';
import { readProviderConfig } from './readProviderConfig';

/** Milliseconds of mapping between two turns of the event loop. */
const WORK_BUDGET_MS = 10;
/** Entities per delta mutation: each its own transaction, processed in order. */
const MUTATION_BATCH = 250;

/**
 * Puts one configured environment (`migration.environments[]`) into the catalog: on each run it
 * discovers the environment and replaces all of its `Resource` entities (a full mutation).
 *
 * @remarks
 * Resources are mapped to entities as they stream in, so the estate is held once (as entities);
 * the work gives the event loop a turn every few milliseconds. A failed discovery leaves the entities of
 * the last good run in place.
 *
 * @public
 */
export class CloudDiscoveryEntityProvider implements EntityProvider {
  /**
   * One provider per configured environment, run on `catalog.providers.cloudDiscovery.schedule`.
   */
  static fromConfig(
    config: Config,
    options: {
      logger: LoggerService;
      scheduler?: SchedulerService;
      /** Overrides the schedule from config. */
      schedule?: SchedulerServiceTaskRunner;
      urlReader?: UrlReaderService;
      /** The environments' providers; built from config when not given. */
      providers?: CloudProviderLookup;
      /**
       * The providers by provider name for building from config, e.g. those modules added through
       * `cloudDiscoveryProvidersExtensionPoint`. Not used when `providers` is given.
       */
      factories?: Record<string, CloudProviderFactory>;
    },
  ): CloudDiscoveryEntityProvider[] {
    const providerConfig = readProviderConfig(config);
    const lookup =
      options.providers ??
      CloudProviderRegistry.fromConfig(config, {
        logger: options.logger,
        urlReader: options.urlReader,
        factories: options.factories,
      });
    const wanted = providerConfig.environments;
    for (const id of wanted ?? []) {
      if (!lookup.get(id)) {
        throw new InputError(
          `catalog.providers.cloudDiscovery.environments names "${id}", which is not in migration.environments`,
        );
      }
    }
    if (!options.schedule && !options.scheduler) {
      throw new Error(
        'CloudDiscoveryEntityProvider needs a scheduler or a schedule',
      );
    }
    return lookup
      .list()
      .filter(p => !wanted || wanted.includes(p.environmentId))
      .map(
        provider =>
          new CloudDiscoveryEntityProvider(
            provider,
            options.logger,
            options.schedule ??
              options.scheduler!.createScheduledTaskRunner(
                providerConfig.schedule,
              ),
          ),
      );
  }

  private connection?: EntityProviderConnection;
  private readonly logger: LoggerService;

  private constructor(
    private readonly provider: CloudProvider,
    logger: LoggerService,
    private readonly taskRunner: SchedulerServiceTaskRunner,
  ) {
    this.logger = logger.child({ target: this.getProviderName() });
  }

  getProviderName(): string {
    return `cloud-discovery:${this.provider.environmentId}`;
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async signal => {
        try {
          await this.refresh(signal);
        } catch (error) {
          this.logger.error(
            `Discovery of environment ${this.provider.environmentId} failed; the catalog keeps the entities of the last successful run. ${error}`,
          );
        }
      },
    });
  }

  /**
   * Discovers the environment now and replaces its entities in the catalog.
   *
   * @returns the discovery summary, with `stats.entitiesRejected` for resources whose entity the
   * catalog would not accept.
   */
  async refresh(signal?: AbortSignal): Promise<DiscoverySummary> {
    if (!this.connection) {
      throw new Error(
        `${this.getProviderName()} is not connected to the catalog yet`,
      );
    }
    const locationRef = this.getProviderName();
    const environment = {
      owner: this.provider.owner,
      annotations: {
        [ANNOTATION_LOCATION]: locationRef,
        [ANNOTATION_ORIGIN_LOCATION]: locationRef,
      },
    };
    const entities: DeferredEntity[] = [];
    let rejected = 0;
    const yieldSometimes = createEventLoopYielder(WORK_BUDGET_MS);
    const summary = await runDiscovery(this.provider, {
      signal,
      onResource: async resource => {
        try {
          const entity = await validateResourceEntity(
            resourceToEntity(resource, environment),
          );
          entities.push({ entity, locationKey: this.getProviderName() });
        } catch (error) {
          rejected++;
          this.logger.warn(
            `Skipped ${resource.kind} ${resource.externalId}: ${error}`,
          );
        }
        await yieldSometimes();
      },
    });
    signal?.throwIfAborted();
    await this.commit(entities);
    summary.stats = { ...summary.stats, entitiesRejected: rejected };
    this.logger.info(
      `Discovered ${summary.total} resources of environment ${
        this.provider.environmentId
      } in ${summary.durationMs} ms (${JSON.stringify(
        summary.countsByKind,
      )}); ${entities.length} entities committed, ${
        summary.warnings.length + (summary.stats.warningsDropped ?? 0)
      } warnings`,
    );
    for (const warning of summary.warnings.slice(0, 20))
      this.logger.warn(warning);
    return summary;
  }

  /**
   * Hands the entities to the catalog dependents first, in delta mutations of
   * `MUTATION_BATCH`, then as one full mutation that removes what is gone.
   *
   * @remarks
   * The catalog processes entities in the order their mutations arrived (all entities of one
   * mutation share a timestamp, so within one the order is the database's). Each processed entity
   * asks for its dependencies to be stitched again; a dependency processed after its dependents is
   * stitched once, complete. The catalog skips entities whose hash is unchanged in both kinds of
   * mutation, so a run that finds nothing new writes nothing.
   */
  private async commit(entities: DeferredEntity[]) {
    const ordered = dependentsFirst(entities);
    for (let i = 0; i < ordered.length; i += MUTATION_BATCH) {
      await this.connection!.applyMutation({
        type: 'delta',
        added: ordered.slice(i, i + MUTATION_BATCH),
        removed: [],
      });
    }
    await this.connection!.applyMutation({ type: 'full', entities: ordered });
  }
}
