import type { MigrationActionDeps } from './actionDeps';
import { registerControlAction } from './controlAction';

/** `migration:resume`: like `POST /migrations/{id}/resume`. */
export function registerResumeMigrationAction(deps: MigrationActionDeps) {
  registerControlAction(deps, {
    control: 'resume',
    title: 'Resume a migration',
    description:
      'Resumes a paused migration: its tasks continue from their last checkpoints. Only a paused migration can be resumed (otherwise a conflict error).',
    attributes: { readOnly: false, idempotent: false, destructive: false },
  });
}
