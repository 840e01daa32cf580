import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import { asJson, readPlanEntities, refOf, specsOf } from './planEntities';

/** Task type of the built-in recommendations. */
export const OPTIMIZE_TASK = 'optimize.recommend';

/** CPU p95 (percent) under which a machine with more than one vCPU is worth downsizing. */
const LOW_CPU_P95 = 20;
/** Memory p95 (percent) under which memory is worth reducing. */
const LOW_MEMORY_P95 = 30;

/**
 * `optimize`: recommendations from the utilization discovery recorded (idle or powered-off
 * machines, low CPU or memory use), into `optimization.json`. Price-aware recommendations come
 * from the optimisation capability when installed.
 *
 * @public
 */
export function createOptimizeExecutor(): MigrationExecutor {
  return {
    phase: 'optimize',
    taskType: OPTIMIZE_TASK,
    plan: () => [{ key: OPTIMIZE_TASK, title: 'Recommend optimisations' }],
    async run(ctx) {
      const plan = await readPlanEntities(ctx.artifacts);
      const recommendations = [];
      let withoutUtilization = 0;
      for (const entity of plan.entities) {
        const specs = specsOf(entity);
        if (!specs || specs.kind !== 'vm') {
          continue;
        }
        const ref = refOf(entity);
        const power = specs.specs.powerState?.toLowerCase() ?? '';
        if (/off|stopped|deallocated|terminated/.test(power)) {
          recommendations.push({
            entityRef: ref,
            category: 'decommission',
            message: `Powered off (${specs.specs.powerState}): confirm it is still needed before paying to run it`,
            evidence: { powerState: specs.specs.powerState },
          });
          continue;
        }
        const u = specs.utilization;
        if (!u) {
          withoutUtilization++;
          continue;
        }
        if (
          u.cpuP95 !== undefined &&
          u.cpuP95 < LOW_CPU_P95 &&
          (specs.specs.vcpus ?? 0) > 1
        ) {
          recommendations.push({
            entityRef: ref,
            category: 'rightsize-cpu',
            message: `CPU p95 is ${u.cpuP95}% of ${specs.specs.vcpus} vCPUs: half the vCPUs would still leave headroom`,
            evidence: { cpuP95: u.cpuP95, vcpus: specs.specs.vcpus },
          });
        }
        if (u.memP95 !== undefined && u.memP95 < LOW_MEMORY_P95) {
          recommendations.push({
            entityRef: ref,
            category: 'rightsize-memory',
            message: `Memory p95 is ${u.memP95}%: a smaller memory size fits`,
            evidence: { memP95: u.memP95, memoryMiB: specs.specs.memoryMiB },
          });
        }
      }
      await ctx.artifacts.put(
        'optimization.json',
        asJson({
          generatedAt: new Date().toISOString(),
          thresholds: { cpuP95: LOW_CPU_P95, memP95: LOW_MEMORY_P95 },
          machinesWithoutUtilization: withoutUtilization,
          recommendations,
        }),
      );
      return { recommendations: recommendations.length };
    },
  };
}
