import { createPermission } from '@backstage/plugin-permission-common';

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
 * Read migrations, their tasks, events, artifacts and the providers.
 *
 * @public
 */
export const migrationReadPermission = createPermission({
  name: 'migration.read',
  attributes: { action: 'read' },
});

/**
 * Control a migration: pause, resume, cancel, retry a task, roll back, re-run checks.
 *
 * @public
 */
export const migrationExecutePermission = createPermission({
  name: 'migration.execute',
  attributes: { action: 'update' },
});

/**
 * Approve or reject a gated phase.
 *
 * @public
 */
export const migrationApprovePermission = createPermission({
  name: 'migration.approve',
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
