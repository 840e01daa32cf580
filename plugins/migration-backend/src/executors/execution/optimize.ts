import type {
  Assessment,
  Migration,
  OptimizationReport,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PriceCatalogs,
  loadCarbonData,
  optimizationResourcesFromAssessment,
  recommendOptimizations,
  type OptimizationResource,
  type RegionPricing,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  type ArtifactReader,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from './config';
import { asJson } from './json';
import { readMigrationResources } from './migrationResources';

/** Task type of the optimization executor (replaces the built-in one of the same type). */
export const OPTIMIZE_TASK = 'optimize.recommend';
export const OPTIMIZATION_ARTIFACT = 'optimization.json';
/** Utilization measured at the target after cutover, by resource id or name, when known. */
export const POST_MIGRATION_UTILIZATION_ARTIFACT =
  'post-migration-utilization.json';

let catalogs: { file?: string; value: PriceCatalogs } | undefined;

function pricingFor(
  config: ExecutionConfig,
  migration: Migration,
): RegionPricing | undefined {
  try {
    if (!catalogs || catalogs.file !== config.catalogFile) {
      catalogs = {
        file: config.catalogFile,
        value: PriceCatalogs.load({ catalogFile: config.catalogFile }),
      };
    }
    return catalogs.value.forRegion(
      migration.target.provider,
      migration.target.region,
    );
  } catch {
    return undefined;
  }
}

/**
 * Recommendations for a migration from its artifacts (assessment, captured resources, measured
 * utilization). Shared by the `optimize` phase and `POST /migrations/{id}/optimize`.
 *
 * @public
 */
export async function optimizeMigration(options: {
  migration: Migration;
  artifacts: ArtifactReader;
  config: ExecutionConfig;
  /** Utilization measured at the target, by resource id or name (overrides the artifact). */
  utilization?: Record<string, ResourceUtilization>;
}): Promise<OptimizationReport> {
  const { migration, artifacts, config } = options;
  const captured = await readMigrationResources(artifacts);
  const discovered = captured.flatMap(c => (c.resource ? [c.resource] : []));
  const measured = {
    ...((await artifacts.getJson<Record<string, ResourceUtilization>>(
      POST_MIGRATION_UTILIZATION_ARTIFACT,
    )) ?? {}),
    ...(options.utilization ?? {}),
  };
  const assessment = await artifacts.getJson<Assessment>('assessment.json');
  const resources: OptimizationResource[] = assessment?.resources
    ? optimizationResourcesFromAssessment(assessment, discovered, measured)
    : discovered.map(d => ({
        id: d.externalId,
        name: d.name,
        kind: d.kind,
        tags: d.tags,
        instanceType: d.specs.instanceType,
        vcpus: d.specs.vcpus,
        memoryGiB:
          d.specs.memoryMiB !== undefined
            ? d.specs.memoryMiB / 1024
            : undefined,
        disks: (d.specs.disks ?? []).map(x => ({
          name: x.name,
          sizeGiB: x.sizeGiB,
          usedGiB: x.usedGiB,
          storageClass: x.type ?? 'unknown',
        })),
        storageGiB: d.specs.storageGiB,
        postMigrationUtilization: measured[d.externalId] ?? measured[d.name],
        sourceUtilization: d.utilization,
        migrated: true,
      }));
  const report = recommendOptimizations({
    target: migration.target,
    resources,
    pricing: pricingFor(config, migration),
    carbon: loadCarbonData(),
    comfortFactor: assessment?.inputs?.comfortFactor,
  });
  if (!assessment) {
    report.notes = [
      ...(report.notes ?? []),
      'No assessment.json exists: prices and commitments could not be evaluated.',
    ];
  }
  return report;
}

/**
 * `optimize`: cost, performance and sustainability recommendations into `optimization.json`.
 *
 * @public
 */
export function createOptimizeExecutor(deps: {
  config: ExecutionConfig;
}): MigrationExecutor {
  return {
    phase: 'optimize',
    taskType: OPTIMIZE_TASK,
    plan: () => [
      {
        key: OPTIMIZE_TASK,
        title: 'Recommend cost, performance and sustainability improvements',
      },
    ],
    async run(ctx) {
      const report = await optimizeMigration({
        migration: ctx.migration,
        artifacts: ctx.artifacts,
        config: deps.config,
      });
      await ctx.artifacts.put(OPTIMIZATION_ARTIFACT, asJson(report));
      await ctx.progress(
        1,
        `${report.recommendations.length} recommendation(s)`,
      );
      return {
        recommendations: report.recommendations.length,
        monthlySavings: report.totalEstimatedMonthlySavings,
        kgCo2ePerMonth: report.carbon?.kgCo2ePerMonth ?? null,
      };
    },
  };
}
