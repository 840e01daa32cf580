import type {
  AssessmentResource,
  AssessmentRisk,
  AssessmentStrategy,
} from '@sirsi-nexus/plugin-migration-common';
import { systemOf } from '../facts/detect';
import { redactedTags } from '../util/secrets';
import { noItems } from '../util/shared';
import type { ResourcesStageInput } from './assessResources';

/** The ids of `targets[from..to)`, in an array of exactly that size. */
function idsOf(
  targets: Int32Array,
  from: number,
  to: number,
  ids: readonly string[],
): string[] {
  if (to === from) return noItems();
  const out: string[] = new Array(to - from);
  for (let k = from; k < to; k++) out[k - from] = ids[targets[k]];
  return out;
}

/**
 * The assessment record of one resource without sizing and cost: identity, its place in the
 * graph (dependencies, move group, wave), data to move, disks, risk and strategy, plus the
 * optional descriptive fields it has.
 */
export function describeResource(
  i: number,
  input: Pick<
    ResourcesStageInput,
    'resources' | 'deps' | 'facts' | 'groupId' | 'entityRefs'
  >,
  assessed: {
    dataGiB: number;
    risk: AssessmentRisk;
    strategy: AssessmentStrategy;
  },
): AssessmentResource {
  const { ids, graph, components, waves } = input.deps;
  const r = input.resources[i];
  const f = input.facts[i];
  const c = components.componentOf[i];
  const item: AssessmentResource = {
    id: ids[i],
    name: r.name,
    kind: r.kind,
    provider: r.provider,
    environmentId: r.environmentId,
    dependsOn: idsOf(
      graph.targets,
      graph.offsets[i],
      graph.offsets[i + 1],
      ids,
    ),
    unresolvedDependencies: f.unresolved,
    fanIn: f.dependents.length,
    moveGroup: input.groupId[c],
    wave: waves.waveOfComponent[c] + 1,
    dataGiB: assessed.dataGiB,
    disks: f.disks,
    risk: assessed.risk,
    strategy: assessed.strategy,
  };
  const ref = input.entityRefs?.[ids[i]];
  if (ref) item.entityRef = ref;
  if (r.region) item.region = r.region;
  const system = systemOf(r);
  if (system) item.system = system;
  const tags = redactedTags(r.tags);
  if (tags) item.tags = tags;
  if (r.specs.os) item.os = r.specs.os;
  if (r.specs.powerState) item.powerState = r.specs.powerState;
  if (f.attachedTo) item.attachedTo = f.attachedTo;
  return item;
}
