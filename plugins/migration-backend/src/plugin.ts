import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  metricsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { migrationPermissions } from '@sirsi-nexus/plugin-migration-common';
import {
  createAdvisorFromConfig,
  createAssessContext,
  type AssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  createCloudCapabilitiesCollector,
  createCloudCapabilityLookup,
  createCloudProviderFactoryCollector,
  migrationCloudCapabilitiesExtensionPoint,
  migrationCloudProvidersExtensionPoint,
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
import { createAssessmentExecutors } from './executors/assessment';
import { createBuiltinExecutors } from './executors/builtin';
import { createIacExecutors } from './executors/iac';
import { createAnalysisRouter } from './service/createAnalysisRouter';
import { createExecutionCapabilities } from './service/execution';
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
    const addedProviders = createCloudProviderFactoryCollector(
      migrationCloudProvidersExtensionPoint.id,
    );
    env.registerExtensionPoint(
      migrationCloudProvidersExtensionPoint,
      addedProviders.extensionPoint,
    );
    const addedCapabilities = createCloudCapabilitiesCollector();
    env.registerExtensionPoint(
      migrationCloudCapabilitiesExtensionPoint,
      addedCapabilities.extensionPoint,
    );

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
        auditor: coreServices.auditor,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        metrics: metricsServiceRef,
        notifications: notificationService,
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
          factories: addedProviders.factories(),
        });

        const capabilities = createCloudCapabilityLookup(
          Object.fromEntries(
            Object.entries(addedCapabilities.factories()).map(
              ([provider, factory]) => [
                provider,
                factory({ config, logger: logger.child({ cloud: provider }) }),
              ],
            ),
          ),
        );
        const execution = await createExecutionCapabilities({
          capabilities,
          config,
          knex: await deps.database.getClient(),
          store,
          httpAuth: deps.httpAuth,
          auth,
          permissions,
          notifications: deps.notifications,
          logger,
          auditor: deps.auditor,
          scheduler: deps.scheduler,
        });

        // Later registrations of a task type replace earlier ones: the built-ins first, then
        // the capabilities that supersede them, then whatever modules add.
        const registry = new ExecutorRegistry();
        registry.add(
          ...createBuiltinExecutors({
            providers,
            recorder: store,
            catalog: deps.catalog,
            auth,
          }),
          ...createAssessmentExecutors({ config, logger }),
          ...createIacExecutors({
            config,
            logger,
            catalog: deps.catalog,
            auth,
          }),
          ...execution.executors,
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
            auditor: deps.auditor,
          }),
        );

        deps.httpRouter.use(execution.router);
        let assessContext: AssessContext | undefined;
        deps.httpRouter.use(
          await createAnalysisRouter({
            httpAuth: deps.httpAuth,
            permissions,
            catalog: deps.catalog,
            providers,
            assessContext: () =>
              (assessContext ??= createAssessContext(config)),
            advisor: () => createAdvisorFromConfig(config),
            logger,
            auditor: deps.auditor,
          }),
        );

        lifecycle.addStartupHook(() => engine.start());
        lifecycle.addShutdownHook(() => engine.stop());
      },
    });
  },
});
