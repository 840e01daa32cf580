import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { MigrationPermissionPolicy } from './MigrationPermissionPolicy';

const DEFAULT_PLATFORM_GROUPS = ['group:default/platform-engineering'];

/**
 * Installs {@link MigrationPermissionPolicy}: `migration.approve` and `migration.admin` for the
 * groups in `permission.migrationPolicy.platformGroups` (default
 * `group:default/platform-engineering`), `migration.execute` for them and for the owning team and
 * the requester of each migration, everything else for every user.
 */
export const permissionModuleMigrationPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'migration-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        userInfo: coreServices.userInfo,
      },
      async init({ policy, config, userInfo }) {
        const platformGroups =
          config.getOptionalStringArray(
            'permission.migrationPolicy.platformGroups',
          ) ?? DEFAULT_PLATFORM_GROUPS;
        policy.setPolicy(
          new MigrationPermissionPolicy({ platformGroups, userInfo }),
        );
      },
    });
  },
});
