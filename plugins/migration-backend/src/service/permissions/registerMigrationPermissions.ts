import type { PermissionsRegistryService } from '@backstage/backend-plugin-api';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import {
  migrationPermissions,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationStore } from '../../database/MigrationStore';
import { migrationResourceRef, migrationRules } from './migrationRules';

/**
 * Registers the plugin's permissions: the `migration` resource type with its rules (read,
 * execute and approve; migrations are loaded by id to apply conditions), and the basic ones
 * (create, admin).
 */
export function registerMigrationPermissions(
  registry: PermissionsRegistryService,
  store: Pick<MigrationStore, 'getMigration'>,
) {
  registry.addResourceType({
    resourceRef: migrationResourceRef,
    permissions: migrationPermissions.filter(p => isResourcePermission(p)),
    rules: Object.values(migrationRules),
    getResources: (ids: string[]) =>
      Promise.all(ids.map(id => store.getMigration(id))) as Promise<
        Array<Migration | undefined>
      >,
  });
  registry.addPermissions(
    migrationPermissions.filter(p => !isResourcePermission(p)),
  );
}
