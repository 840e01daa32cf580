import type { DependencyAnalysis } from './analyzeDependencies';

/** Move groups in wave order and the id (`mg-1`, `mg-2`, …) of each component. */
export interface MoveGroupNumbering {
  /** Components in the order their move groups are numbered. */
  order: number[];
  /** Move group id per component. */
  groupId: string[];
}

/**
 * Numbers the move groups in wave order, and within a wave by their first member, so the ids
 * follow the plan a reader sees.
 */
export function numberMoveGroups({
  components,
  waves,
}: Pick<DependencyAnalysis, 'components' | 'waves'>): MoveGroupNumbering {
  const firstMember = (c: number) =>
    components.members[components.memberOffsets[c]];
  const order: number[] = [];
  for (const w of waves.waves) {
    const sorted = [...w.components].sort(
      (a, b) => firstMember(a) - firstMember(b),
    );
    for (const c of sorted) order.push(c);
  }
  const groupId = new Array<string>(components.count);
  order.forEach((c, k) => {
    groupId[c] = `mg-${k + 1}`;
  });
  return { order, groupId };
}
