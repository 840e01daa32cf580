import { ConfigReader } from '@backstage/config';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  createCloudCapabilityLookup,
  writeArtifact,
  type CloudCapabilityLookup,
  type MigrationExecutor,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import {
  readServerMoveSettings,
  type ServerMoveSettings,
} from '../transfer/serverMoveSettings';
import { finishServers } from '../transfer/servers/finishServers';
import { waveServers } from '../transfer/servers/waveServers';
import { validateMigration } from './validateMigration';

/** Keys of the validate phase's tasks. */
export const VALIDATE_TASK_KEYS = {
  verify: TASK_TYPES.validateVerify,
  /**
   * After the checks: clean up the test instances (rehearsal) or finalize the cutover. Nothing to
   * compensate: a finalized server keeps its source running, and the transfer phase's rollback
   * points DNS back at it.
   */
  servers: 'validate.servers',
} as const;

async function verify(ctx: TaskContext, config: ExecutionConfig) {
  const report = (await ctx.checkpoint({
    key: 'checks',
    fn: async () =>
      asJson(
        await validateMigration({
          migration: ctx.migration,
          artifacts: ctx.artifacts,
          config,
          signal: ctx.signal,
          onCheck: (check, done, total) =>
            ctx.progress(done / total, `${check.name}: ${check.status}`),
        }),
      ),
  })) as unknown as ValidationReport;
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.validation, report);
  const failed = report.checks.filter(c => c.status === 'failed');
  if (
    failed.length &&
    !ctx.migration.options.rehearsal &&
    config.validation.failOnError
  ) {
    throw new PermanentTaskError(
      `${failed.length} validation check(s) failed: ${failed
        .slice(0, 5)
        .map(c => `${c.name} (${c.message})`)
        .join('; ')}`,
    );
  }
  return asJson(report.summary);
}

/**
 * `validate`: data, network, performance and security checks into `validation.json` — the
 * network and performance probes aimed at the test instances (rehearsal) or cutover instances
 * (real run) the transfer phase launched. A failed check fails the task of a real migration (so it
 * stops before the cutover is finalized and can be rolled back) unless
 * `migration.validation.failOnError` is false; rehearsals only report. Then, when servers were
 * moved, `validate.servers` terminates the test instances or finalizes the cutover.
 *
 * @public
 */
export function createValidateExecutor(deps: {
  config: ExecutionConfig;
  /** The clouds' migration services, for finishing the servers; none when left out. */
  capabilities?: CloudCapabilityLookup;
  /** `migration.replication`; defaults when left out. */
  settings?: ServerMoveSettings;
}): MigrationExecutor {
  const servers = {
    capabilities: deps.capabilities ?? createCloudCapabilityLookup({}),
    settings: deps.settings ?? readServerMoveSettings(new ConfigReader({})),
  };
  return {
    phase: 'validate',
    taskType: TASK_TYPES.validateVerify,
    async plan(ctx) {
      const verifyTask = {
        key: VALIDATE_TASK_KEYS.verify,
        title: 'Validate data, network, performance and security',
      };
      if (!(await waveServers(ctx)).length) return [verifyTask];
      return [
        verifyTask,
        {
          key: VALIDATE_TASK_KEYS.servers,
          title: ctx.migration.options.rehearsal
            ? 'Clean up the test instances'
            : 'Finalize the cutover',
          dependsOn: [VALIDATE_TASK_KEYS.verify],
          input: { step: 'servers' },
        },
      ];
    },
    async run(ctx) {
      return ctx.task.input.step === 'servers'
        ? finishServers(ctx, servers)
        : verify(ctx, deps.config);
    },
  };
}
