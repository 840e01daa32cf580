import { createBackendModule } from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';

/**
 * Scaffolder module providing the `migration:*` actions.
 *
 * @public
 */
export const scaffolderModuleMigration = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'migration',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
      },
      async init({ scaffolder }) {
        scaffolder.addActions();
      },
    });
  },
});
