import type {
  Migration,
  SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  defaultMonitoringConfig,
  generateMonitoring,
  resolveMonitoringConfig,
  zipBundle,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { type MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionStore } from '../../database/ExecutionStore';
import { asJson } from './json';
import { ENGINE_ACTOR } from '../../database/engineActor';

/** Task type of the support executor (replaces the built-in one of the same type). */
export const SUPPORT_TASK = 'support.record-configuration';
/** Key of the support task; the report task runs after it. */
export const SUPPORT_TASK_KEY = 'support.configure';
export const SUPPORT_ARTIFACT = 'support.json';
export const PROMETHEUS_RULES_ARTIFACT = 'prometheus-rules.yaml';
export const SUPPORT_TERRAFORM_ARTIFACT = 'support-terraform.zip';

/**
 * Validates and stores a monitoring configuration (the request body over the stored one, or the
 * defaults) and generates it as code. Shared by the `support` phase and
 * `POST /migrations/{id}/configure-support`.
 *
 * @public
 */
export async function configureSupport(options: {
  migration: Migration;
  body: unknown;
  store: ExecutionStore;
  actor: string;
}): Promise<SupportConfiguration> {
  const { migration, store } = options;
  const stored = await store.getSupport(migration.id);
  const config = resolveMonitoringConfig(
    options.body,
    stored?.config ?? defaultMonitoringConfig(migration),
  );
  const support: SupportConfiguration = {
    migrationId: migration.id,
    target: migration.target,
    config,
    generated: await generateMonitoring(migration, config),
    updatedAt: new Date().toISOString(),
    updatedBy: options.actor,
  };
  await store.saveSupport(support);
  return support;
}

/** The artifacts a support configuration is stored as. */
export function supportArtifacts(support: SupportConfiguration) {
  return [
    {
      name: SUPPORT_ARTIFACT,
      data: asJson(support),
      mediaType: 'application/json',
    },
    {
      name: PROMETHEUS_RULES_ARTIFACT,
      data: support.generated.prometheusRules,
      mediaType: 'text/yaml',
    },
    {
      name: SUPPORT_TERRAFORM_ARTIFACT,
      data: Buffer.from(
        zipBundle(
          Object.entries(support.generated.terraform).map(
            ([path, content]) => ({ path, content }),
          ),
        ),
      ),
      mediaType: 'application/zip',
    },
  ];
}

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
    taskType: SUPPORT_TASK,
    plan: () => [
      {
        key: SUPPORT_TASK_KEY,
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
      for (const artifact of supportArtifacts(support)) {
        await ctx.artifacts.put(artifact.name, artifact.data, {
          mediaType: artifact.mediaType,
        });
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
