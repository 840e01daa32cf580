import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type EnvironmentCheck,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readMigrationResources,
  writeArtifact,
  type MigrationExecutor,
  type MigrationResource,
} from '@sirsi-nexus/plugin-migration-node';

function somethingToMigrate(captured: MigrationResource[]): EnvironmentCheck {
  const check = { id: 'entities', title: 'Something to migrate' };
  return captured.length > 0
    ? {
        ...check,
        status: 'pass',
        message: `${captured.length} entities captured by the plan phase`,
      }
    : {
        ...check,
        status: 'fail',
        message: 'The plan phase captured no entities',
        remediation: 'Select resources or systems that exist in the catalog',
      };
}

function everyEntityOwned(captured: MigrationResource[]): EnvironmentCheck {
  const check = { id: 'owners', title: 'Every entity has an owner' };
  const unowned = captured
    .filter(c => !c.entity.spec?.owner)
    .map(c => c.entityRef);
  return unowned.length === 0
    ? { ...check, status: 'pass', message: 'All entities name an owner' }
    : {
        ...check,
        status: 'warn',
        message: `${unowned.length} without spec.owner: ${unowned
          .slice(0, 10)
          .join(', ')}`,
        remediation:
          'Set spec.owner so someone answers for the moved resources',
      };
}

/** Only when maintenance windows were given: is one still ahead? */
function windowAhead(migration: Migration): EnvironmentCheck[] {
  const windows = migration.options.maintenanceWindows ?? [];
  if (windows.length === 0) {
    return [];
  }
  const check = {
    id: 'maintenance-window',
    title: 'A maintenance window is ahead',
  };
  const now = Date.now();
  const ahead = windows.filter(w => Date.parse(w.split('/')[1]) > now);
  return [
    ahead.length > 0
      ? { ...check, status: 'pass', message: `Next window: ${ahead[0]}` }
      : {
          ...check,
          status: 'warn',
          message: 'Every maintenance window given is in the past',
          remediation: 'Agree a new window before the transfer phase',
        },
  ];
}

/**
 * `test`: checks that the migration is ready to build — something to move, every entity owned,
 * a maintenance window still ahead when one was given — into `readiness-checks.json`. A failed
 * check fails the task. IaC generation and validation come from the IaC executor.
 *
 * @public
 */
export function createTestReadinessExecutor(): MigrationExecutor {
  return {
    phase: 'test',
    taskType: TASK_TYPES.testCheckReadiness,
    plan: () => [
      { key: TASK_TYPES.testCheckReadiness, title: 'Check readiness' },
    ],
    async run(ctx) {
      const captured = await readMigrationResources(ctx.artifacts);
      const checks = [
        somethingToMigrate(captured),
        everyEntityOwned(captured),
        ...windowAhead(ctx.migration),
      ];
      await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.readinessChecks, {
        checkedAt: new Date().toISOString(),
        checks,
      });
      const failed = checks.filter(c => c.status === 'fail');
      if (failed.length > 0) {
        throw new PermanentTaskError(
          failed.map(c => `${c.title}: ${c.message}`).join('; '),
        );
      }
      return {
        checks: checks.length,
        warnings: checks.filter(c => c.status === 'warn').length,
      };
    },
  };
}
