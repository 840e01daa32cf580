import type { MigrationActionDeps } from './actionDeps';
import { registerControlAction } from './controlAction';

/** `migration:pause`: like `POST /migrations/{id}/pause`. */
export function registerPauseMigrationAction(deps: MigrationActionDeps) {
  registerControlAction(deps, {
    control: 'pause',
    title: 'Pause a migration',
    description:
      'Pauses a running migration: no new tasks start, and running tasks stop at their next checkpoint and continue from there on resume. Only a running migration can be paused (otherwise a conflict error).',
    attributes: { readOnly: false, idempotent: false, destructive: false },
  });
}
