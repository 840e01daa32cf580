import {
  coreServices,
  createBackendPlugin,
  type LoggerService,
  type RootConfigService,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
  type MetricsService,
} from '@backstage/backend-plugin-api/alpha';
import {
  catalogServiceRef,
  type CatalogService,
} from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  signalsServiceRef,
  type SignalsService,
} from '@backstage/plugin-signals-node';
import {
  createAdvisorFromConfig,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import type {
  CloudProviderLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { registerMigrationActions } from './actions/registerMigrationActions';
import { KnexMigrationStore } from './database/KnexMigrationStore';
import {
  readMigrationEngineConfig,
  type MigrationEngineConfig,
} from './engine/config';
import { EngineMetrics } from './engine/EngineMetrics';
import { ExecutorRegistry } from './engine/ExecutorRegistry';
import { MigrationEngine } from './engine/MigrationEngine';
import { SignalPublisher } from './engine/SignalPublisher';
import { createDefaultExecutors } from './executors';
import { registerMigrationExtensionPoints } from './extensionPoints';
import { pricedAssessContext } from './pricing/setUpPriceRefresh';
import { MigrationNotifier } from './notifications/MigrationNotifier';
import { createExecutionCapabilities } from './service/execution';
import { MigrationService } from './service/MigrationService';
import { createProviderLookup } from './service/providerLookup';
import {
  createCatalogResourceResolver,
  type MigrationResourceResolver,
} from './service/resourceResolver';
import { registerMigrationPermissions } from './service/permissions/registerMigrationPermissions';
import { createRouter } from './service/router';

const initDeps = {
  logger: coreServices.logger,
  config: coreServices.rootConfig,
  database: coreServices.database,
  urlReader: coreServices.urlReader,
  lifecycle: coreServices.lifecycle,
  httpRouter: coreServices.httpRouter,
  httpAuth: coreServices.httpAuth,
  auth: coreServices.auth,
  permissions: coreServices.permissions,
  permissionsRegistry: coreServices.permissionsRegistry,
  auditor: coreServices.auditor,
  scheduler: coreServices.scheduler,
  catalog: catalogServiceRef,
  signals: signalsServiceRef,
  actionsRegistry: actionsRegistryServiceRef,
  metrics: metricsServiceRef,
  notifications: notificationService,
};

/** The engine and the service that the API and the actions call. */
function createEngine(options: {
  store: KnexMigrationStore;
  executors: MigrationExecutor[];
  providers: CloudProviderLookup;
  config: MigrationEngineConfig;
  logger: LoggerService;
  signals: SignalsService;
  metrics: MetricsService;
  notifier?: MigrationNotifier;
  resources: MigrationResourceResolver;
}) {
  const { store, logger, notifier } = options;
  const registry = new ExecutorRegistry();
  registry.add(...options.executors);
  const signals = new SignalPublisher(
    options.signals,
    logger,
    notifier && (signal => notifier.onSignal(signal)),
  );
  const engine = new MigrationEngine({
    store,
    registry,
    signals,
    logger,
    options: options.config.engine,
    metrics: EngineMetrics.create(options.metrics, () => store.getQueueDepth()),
  });
  const service = new MigrationService({
    store,
    registry,
    advancer: engine.advancer,
    events: engine.events,
    signals,
    providers: options.providers,
    config: options.config,
    logger,
    resources: options.resources,
  });
  return { engine, service };
}

/** The plugin's REST API over the service, with `POST /analyze` on the shared assess context. */
async function createPluginRouter(
  deps: Pick<
    Parameters<typeof createRouter>[0],
    'httpAuth' | 'auth' | 'permissions' | 'auditor' | 'logger'
  > & { catalog: CatalogService; config: RootConfigService },
  options: Pick<
    Parameters<typeof createRouter>[0],
    'service' | 'providers' | 'execution'
  > & { assessContext: () => AssessContext },
) {
  return createRouter({
    httpAuth: deps.httpAuth,
    auth: deps.auth,
    permissions: deps.permissions,
    auditor: deps.auditor,
    logger: deps.logger,
    service: options.service,
    providers: options.providers,
    analysis: {
      catalog: deps.catalog,
      assessContext: options.assessContext,
      advisor: () => createAdvisorFromConfig(deps.config),
    },
    execution: options.execution,
  });
}

/** The migration actions (for MCP clients) over the service and the `POST /analyze` analysis. */
function registerActions(
  deps: Pick<
    Parameters<typeof registerMigrationActions>[0],
    'actionsRegistry' | 'permissions' | 'auth'
  > & {
    catalog: CatalogService;
    config: RootConfigService;
    logger: LoggerService;
  },
  options: Pick<
    Parameters<typeof registerMigrationActions>[0],
    'service' | 'separationOfDuties'
  > & { assessContext: () => AssessContext },
) {
  registerMigrationActions({
    actionsRegistry: deps.actionsRegistry,
    permissions: deps.permissions,
    auth: deps.auth,
    service: options.service,
    separationOfDuties: options.separationOfDuties,
    analysis: {
      catalog: deps.catalog,
      assessContext: options.assessContext,
      advisor: () => createAdvisorFromConfig(deps.config),
      logger: deps.logger,
    },
  });
}

/**
 * The `migration` backend plugin: the migration engine, its store and its REST API.
 *
 * @public
 */
export const migrationPlugin = createBackendPlugin({
  pluginId: 'migration',
  register(env) {
    const extensions = registerMigrationExtensionPoints(env);
    env.registerInit({
      deps: initDeps,
      async init(deps) {
        const { logger, config, auth } = deps;
        const engineConfig = readMigrationEngineConfig(config);
        const store = await KnexMigrationStore.create({
          database: deps.database,
        });
        const providers = createProviderLookup(config, {
          logger,
          urlReader: deps.urlReader,
          factories: extensions.providerFactories(),
        });
        const capabilities = extensions.capabilities({ config, logger });
        const assessContext = await pricedAssessContext(deps, capabilities);
        const execution = await createExecutionCapabilities({
          config,
          knex: await deps.database.getClient(),
          store,
          notifications: deps.notifications,
          logger,
          scheduler: deps.scheduler,
        });

        const { engine, service } = createEngine({
          store,
          // A module's executor replaces the default one of the same task type.
          executors: [
            ...createDefaultExecutors({
              config,
              logger,
              catalog: deps.catalog,
              auth,
              providers,
              recorder: store,
              executionStore: execution.routes.store,
              access: execution.routes.access,
              capabilities,
              assessContext,
              resourceIndex: store,
            }),
            ...extensions.executors(),
          ],
          providers,
          config: engineConfig,
          logger,
          signals: deps.signals,
          metrics: deps.metrics,
          resources: createCatalogResourceResolver({
            catalog: deps.catalog,
            auth,
            logger,
          }),
          notifier: await MigrationNotifier.create(deps, store),
        });

        registerMigrationPermissions(deps.permissionsRegistry, store);
        registerActions(deps, {
          service,
          assessContext,
          separationOfDuties: engineConfig.approvals.separationOfDuties,
        });
        deps.httpRouter.use(
          await createPluginRouter(deps, {
            service,
            providers,
            assessContext,
            execution: execution.routes,
          }),
        );

        deps.lifecycle.addStartupHook(() => engine.start());
        deps.lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
