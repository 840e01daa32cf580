import type { AuthService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  PLAN_ENTITIES_ARTIFACT,
  type CapturedEntity,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { PermanentTaskError } from '../../engine/TaskWorker';
import { asJson, refOf } from './planEntities';

/** Task type of the built-in catalog snapshot. */
export const PLAN_SNAPSHOT_TASK = 'plan.snapshot-entities';

/**
 * `plan`: snapshots the selected catalog entities (and the Resources of selected Systems) into
 * `plan-entities.json`, with the plugin's own service credentials. Unknown refs fail the task.
 *
 * @public
 */
export function createPlanExecutor(deps: {
  catalog: CatalogService;
  auth: AuthService;
}): MigrationExecutor {
  return {
    phase: 'plan',
    taskType: PLAN_SNAPSHOT_TASK,
    plan: () => [
      {
        key: PLAN_SNAPSHOT_TASK,
        title: 'Snapshot the selected catalog entities',
      },
    ],
    async run(ctx) {
      const credentials = await deps.auth.getOwnServiceCredentials();
      const refs = ctx.migration.entityRefs;
      const { items } = await deps.catalog.getEntitiesByRefs(
        { entityRefs: refs },
        { credentials },
      );
      const unknown = refs.filter((_, i) => !items[i]);
      if (unknown.length > 0) {
        throw new PermanentTaskError(
          `These entities are not in the catalog: ${unknown
            .slice(0, 20)
            .join(', ')}${
            unknown.length > 20 ? ` and ${unknown.length - 20} more` : ''
          }`,
        );
      }
      await ctx.progress(0.5, `Found ${items.length} selected entities`);

      const entities = new Map<string, CapturedEntity>();
      for (const entity of items as unknown as CapturedEntity[]) {
        entities.set(refOf(entity), entity);
      }
      for (const ref of refs) {
        const parsed = parseEntityRef(ref);
        if (parsed.kind.toLowerCase() !== 'system') {
          continue;
        }
        const { items: parts } = await deps.catalog.getEntities(
          {
            filter: [
              {
                kind: 'Resource',
                'metadata.namespace': parsed.namespace,
                'spec.system': parsed.name,
              },
              {
                kind: 'Resource',
                'spec.system': ref,
              },
            ],
          },
          { credentials },
        );
        for (const part of parts as unknown as CapturedEntity[]) {
          entities.set(refOf(part), part);
        }
      }

      const artifact: PlanEntitiesArtifact = {
        capturedAt: new Date().toISOString(),
        selectedRefs: refs,
        entities: [...entities.values()],
      };
      await ctx.artifacts.put(PLAN_ENTITIES_ARTIFACT, asJson(artifact));
      return { selected: refs.length, captured: entities.size };
    },
  };
}
