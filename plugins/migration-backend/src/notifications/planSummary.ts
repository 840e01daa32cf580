import {
  MIGRATION_ARTIFACTS,
  type Assessment,
  type Migration,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationStore } from '../database/MigrationStore';
import type { PlanSummary } from './messages';

async function readJson<T>(
  store: MigrationStore,
  migrationId: string,
  name: string,
): Promise<T | undefined> {
  const artifact = await store.getArtifact(migrationId, name);
  if (!artifact) {
    return undefined;
  }
  try {
    return JSON.parse(artifact.content.toString('utf8')) as T;
  } catch {
    return undefined;
  }
}

/**
 * The plan as far as the migration got: resources, waves and the monthly cost from the assessment
 * when there is one, else the resources of the catalog snapshot, else the requested refs.
 */
export async function readPlanSummary(
  store: MigrationStore,
  migration: Migration,
): Promise<PlanSummary> {
  const assessment = await readJson<Partial<Assessment>>(
    store,
    migration.id,
    MIGRATION_ARTIFACTS.assessment.name,
  );
  if (assessment?.summary) {
    const total = assessment.cost?.total?.onDemand;
    return {
      resources: assessment.summary.resources,
      waves: assessment.summary.waves,
      monthlyCost:
        typeof total === 'number' && assessment.cost?.currency
          ? { amount: total, currency: assessment.cost.currency }
          : undefined,
    };
  }
  const snapshot = await readJson<Partial<PlanEntitiesArtifact>>(
    store,
    migration.id,
    MIGRATION_ARTIFACTS.planEntities.name,
  );
  return {
    resources: snapshot?.entities?.length ?? migration.entityRefs.length,
  };
}
