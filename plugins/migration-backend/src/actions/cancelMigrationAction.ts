import type { MigrationActionDeps } from './actionDeps';
import { registerControlAction } from './controlAction';

/** `migration:cancel`: like `POST /migrations/{id}/cancel`; it cannot be undone. */
export function registerCancelMigrationAction(deps: MigrationActionDeps) {
  registerControlAction(deps, {
    control: 'cancel',
    title: 'Cancel a migration',
    description:
      'Cancels a running, paused or waiting migration for good: running tasks are stopped and no further phase runs. It cannot be resumed afterwards; what it already created stays until someone rolls it back. Confirm with the user before calling.',
    attributes: { readOnly: false, idempotent: false, destructive: true },
  });
}
