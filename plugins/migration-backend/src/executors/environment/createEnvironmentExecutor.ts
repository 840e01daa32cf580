import {
  ARTIFACT_NAME_PATTERNS,
  TASK_TYPES,
  type EnvironmentCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  type CloudProviderLookup,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../json';

/** Artifact-safe form of an id (environment ids may hold characters artifact names may not). */
function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 200) || 'unnamed';
}

/**
 * Where the environment executor keeps each environment's last validation (shown by
 * `GET /providers`).
 *
 * @public
 */
export interface EnvironmentValidationRecorder {
  recordEnvironmentValidation(options: {
    environmentId: string;
    provider: string;
    checks: EnvironmentCheck[];
  }): Promise<void>;
}

/**
 * `environment`: runs `validate()` of the source environment's provider (and the target's, when
 * the migration names a target environment), records the checks, and fails when one fails.
 *
 * @public
 */
export function createEnvironmentExecutor(deps: {
  providers: CloudProviderLookup;
  recorder: EnvironmentValidationRecorder;
}): MigrationExecutor {
  return {
    phase: 'environment',
    taskType: TASK_TYPES.environmentValidateProviders,
    plan({ migration }) {
      const environments = [
        { environmentId: migration.sourceEnvironmentId, role: 'source' },
      ];
      const target = migration.target.environmentId;
      if (target && target !== migration.sourceEnvironmentId) {
        environments.push({ environmentId: target, role: 'target' });
      }
      return environments.map(env => ({
        key: `environment.validate:${env.environmentId}`,
        title: `Validate the ${env.role} environment ${env.environmentId}`,
        input: env,
      }));
    },
    async run(ctx) {
      const environmentId = String(ctx.task.input.environmentId);
      const provider = deps.providers.get(environmentId);
      if (!provider) {
        throw new PermanentTaskError(
          `Environment ${environmentId} is not configured (migration.environments)`,
        );
      }
      await ctx.progress(0.1, `Checking ${environmentId} (${provider.id})`);
      const checks = await provider.validate(ctx.signal);
      await deps.recorder.recordEnvironmentValidation({
        environmentId,
        provider: String(provider.id),
        checks,
      });
      const report = {
        environmentId,
        role: ctx.task.input.role,
        provider: provider.id,
        checkedAt: new Date().toISOString(),
        checks,
      };
      await ctx.artifacts.put(
        ARTIFACT_NAME_PATTERNS.environmentChecks(safeName(environmentId)),
        asJson(report),
      );
      const failed = checks.filter(c => c.status === 'fail');
      if (failed.length > 0) {
        throw new Error(
          `${environmentId} failed ${failed.length} check(s): ${failed
            .map(
              c =>
                `${c.title}: ${c.message}${
                  c.remediation ? ` (${c.remediation})` : ''
                }`,
            )
            .join('; ')}`,
        );
      }
      return {
        environmentId,
        passed: checks.filter(c => c.status === 'pass').length,
        warnings: checks.filter(c => c.status === 'warn').length,
      };
    },
  };
}
