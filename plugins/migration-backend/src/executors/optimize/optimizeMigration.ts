import type {
  Migration,
  OptimizationReport,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  PriceCatalogs,
  loadCarbonData,
  optimizationResourcesFromAssessment,
  recommendOptimizations,
  type OptimizationResource,
  type RegionPricing,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  readArtifact,
  readMigrationResources,
  type ArtifactReader,
} from '@sirsi-nexus/plugin-migration-node';
import type { ExecutionConfig } from '../config';

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
  const captured = await readMigrationResources(artifacts, { optional: true });
  const discovered = captured.flatMap(c => (c.resource ? [c.resource] : []));
  const measured = {
    ...((await readArtifact(
      artifacts,
      MIGRATION_ARTIFACTS.postMigrationUtilization,
    )) as Record<string, ResourceUtilization> | undefined),
    ...(options.utilization ?? {}),
  };
  const assessment = await readArtifact(
    artifacts,
    MIGRATION_ARTIFACTS.assessment,
  );
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
      `No ${MIGRATION_ARTIFACTS.assessment.name} exists: prices and commitments could not be evaluated.`,
    ];
  }
  return report;
}
