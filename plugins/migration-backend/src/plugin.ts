import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { migrationPermissions } from '@sirsi-nexus/plugin-migration-common';
import {
  migrationExecutorsExtensionPoint,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { registerMigrationActions } from './actions/registerMigrationActions';
import { KnexMigrationStore } from './database/KnexMigrationStore';
import { readMigrationEngineConfig } from './engine/config';
import { EngineMetrics } from './engine/EngineMetrics';
import { ExecutorRegistry } from './engine/ExecutorRegistry';
import { MigrationEngine } from './engine/MigrationEngine';
import { SignalPublisher } from './engine/SignalPublisher';
import { createBuiltinExecutors } from './executors/builtin';
import { MigrationService } from './service/MigrationService';
import { createProviderLookup } from './service/providerLookup';
import { createRouter } from './service/router';

/**
 * The `migration` backend plugin: the migration engine, its store and its REST API.
 *
 * @public
 */
export const migrationPlugin = createBackendPlugin({
  pluginId: 'migration',
  register(env) {
    const addedExecutors: MigrationExecutor[] = [];
    env.registerExtensionPoint(migrationExecutorsExtensionPoint, {
      addExecutor(...executors) {
        addedExecutors.push(...executors);
      },
    });

    env.registerInit({
      deps: {
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
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
      },
      async init(deps) {
        const { logger, config, lifecycle, auth, permissions } = deps;
        const engineConfig = readMigrationEngineConfig(config);
        const store = await KnexMigrationStore.create({
          database: deps.database,
        });
        const providers = createProviderLookup(config, {
          logger,
          urlReader: deps.urlReader,
        });

        const registry = new ExecutorRegistry();
        registry.add(
          ...createBuiltinExecutors({
            providers,
            recorder: store,
            catalog: deps.catalog,
            auth,
          }),
        );
        registry.add(...addedExecutors);

        const signals = new SignalPublisher(deps.signals, logger);
        const engine = new MigrationEngine({
          store,
          registry,
          signals,
          logger,
          options: engineConfig.engine,
          metrics: EngineMetrics.create(deps.metrics, () =>
            store.getQueueDepth(),
          ),
        });
        const service = new MigrationService({
          store,
          registry,
          advancer: engine.advancer,
          events: engine.events,
          signals,
          providers,
          config: engineConfig,
          logger,
        });

        deps.permissionsRegistry.addPermissions(migrationPermissions);
        registerMigrationActions({
          actionsRegistry: deps.actionsRegistry,
          service,
          permissions,
          auth,
        });
        deps.httpRouter.use(
          await createRouter({
            service,
            httpAuth: deps.httpAuth,
            auth,
            permissions,
          }),
        );

        lifecycle.addStartupHook(() => engine.start());
        lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
