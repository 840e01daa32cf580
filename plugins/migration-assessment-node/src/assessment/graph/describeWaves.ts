import type {
  AssessmentResource,
  AssessmentSharedService,
  AssessmentWave,
  CommitmentAmounts,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { cutoverMinutes, transferHours } from '../schedule/scheduleWaves';
import type { AssessmentSettings } from '../settings';
import { round } from '../util/numbers';
import type { DependencyAnalysis } from './analyzeDependencies';
import { scanWave } from './scanWave';
import { waveReasons } from './waveReasons';

/** What {@link describeWaves} reads. */
export interface WavesStageInput {
  resources: readonly DiscoveredResource[];
  deps: DependencyAnalysis;
  groupId: readonly string[];
  items: readonly AssessmentResource[];
  sharedServices: readonly AssessmentSharedService[];
  settings: AssessmentSettings;
  /** Whether to sum the wave's cost (every stage but `plan`). */
  full: boolean;
}

function waveCost(
  members: readonly number[],
  items: readonly AssessmentResource[],
): CommitmentAmounts {
  let onDemand = 0;
  let commit1y = 0;
  let commit3y = 0;
  for (const m of members) {
    const cost = items[m].cost;
    if (!cost?.included) continue;
    onDemand += cost.total.onDemand;
    commit1y += cost.total.commit1y;
    commit3y += cost.total.commit3y;
  }
  return {
    onDemand: round(onDemand, 2),
    commit1y: round(commit1y, 2),
    commit3y: round(commit3y, 2),
  };
}

/**
 * The planned waves as the assessment states them: members, move groups, the waves each depends
 * on and why, data to move, transfer and cutover time and (when `full`) cost.
 */
export function describeWaves(input: WavesStageInput): AssessmentWave[] {
  const { deps, items, settings } = input;
  const shared = new Uint8Array(deps.ids.length);
  for (const s of input.sharedServices)
    shared[deps.indexOf.get(s.resourceId)!] = 1;
  const seen = new Int32Array(deps.waves.waves.length + 1);
  return deps.waves.waves.map((w, k) => {
    const scan = scanWave(w, k + 1, deps, input.groupId, input.resources, seen);
    const reasons = waveReasons(w, scan, {
      resources: input.resources,
      ids: deps.ids,
      attachedTo: deps.attachedTo,
      shared,
      maxWaveSize: settings.maxWaveSize,
      deps,
    });
    const dataGiB = round(
      scan.members.reduce((s, m) => s + items[m].dataGiB, 0),
      2,
    );
    const hours = transferHours(dataGiB, settings.bandwidthMbps);
    const wave: AssessmentWave = {
      id: `wave-${scan.number}`,
      number: scan.number,
      members: scan.members.map(m => deps.ids[m]),
      moveGroups: scan.groups,
      dependsOnWaves: scan.dependsOnWaves,
      reasons,
      dataGiB,
      transferHours: round(hours, 2),
      cutoverMinutes: round(cutoverMinutes(dataGiB, w.weight, settings), 1),
    };
    if (input.full) wave.cost = waveCost(scan.members, items);
    return wave;
  });
}
