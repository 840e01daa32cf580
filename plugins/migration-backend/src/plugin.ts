import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createRouter } from './service/router';

/**
 * The `migration` backend plugin: the migration engine, its store and its REST API.
 *
 * @public
 */
export const migrationPlugin = createBackendPlugin({
  pluginId: 'migration',
  register(env) {
    env.registerInit({
      deps: {
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
      },
      async init({ httpAuth, httpRouter }) {
        httpRouter.use(await createRouter({ httpAuth }));
      },
    });
  },
});
