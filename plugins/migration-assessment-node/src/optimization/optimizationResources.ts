import type {
  Assessment,
  DiscoveredResource,
  ResourceKind,
  ResourceUtilization,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * A migrated resource as the optimiser sees it.
 *
 * @public
 */
export interface OptimizationResource {
  id: string;
  name: string;
  kind: ResourceKind;
  tags: Record<string, string>;
  instanceType?: string;
  family?: string;
  architecture?: 'x86_64' | 'arm64';
  vcpus?: number;
  memoryGiB?: number;
  /** On-demand compute price per hour at the target. */
  hourlyPrice?: number;
  /** Monthly compute cost on demand and with 1-/3-year commitments. */
  compute?: { onDemand: number; commit1y: number; commit3y: number };
  disks: Array<{
    name?: string;
    sizeGiB: number;
    usedGiB?: number;
    storageClass: string;
    monthlyPrice?: number;
  }>;
  /** Storage of buckets and databases in GiB. */
  storageGiB?: number;
  /** Utilization observed after the migration, when known. */
  postMigrationUtilization?: ResourceUtilization;
  /** Utilization observed at the source before the migration. */
  sourceUtilization?: ResourceUtilization;
  /** Whether it runs at the target (retired/retained resources do not). */
  migrated: boolean;
}

/**
 * Builds {@link OptimizationResource}s from the assessment (sizing and prices) and the discovered
 * resources (tags and utilization), matched by external id.
 *
 * @public
 */
export function optimizationResourcesFromAssessment(
  assessment: Assessment,
  discovered: DiscoveredResource[],
  postMigration: Record<string, ResourceUtilization> = {},
): OptimizationResource[] {
  const byId = new Map(discovered.map(d => [d.externalId, d]));
  return assessment.resources
    .filter(r => !r.attachedTo)
    .map(r => {
      const source = byId.get(r.id);
      return {
        id: r.id,
        name: r.name,
        kind: r.kind,
        tags: source?.tags ?? {},
        instanceType: r.sizing?.instanceType,
        family: r.sizing?.family,
        architecture: r.sizing?.architecture,
        vcpus: r.sizing?.vcpus,
        memoryGiB: r.sizing?.memoryGiB,
        hourlyPrice: r.sizing ? r.sizing.hourlyPrice : undefined,
        compute: r.cost?.compute,
        disks: r.disks.map(d => ({
          name: d.name,
          sizeGiB: d.sizeGiB,
          usedGiB: d.usedGiB,
          storageClass: d.storageClass,
          monthlyPrice: d.monthlyPrice,
        })),
        storageGiB: source?.specs.storageGiB,
        postMigrationUtilization: postMigration[r.id] ?? postMigration[r.name],
        sourceUtilization: source?.utilization,
        migrated:
          r.cost?.included ??
          !['retire', 'retain'].includes(r.strategy.strategy),
      };
    });
}
