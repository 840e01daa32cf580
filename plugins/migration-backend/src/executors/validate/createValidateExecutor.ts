import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import { validateMigration } from './validateMigration';

/**
 * `validate`: data, network, performance and security checks into `validation.json`. A failed
 * check fails the task of a real migration (so it stops before optimize/support and can be rolled
 * back) unless `migration.validation.failOnError` is false; rehearsals only report.
 *
 * @public
 */
export function createValidateExecutor(deps: {
  config: ExecutionConfig;
}): MigrationExecutor {
  return {
    phase: 'validate',
    taskType: TASK_TYPES.validateVerify,
    plan: () => [
      {
        key: TASK_TYPES.validateVerify,
        title: 'Validate data, network, performance and security',
      },
    ],
    async run(ctx) {
      const report = (await ctx.checkpoint({
        key: 'checks',
        fn: async () =>
          asJson(
            await validateMigration({
              migration: ctx.migration,
              artifacts: ctx.artifacts,
              config: deps.config,
              signal: ctx.signal,
              onCheck: (check, done, total) =>
                ctx.progress(done / total, `${check.name}: ${check.status}`),
            }),
          ),
      })) as unknown as ValidationReport;
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.validation,
        report,
      );
      const failed = report.checks.filter(c => c.status === 'failed');
      if (
        failed.length &&
        !ctx.migration.options.rehearsal &&
        deps.config.validation.failOnError
      ) {
        throw new PermanentTaskError(
          `${failed.length} validation check(s) failed: ${failed
            .slice(0, 5)
            .map(c => `${c.name} (${c.message})`)
            .join('; ')}`,
        );
      }
      return asJson(report.summary);
    },
  };
}
