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
    const members: string[] = [];
    let real = 0;
    for (
      let m = components.memberOffsets[c];
      m < components.memberOffsets[c + 1];
      m++
    ) {
      const node = components.members[m];
      members.push(ids[node]);
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
