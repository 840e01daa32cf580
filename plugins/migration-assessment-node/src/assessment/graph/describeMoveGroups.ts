import type { AssessmentMoveGroup } from '@sirsi-nexus/plugin-migration-common';
import type { DependencyAnalysis } from './analyzeDependencies';
import type { MoveGroupNumbering } from './numberMoveGroups';

function reasonOf(real: number, disks: number): string {
  if (real > 1) {
    return `Dependency cycle between ${real} resources: they must move in one cutover.`;
  }
  if (disks > 0) return `Moves with ${disks} attached disk(s).`;
  return 'No cyclic dependency: moves on its own.';
}

/**
 * The move groups in numbering order: members, whether a cycle binds them, their wave and why
 * they move together.
 */
export function describeMoveGroups(
  deps: Pick<DependencyAnalysis, 'ids' | 'components' | 'attachedTo' | 'waves'>,
  numbering: MoveGroupNumbering,
): AssessmentMoveGroup[] {
  const { ids, components, attachedTo } = deps;
  return numbering.order.map(c => {
    const from = components.memberOffsets[c];
    const members: string[] = new Array(components.memberOffsets[c + 1] - from);
    let real = 0;
    for (let k = 0; k < members.length; k++) {
      const node = components.members[from + k];
      members[k] = ids[node];
      if (attachedTo[node] === -1) real++;
    }
    return {
      id: numbering.groupId[c],
      members,
      cyclic: real > 1,
      wave: deps.waves.waveOfComponent[c] + 1,
      reason: reasonOf(real, members.length - real),
    };
  });
}
