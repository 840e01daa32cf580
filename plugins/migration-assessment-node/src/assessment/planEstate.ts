import type {
  AssessmentMoveGroup,
  AssessmentResource,
  AssessmentSharedService,
  AssessmentWave,
  DiscoveredResource,
  MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import { carriedDisks } from './facts/carriedDisks';
import { collectFacts } from './facts/collectFacts';
import type { ResourceFacts } from './facts/ResourceFacts';
import {
  analyzeDependencies,
  type DependencyAnalysis,
} from './graph/analyzeDependencies';
import { describeMoveGroups } from './graph/describeMoveGroups';
import { describeWaves } from './graph/describeWaves';
import { findSharedServices } from './graph/findSharedServices';
import { numberMoveGroups } from './graph/numberMoveGroups';
import type { RegionPricing } from './pricing/RegionPricing';
import { assessResources } from './resource/assessResources';
import type { OsLifecycleTable } from './risk/osLifecycle';
import type { AssessmentSettings } from './settings';

/** What {@link planEstate} reads: the selection, the target and the tables. */
export interface EstateInput {
  resources: readonly DiscoveredResource[];
  target: Pick<MigrationTarget, 'provider' | 'region'>;
  pricing: RegionPricing;
  osLifecycle: OsLifecycleTable;
  settings: AssessmentSettings;
  /** Whether to size and cost (every stage but `plan`). */
  full: boolean;
  /** The assessment date in epoch milliseconds. */
  nowMs: number;
  entityRefs?: Record<string, string>;
}

/** The selection assessed resource by resource and planned into move groups and waves. */
export interface EstatePlan {
  deps: DependencyAnalysis;
  facts: ResourceFacts[];
  items: AssessmentResource[];
  /** VMs that could not be sized for lack of figures. */
  unsized: string[];
  moveGroups: AssessmentMoveGroup[];
  sharedServices: AssessmentSharedService[];
  waves: AssessmentWave[];
}

/**
 * Runs the estate stages in order — dependency graph, facts, per-resource strategy, risk, sizing
 * and cost, move groups, shared services, waves — each a pure function of the ones before.
 */
export function planEstate(input: EstateInput): EstatePlan {
  const { resources, settings } = input;
  const deps = analyzeDependencies(resources, {
    maxWaveSize: settings.maxWaveSize,
  });
  const disks = carriedDisks(resources, deps.attachedTo);
  const facts = collectFacts({ ...input, deps, disks });
  const numbering = numberMoveGroups(deps);
  const { groupId } = numbering;
  const { items, unsized } = assessResources({
    ...input,
    deps,
    facts,
    disks,
    groupId,
  });
  const sharedServices = findSharedServices(
    facts,
    items,
    settings.sharedServiceMinFanIn,
  );
  return {
    deps,
    facts,
    items,
    unsized,
    moveGroups: describeMoveGroups(deps, numbering),
    sharedServices,
    waves: describeWaves({ ...input, deps, groupId, items, sharedServices }),
  };
}
