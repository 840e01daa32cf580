import type { EnvironmentCheck } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf } from './planEntities';

/** Task type of the built-in validation. */
export const VALIDATE_TASK = 'validate.verify';

interface PhaseRecord {
  rehearsal?: boolean;
  actions?: Array<{ entityRef: string }>;
}

/**
 * `validate`: checks that every planned entity was covered by the build and transfer phases'
 * records, into `validation.json`. Integrity, performance, security and network probes come from
 * the validation capability when installed.
 *
 * @public
 */
export function createValidateExecutor(): MigrationExecutor {
  return {
    phase: 'validate',
    taskType: VALIDATE_TASK,
    plan: () => [{ key: VALIDATE_TASK, title: 'Verify coverage of the move' }],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const refs = plan.entities.map(refOf);
      const checks: EnvironmentCheck[] = [];
      for (const [phase, artifact] of [
        ['build', 'build-plan.json'],
        ['transfer', 'transfer-plan.json'],
      ] as const) {
        const record = await ctx.artifacts.getJson<PhaseRecord>(artifact);
        if (!record) {
          checks.push({
            id: `${phase}-coverage`,
            title: `The ${phase} phase covered every entity`,
            status: 'warn',
            message: `No ${artifact} was recorded, so coverage cannot be checked`,
          });
          continue;
        }
        const covered = new Set((record.actions ?? []).map(a => a.entityRef));
        const missing = refs.filter(r => !covered.has(r));
        checks.push(
          missing.length === 0
            ? {
                id: `${phase}-coverage`,
                title: `The ${phase} phase covered every entity`,
                status: record.rehearsal ? 'warn' : 'pass',
                message: record.rehearsal
                  ? `All ${refs.length} entities were covered, as a rehearsal: nothing was changed`
                  : `All ${refs.length} entities were covered`,
              }
            : {
                id: `${phase}-coverage`,
                title: `The ${phase} phase covered every entity`,
                status: 'fail',
                message: `${missing.length} not covered: ${missing
                  .slice(0, 10)
                  .join(', ')}`,
                remediation: `Retry the ${phase} phase's tasks or roll back`,
              },
        );
      }
      await ctx.artifacts.put(
        'validation.json',
        asJson({ checkedAt: new Date().toISOString(), checks }),
      );
      return {
        passed: checks.filter(c => c.status === 'pass').length,
        warnings: checks.filter(c => c.status === 'warn').length,
        failed: checks.filter(c => c.status === 'fail').length,
      };
    },
  };
}
