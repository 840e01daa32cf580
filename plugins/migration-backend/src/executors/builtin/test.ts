import type { EnvironmentCheck } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf } from './planEntities';

/** Task type of the built-in readiness checks. */
export const TEST_READINESS_TASK = 'test.check-readiness';

/**
 * `test`: checks that the migration is ready to build — something to move, every entity owned,
 * a maintenance window still ahead when one was given — into `readiness-checks.json`. A failed
 * check fails the task. IaC generation and validation come from the IaC executor when installed.
 *
 * @public
 */
export function createTestExecutor(): MigrationExecutor {
  return {
    phase: 'test',
    taskType: TEST_READINESS_TASK,
    plan: () => [{ key: TEST_READINESS_TASK, title: 'Check readiness' }],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const checks: EnvironmentCheck[] = [];
      checks.push(
        plan.entities.length > 0
          ? {
              id: 'entities',
              title: 'Something to migrate',
              status: 'pass',
              message: `${plan.entities.length} entities captured by the plan phase`,
            }
          : {
              id: 'entities',
              title: 'Something to migrate',
              status: 'fail',
              message: 'The plan phase captured no entities',
              remediation:
                'Select resources or systems that exist in the catalog',
            },
      );
      const unowned = plan.entities.filter(e => !e.spec?.owner).map(refOf);
      checks.push(
        unowned.length === 0
          ? {
              id: 'owners',
              title: 'Every entity has an owner',
              status: 'pass',
              message: 'All entities name an owner',
            }
          : {
              id: 'owners',
              title: 'Every entity has an owner',
              status: 'warn',
              message: `${unowned.length} without spec.owner: ${unowned
                .slice(0, 10)
                .join(', ')}`,
              remediation:
                'Set spec.owner so someone answers for the moved resources',
            },
      );
      const windows = ctx.migration.options.maintenanceWindows ?? [];
      if (windows.length > 0) {
        const now = Date.now();
        const ahead = windows.filter(w => Date.parse(w.split('/')[1]) > now);
        checks.push(
          ahead.length > 0
            ? {
                id: 'maintenance-window',
                title: 'A maintenance window is ahead',
                status: 'pass',
                message: `Next window: ${ahead[0]}`,
              }
            : {
                id: 'maintenance-window',
                title: 'A maintenance window is ahead',
                status: 'warn',
                message: 'Every maintenance window given is in the past',
                remediation: 'Agree a new window before the transfer phase',
              },
        );
      }
      await ctx.artifacts.put(
        'readiness-checks.json',
        asJson({
          checkedAt: new Date().toISOString(),
          checks,
        }),
      );
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
