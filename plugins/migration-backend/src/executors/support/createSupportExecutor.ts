import {
  TASK_TYPES,
  type SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { ENGINE_ACTOR } from '../../database/engineActor';
import type { ExecutionStore } from '../../database/ExecutionStore';
import { asJson } from '../json';
import { configureSupport, supportArtifacts } from './configureSupport';

/** Key of the support task; the report task runs after it. */
export const SUPPORT_CONFIGURE_KEY = 'support.configure';

/**
 * `support`: the monitoring configuration (set through `configure-support`, or the defaults)
 * generated as Prometheus rules and Terraform for the target's alarms and backups.
 *
 * @public
 */
export function createSupportExecutor(deps: {
  store: ExecutionStore;
}): MigrationExecutor {
  return {
    phase: 'support',
    taskType: TASK_TYPES.supportRecordConfiguration,
    plan: () => [
      {
        key: SUPPORT_CONFIGURE_KEY,
        title: 'Configure monitoring, alerts and backups',
      },
    ],
    async run(ctx) {
      const support = (await ctx.checkpoint({
        key: 'configure',
        fn: async () =>
          asJson(
            await configureSupport({
              migration: ctx.migration,
              body: {},
              store: deps.store,
              actor: ENGINE_ACTOR,
            }),
          ),
      })) as unknown as SupportConfiguration;
      for (const artifact of await supportArtifacts(support)) {
        await writeArtifact(ctx.artifacts, artifact.definition, artifact.data);
      }
      const failed = support.generated.validation.filter(
        v => v.status === 'fail',
      );
      if (failed.length) {
        throw new Error(
          `Generated monitoring code is invalid: ${failed
            .map(f => `${f.file}: ${f.message}`)
            .join('; ')}`,
        );
      }
      await ctx.progress(
        1,
        `${support.config.alerts.length} alert(s), backups ${
          support.config.backupStrategy.enabled ? 'on' : 'off'
        }`,
      );
      return {
        alerts: support.config.alerts.length,
        terraformFiles: Object.keys(support.generated.terraform).length,
      };
    },
  };
}
