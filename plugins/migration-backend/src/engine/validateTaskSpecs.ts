import { InputError } from '@backstage/errors';
import type { MigrationPhase } from '@sirsi-nexus/plugin-migration-common';
import type { TaskSpec } from '@sirsi-nexus/plugin-migration-node';

/**
 * Checks a phase's planned task specs: keys unique and set, dependencies inside the phase and
 * free of cycles. Returns the specs in an order where dependencies come first.
 */
export function validateTaskSpecs(
  phase: MigrationPhase,
  specs: Array<TaskSpec & { taskType: string }>,
): Array<TaskSpec & { taskType: string }> {
  const byKey = new Map<string, TaskSpec & { taskType: string }>();
  for (const spec of specs) {
    if (!spec.key || typeof spec.key !== 'string' || spec.key.length > 255) {
      throw new InputError(
        `Executor ${spec.taskType} planned a task without a valid key (1–255 characters)`,
      );
    }
    if (byKey.has(spec.key)) {
      throw new InputError(
        `Two tasks of phase ${phase} have the key "${spec.key}"`,
      );
    }
    byKey.set(spec.key, spec);
  }
  for (const spec of specs) {
    for (const dep of spec.dependsOn ?? []) {
      if (!byKey.has(dep)) {
        throw new InputError(
          `Task "${spec.key}" of phase ${phase} depends on "${dep}", which is not a task of that phase`,
        );
      }
    }
  }
  // Kahn's algorithm: what cannot be ordered is part of a cycle.
  const indegree = new Map(specs.map(s => [s.key, s.dependsOn?.length ?? 0]));
  const dependents = new Map<string, string[]>();
  for (const spec of specs) {
    for (const dep of spec.dependsOn ?? []) {
      dependents.set(dep, [...(dependents.get(dep) ?? []), spec.key]);
    }
  }
  const queue = specs.filter(s => !s.dependsOn?.length).map(s => s.key);
  const ordered: Array<TaskSpec & { taskType: string }> = [];
  for (let i = 0; i < queue.length; i++) {
    const key = queue[i];
    ordered.push(byKey.get(key)!);
    for (const next of dependents.get(key) ?? []) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) {
        queue.push(next);
      }
    }
  }
  if (ordered.length !== specs.length) {
    const placed = new Set(ordered.map(s => s.key));
    const stuck = specs
      .filter(s => !placed.has(s.key))
      .map(s => s.key)
      .slice(0, 10);
    throw new InputError(
      `The tasks of phase ${phase} depend on each other in a cycle: ${stuck.join(
        ', ',
      )}`,
    );
  }
  return ordered;
}
