import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import permissionBackend from '@backstage/plugin-permission-backend';
import {
  mockServices,
  startTestBackend,
  type TestBackend,
} from '@backstage/backend-test-utils';
import type { Server } from 'node:http';
import { KnexMigrationStore } from '../database/KnexMigrationStore';
import { MigrationService } from '../service/MigrationService';
import { createRouter } from '../service/router';
import { grantsPolicyModule } from './grantsPolicy';

/**
 * A test backend serving the migration plugin's router over a real store (the engine is not
 * started; only the store backs the service), with permissions enforced by a policy granting
 * `grants` (user ref → permission names). For routes that read what the store holds.
 */
export async function startStoreRoutesBackend(
  grants: Record<string, string[]>,
): Promise<{
  backend: TestBackend;
  server: Server;
  store: KnexMigrationStore;
}> {
  let store: KnexMigrationStore | undefined;
  const plugin = createBackendPlugin({
    pluginId: 'migration',
    register(env) {
      env.registerInit({
        deps: {
          database: coreServices.database,
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
          auth: coreServices.auth,
          permissions: coreServices.permissions,
          logger: coreServices.logger,
          auditor: coreServices.auditor,
        },
        async init(deps) {
          store = await KnexMigrationStore.create({ database: deps.database });
          const service = new MigrationService({
            store,
          } as unknown as ConstructorParameters<typeof MigrationService>[0]);
          deps.httpRouter.use(
            await createRouter({
              ...deps,
              service,
              providers: { get: () => undefined, list: () => [] },
              analysis: {} as any,
              execution: {} as any,
            }),
          );
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      plugin,
      permissionBackend,
      grantsPolicyModule(grants),
      permissionsServiceFactory,
      mockServices.rootConfig.factory({
        data: { permission: { enabled: true } },
      }),
    ],
  });
  return { backend, server: backend.server, store: store! };
}
