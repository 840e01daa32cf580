import type { AuthService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type CapturedEntity,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  writeArtifact,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import { readCatalogSelection } from './readCatalogSelection';
import type { MigrationResourceIndex } from './resourceIndex';

/**
 * `plan`: snapshots the selected catalog entities (and the Resources of selected Systems) into
 * `plan-entities.json`, with the plugin's own service credentials, and replaces the migration's
 * indexed resolved resources with them. Unknown refs fail the task.
 *
 * @public
 */
export function createPlanSnapshotExecutor(deps: {
  catalog: CatalogService;
  auth: AuthService;
  /** Where the migration's resolved resources are indexed; replaced with the snapshot's. */
  resourceIndex?: MigrationResourceIndex;
}): MigrationExecutor {
  return {
    phase: 'plan',
    taskType: TASK_TYPES.planSnapshotEntities,
    plan: () => [
      {
        key: TASK_TYPES.planSnapshotEntities,
        title: 'Snapshot the selected catalog entities',
      },
    ],
    async run(ctx) {
      const credentials = await deps.auth.getOwnServiceCredentials();
      const refs = ctx.migration.entityRefs;
      const { entities, resolved, unknownRefs } = await readCatalogSelection({
        catalog: deps.catalog,
        entityRefs: refs,
        credentials,
      });
      if (unknownRefs.length > 0) {
        throw new PermanentTaskError(
          `These entities are not in the catalog: ${unknownRefs
            .slice(0, 20)
            .join(', ')}${
            unknownRefs.length > 20
              ? ` and ${unknownRefs.length - 20} more`
              : ''
          }`,
        );
      }
      await ctx.progress(0.5, `Found ${entities.length} entities to plan`);

      const artifact: PlanEntitiesArtifact = {
        capturedAt: new Date().toISOString(),
        selectedRefs: refs,
        entities: entities as unknown as CapturedEntity[],
      };
      await writeArtifact(
        ctx.artifacts,
        MIGRATION_ARTIFACTS.planEntities,
        artifact,
      );
      await deps.resourceIndex?.replaceMigrationResources(
        ctx.migration.id,
        resolved,
      );
      return { selected: refs.length, captured: entities.length };
    },
  };
}
