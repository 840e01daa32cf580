import type {
  AssessmentResource,
  AssessmentRisk,
  AssessmentStrategy,
} from '@sirsi-nexus/plugin-migration-common';
import { systemOf } from '../facts/detect';
import { withoutSecrets } from '../util/secrets';
import type { ResourcesStageInput } from './assessResources';

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
    dependsOn: Array.from(
      graph.targets.subarray(graph.offsets[i], graph.offsets[i + 1]),
      j => ids[j],
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
  if (Object.keys(r.tags).length > 0) item.tags = withoutSecrets(r.tags);
  if (r.specs.os) item.os = r.specs.os;
  if (r.specs.powerState) item.powerState = r.specs.powerState;
  if (f.attachedTo) item.attachedTo = f.attachedTo;
  return item;
}
