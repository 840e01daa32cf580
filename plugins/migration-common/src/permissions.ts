import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of the migration permissions that concern one migration (read, execute,
 * approve): a policy may answer them with conditions on the migration (`isOwner`,
 * `isRequester`, `isOwnedByOneOfGroups` of the backend's `migrationConditions`), and the lists
 * are filtered by them.
 *
 * @public
 */
export const MIGRATION_RESOURCE_TYPE = 'migration';

/**
 * Create (request) a migration.
 *
 * @public
 */
export const migrationCreatePermission = createPermission({
  name: 'migration.create',
  attributes: { action: 'create' },
});

/**
 * Read migrations, their tasks, events, artifacts and the providers. A resource permission:
 * conditions narrow which migrations (routes about no migration need it unconditionally or
 * conditionally granted).
 *
 * @public
 */
export const migrationReadPermission = createPermission({
  name: 'migration.read',
  resourceType: MIGRATION_RESOURCE_TYPE,
  attributes: { action: 'read' },
});

/**
 * Control a migration: pause, resume, cancel, retry a task, roll back, re-run checks.
 *
 * @public
 */
export const migrationExecutePermission = createPermission({
  name: 'migration.execute',
  resourceType: MIGRATION_RESOURCE_TYPE,
  attributes: { action: 'update' },
});

/**
 * Approve or reject a gated phase.
 *
 * @public
 */
export const migrationApprovePermission = createPermission({
  name: 'migration.approve',
  resourceType: MIGRATION_RESOURCE_TYPE,
  attributes: { action: 'update' },
});

/**
 * Administer the migration plugin, e.g. run discovery on demand. It does not waive separation of
 * duties: that is switched off only through `migration.approvals.separationOfDuties`.
 *
 * @public
 */
export const migrationAdminPermission = createPermission({
  name: 'migration.admin',
  attributes: {},
});

/**
 * Every permission of the migration plugin.
 *
 * @public
 */
export const migrationPermissions = [
  migrationCreatePermission,
  migrationReadPermission,
  migrationExecutePermission,
  migrationApprovePermission,
  migrationAdminPermission,
];
