import { migrationReadPermission } from '@sirsi-nexus/plugin-migration-common';
import { authorizeMigration } from '../service/authorize';
import { scrubText } from '../notifications/scrub';
import type { MigrationActionDeps } from './actionDeps';
import {
  collectRemediations,
  failedTasks,
  nextSteps,
  phaseJsonArtifacts,
  phaseToExplain,
  type RemediationHint,
} from './explainFailure';

/**
 * `migration:explain-failure`: why a migration (or one of its phases) failed — the failing tasks
 * with their errors, the remediations its checks recorded, and what to do next.
 */
export function registerExplainFailureAction({
  actionsRegistry,
  service,
  permissions,
}: MigrationActionDeps) {
  actionsRegistry.register({
    name: 'explain-failure',
    title: 'Explain why a migration failed',
    description:
      'Explains why a migration or one of its phases failed: the failing tasks and their errors, the remediation of each check that did not pass (environment, readiness, Terraform, validation checks), and the next steps (retry the task, roll back). Secrets are redacted from errors.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          migrationId: z.string().min(1).describe('The migration id'),
          phase: z
            .string()
            .optional()
            .describe('A phase to explain; default the failed phase'),
        }),
      output: z =>
        z.object({
          migrationId: z.string(),
          status: z.string(),
          failed: z.boolean(),
          phase: z.string().optional(),
          statusReason: z.string().optional(),
          failedTasks: z.array(z.object({}).passthrough()),
          remediations: z.array(z.object({}).passthrough()),
          nextSteps: z.array(z.string()),
        }),
    },
    action: async ({ input, credentials }) => {
      await authorizeMigration({
        credentials,
        permission: migrationReadPermission,
        migrationId: input.migrationId,
        permissions,
      });
      const status = await service.status(input.migrationId);
      const phase = phaseToExplain(status, input.phase);
      const tasks = failedTasks(phase);
      const remediations: RemediationHint[] = [];
      for (const artifact of phaseJsonArtifacts(status, phase)) {
        const { content } = await service.getArtifact(
          input.migrationId,
          artifact.name,
        );
        try {
          collectRemediations(
            artifact.name,
            JSON.parse(content.toString('utf8')),
            remediations,
          );
        } catch {
          // not JSON after all: nothing to read
        }
      }
      const failed =
        status.migration.status === 'failed' ||
        phase?.status === 'failed' ||
        tasks.length > 0;
      return {
        output: {
          migrationId: status.migration.id,
          status: status.migration.status,
          failed,
          phase: phase?.phase,
          statusReason: status.migration.statusReason
            ? scrubText(status.migration.statusReason, 2000)
            : undefined,
          failedTasks: tasks,
          remediations: remediations.map(r => ({ ...r })),
          nextSteps: failed ? nextSteps(status, tasks, phase) : [],
        },
      };
    },
  });
}
