import type {
  AssessmentResource,
  AssessmentResourceCost,
  AssessmentSizing,
  AssessmentStrategy,
  DiscoveredResource,
  DiskSpec,
  MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import { costResource } from '../cost/costResource';
import { carriedDataGiB, provisionedGiB } from '../facts/carriedDisks';
import type { ResourceFacts } from '../facts/ResourceFacts';
import type { DependencyAnalysis } from '../graph/analyzeDependencies';
import type { RegionPricing } from '../pricing/RegionPricing';
import { assessRisk } from '../risk/assessRisk';
import type { AssessmentSettings } from '../settings';
import { InstancePicker, rightsize } from '../sizing/rightsize';
import { chooseStrategy } from '../strategy/chooseStrategy';
import { describeResource } from './describeResource';

/** What {@link assessResources} reads. */
export interface ResourcesStageInput {
  resources: readonly DiscoveredResource[];
  deps: DependencyAnalysis;
  facts: readonly ResourceFacts[];
  /** The disks each resource carries (see `carriedDisks`). */
  disks: readonly DiskSpec[][];
  /** Move group id per component. */
  groupId: readonly string[];
  target: Pick<MigrationTarget, 'provider' | 'region'>;
  pricing: RegionPricing;
  settings: AssessmentSettings;
  /** Whether to size and cost (every stage but `plan`). */
  full: boolean;
  entityRefs?: Record<string, string>;
}

/** The assessed resources, and the VMs that could not be sized for lack of figures. */
export interface ResourcesStageOutput {
  items: AssessmentResource[];
  unsized: string[];
}

function costOf(
  r: DiscoveredResource,
  sizing: AssessmentSizing | undefined,
  facts: ResourceFacts,
  carried: readonly DiskSpec[],
  strategy: AssessmentStrategy,
  input: ResourcesStageInput,
): AssessmentResourceCost {
  const cost = costResource(
    r,
    sizing,
    facts.disks,
    input.pricing,
    input.settings,
    {
      objectStorageGiB: r.kind === 'bucket' ? r.specs.storageGiB ?? 0 : 0,
      currentDiskGiB: provisionedGiB(carried),
    },
  );
  cost.included =
    strategy.strategy !== 'retire' && strategy.strategy !== 'retain';
  return cost;
}

/**
 * Per resource: 7R strategy, risk, rightsizing and monthly cost (sizing and cost only when `full`,
 * and never for a disk attached to a VM: the VM carries it).
 */
export function assessResources(
  input: ResourcesStageInput,
): ResourcesStageOutput {
  const { resources, deps, facts, target, full } = input;
  const picker = new InstancePicker(
    input.pricing,
    input.settings.allowBurstable,
  );
  const items: AssessmentResource[] = new Array(resources.length);
  const unsized: string[] = [];
  for (let i = 0; i < resources.length; i++) {
    const r = resources[i];
    const standalone = deps.attachedTo[i] === -1;
    const strategy = chooseStrategy(facts[i], target);
    const risk = assessRisk(facts[i], target, input.settings);
    const sizable =
      full && standalone && (r.kind === 'vm' || r.kind === 'database');
    const sizing = sizable
      ? rightsize(r, picker, input.pricing, input.settings)
      : undefined;
    if (sizable && !sizing && r.kind === 'vm') unsized.push(r.name);
    const item = describeResource(i, input, {
      dataGiB: carriedDataGiB(r, input.disks[i]),
      risk,
      strategy,
    });
    if (sizing) item.sizing = sizing;
    if (full && standalone) {
      item.cost = costOf(r, sizing, facts[i], input.disks[i], strategy, input);
    }
    items[i] = item;
  }
  return { items, unsized };
}
