/**
 * Assessment at scale.
 *
 * 1. Wave planning on a generated 100,000-node / 400,000-edge dependency graph (1 % of the edges
 *    point "up" and close cycles): resolve the string ids, build the graph, strongly connected
 *    components (iterative Tarjan), capacity-bounded waves (max 50). Target ≤ 1 s.
 *    Baseline: only resolving the same 400,000 dependency ids through a Map into adjacency arrays —
 *    the reading every algorithm has to do.
 * 2. Rightsizing + disk mapping + costing of 100,000 VMs against the AWS eu-west-1 catalog.
 *    Target ≤ 2 s. Baseline: the naive algorithm's core — a first-fit scan of the price-sorted
 *    catalog per VM, without memoisation, disks or cost.
 * 3. The whole `assess()` (graph, facts, sizing, cost, risk, 7R, compliance, schedule) on the same
 *    100,000 VMs: best of 3, target ≤ 2 s; and its peak RSS (kernel high-water mark reset before
 *    each run), target ≤ 600 MiB. Baseline of the RSS row: the RSS before the run. Measured
 *    before 1 and 2, so that the first run's RSS is that of the estate and the code only.
 */
import os from 'node:os';
import type { BenchRow, BenchSuite } from '../lib';
import { highWaterMiB, resetHighWater, timed } from '../lib';
import { generateEstate } from '../generators/assessmentEstate';
import {
  analyzeDependencies,
  assess,
  DEFAULT_ASSESSMENT_SETTINGS,
  OsLifecycleTable,
  PriceCatalogs,
} from '../../plugins/migration-assessment-node/src/assessment';
import { costResource } from '../../plugins/migration-assessment-node/src/assessment/cost/costResource';
import { mapDisks } from '../../plugins/migration-assessment-node/src/assessment/sizing/mapDisks';
import {
  InstancePicker,
  rightsize,
} from '../../plugins/migration-assessment-node/src/assessment/sizing/rightsize';

const NODES = 100_000;
const EDGES_PER_NODE = 4;
const RUNS = 3;

function best<T extends { ms: number }>(runs: T[]): T {
  return runs.reduce((a, b) => (b.ms < a.ms ? b : a));
}

const FULL_RUNS = 3;
const MiB = 1024 * 1024;

/**
 * Times a synchronous `fn` with its CPU time and its true peak RSS. `watched` samples RSS on a
 * timer, which cannot fire while synchronous code runs: for `assess()` it saw only the RSS at the
 * start and at the end. The kernel's high-water mark, reset just before the run, sees the peak.
 */
function peakMeasured<T>(fn: () => T) {
  const rssBeforeMiB = process.memoryUsage.rss() / MiB;
  const reset = resetHighWater();
  const cpuBefore = process.cpuUsage();
  const start = process.hrtime.bigint();
  const result = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  const rssAfterMiB = process.memoryUsage.rss() / MiB;
  const hwm = reset ? highWaterMiB() : undefined;
  return {
    result,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssBeforeMiB,
    peakRssMiB: hwm ?? Math.max(rssBeforeMiB, rssAfterMiB),
    peakSource:
      hwm !== undefined
        ? 'kernel high-water mark (VmHWM)'
        : 'RSS before/after only (no /proc/self/clear_refs)',
    heapAfterMiB: process.memoryUsage().heapUsed / MiB,
  };
}

const suite: BenchSuite = {
  name: 'assessment',
  async run() {
    const rows: BenchRow[] = [];
    const { resources, edges } = generateEstate({
      nodes: NODES,
      edgesPerNode: EDGES_PER_NODE,
    });

    const catalogs = PriceCatalogs.load();
    const settings = DEFAULT_ASSESSMENT_SETTINGS;
    // --- 3. Whole assessment, first: its peak RSS is measured on a process holding only the
    // estate and the code, as in a backend; heap pages kept from the other rows' runs (V8 does
    // not hand them back at once) would otherwise count as the assessment's.
    const context = {
      settings,
      catalogs,
      osLifecycle: OsLifecycleTable.shipped(),
    };
    const fullRuns = [];
    for (let r = 0; r < FULL_RUNS; r++) {
      // The previous run's result is garbage by now; collect it so each run starts alike.
      global.gc?.();
      fullRuns.push(
        await peakMeasured(() => {
          const assessment = assess(
            {
              resources,
              target: { provider: 'aws', region: 'eu-west-1' },
              options: { complianceProfile: 'gdpr' },
              stage: 'specify',
              now: new Date('2026-12-01T00:00:00Z'),
            },
            context,
          );
          return {
            waves: assessment.waves.length,
            risk: assessment.risk.score,
          };
        }),
      );
    }
    // --- 1. Wave planning
    const baselineRuns = [];
    for (let r = 0; r < RUNS; r++) {
      baselineRuns.push(
        await timed(() => {
          const index = new Map<string, number>();
          resources.forEach((res, i) => index.set(res.externalId, i));
          const adjacency: number[][] = new Array(resources.length);
          for (let i = 0; i < resources.length; i++) {
            const deps = resources[i].dependsOn;
            const list = new Array<number>(deps.length);
            for (let k = 0; k < deps.length; k++) list[k] = index.get(deps[k])!;
            adjacency[i] = list;
          }
          return adjacency.length;
        }),
      );
    }
    const planRuns = [];
    for (let r = 0; r < RUNS; r++) {
      global.gc?.();
      planRuns.push(
        peakMeasured(() => analyzeDependencies(resources, { maxWaveSize: 50 })),
      );
    }
    const plan = best(planRuns);
    rows.push({
      name: `wave planning, ${NODES.toLocaleString(
        'en-US',
      )} nodes / ${edges.toLocaleString('en-US')} edges`,
      value: plan.ms,
      unit: 'ms',
      baseline: {
        name: 'resolve ids into adjacency',
        value: best(baselineRuns).ms,
      },
      target: { op: '<=', value: 1000 },
      notes: `best of ${RUNS}; CPU ${plan.cpuMs.toFixed(0)} ms; ${
        plan.result.components.count
      } move groups, ${
        plan.result.waves.waves.length
      } waves; peak RSS ${plan.peakRssMiB.toFixed(0)} MiB; load ${os
        .loadavg()[0]
        .toFixed(1)} on ${os.cpus().length} CPUs`,
    });

    // --- 2. Rightsizing + costing
    const pricing = catalogs.forRegion('aws', 'eu-west-1');
    const naiveRuns = [];
    for (let r = 0; r < RUNS; r++) {
      naiveRuns.push(
        await timed(() => {
          let total = 0;
          for (const vm of resources) {
            const v = vm.specs.vcpus!;
            const m = vm.specs.memoryMiB! / 1024;
            for (const offer of pricing.instances) {
              if (
                offer.vcpus >= v &&
                offer.memoryGiB >= m &&
                offer.category !== 'burstable'
              ) {
                total += offer.hourlyPrice;
                break;
              }
            }
          }
          return total;
        }),
      );
    }
    const sizingRuns = [];
    for (let r = 0; r < RUNS; r++) {
      global.gc?.();
      sizingRuns.push(
        peakMeasured(() => {
          const picker = new InstancePicker(pricing, settings.allowBurstable);
          let monthly = 0;
          for (const vm of resources) {
            const sizing = rightsize(vm, picker, pricing, settings);
            const disks = mapDisks(
              vm.specs.disks ?? [],
              pricing,
              vm.utilization?.iopsP95,
            );
            const cost = costResource(vm, sizing, disks, pricing, settings, {
              currentDiskGiB: 0,
            });
            monthly += cost.total.onDemand;
          }
          return monthly;
        }),
      );
    }
    const sizing = best(sizingRuns);
    rows.push({
      name: `rightsizing + costing, ${NODES.toLocaleString('en-US')} VMs`,
      value: sizing.ms,
      unit: 'ms',
      baseline: {
        name: 'naive first-fit scan only',
        value: best(naiveRuns).ms,
      },
      target: { op: '<=', value: 2000 },
      notes: `best of ${RUNS}; CPU ${sizing.cpuMs.toFixed(0)} ms; ${Math.round(
        sizing.result,
      ).toLocaleString(
        'en-US',
      )} USD/month on-demand; peak RSS ${sizing.peakRssMiB.toFixed(0)} MiB`,
    });

    // --- 3. Rows of the whole assessment, measured first (above)
    const full = best(fullRuns);
    // The first run's: later runs reuse the heap pages it grew and start from its peak.
    const peak = fullRuns[0];
    rows.push({
      name: `full assess(), ${NODES.toLocaleString('en-US')} VMs`,
      value: full.ms,
      unit: 'ms',
      baseline: { name: 'wave planning alone', value: plan.ms },
      target: { op: '<=', value: 2000 },
      notes: `best of ${FULL_RUNS} (${fullRuns
        .map(f => (f.ms / 1000).toFixed(2))
        .join('/')} s); CPU ${full.cpuMs.toFixed(0)} ms; ${
        full.result.waves
      } waves, risk ${full.result.risk}; load ${os.loadavg()[0].toFixed(1)}`,
    });
    rows.push({
      name: `full assess(), ${NODES.toLocaleString('en-US')} VMs: peak RSS`,
      value: Math.round(peak.peakRssMiB),
      unit: 'MiB',
      baseline: {
        name: 'RSS before the run (estate and code)',
        value: Math.round(peak.rssBeforeMiB),
      },
      target: { op: '<=', value: 600 },
      notes: `first run (runs: ${fullRuns
        .map(f => `${f.rssBeforeMiB.toFixed(0)} → ${f.peakRssMiB.toFixed(0)}`)
        .join(', ')} MiB), ${
        peak.peakSource
      }; heap after the run ${peak.heapAfterMiB.toFixed(0)} MiB`,
    });

    return rows;
  },
};

export default suite;
