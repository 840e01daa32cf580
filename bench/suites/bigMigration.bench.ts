/**
 * A big migration through the real path: the migration backend plugin with its default executors
 * (environment, plan, specify, test) in a test backend on the local PostgreSQL, a catalog holding
 * 5,000 generated VM entities, and a migration of all of them requested over REST — measured from
 * the request until the Build gate waits for approval, as a new user would wait for it.
 *
 * Printed: the wall time (target ≤ 15 s), the peak RSS of the process (backend and bench share it;
 * target ≤ 1 GiB), the longest event-loop stall (it must stay under a third of the engine's task
 * lease, or another replica could take a task over) and each phase's own time.
 * Baseline, in the same process: `assess()` alone on the same 5,000 resources (what the plan and
 * specify phases compute), so the row shows what the phases spend beyond the computation.
 */
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { migrationModuleInventory } from '../../plugins/migration-backend-module-inventory/src';
import migrationPlugin from '../../plugins/migration-backend/src';
import { DEFAULT_ENGINE_OPTIONS } from '../../plugins/migration-backend/src/engine/config';
import {
  assess,
  DEFAULT_ASSESSMENT_SETTINGS,
  OsLifecycleTable,
  PriceCatalogs,
} from '../../plugins/migration-assessment-node/src/assessment';
import type { MigrationStatusResponse as MigrationStatus } from '../../plugins/migration-common/src';
import { resourceToEntity } from '../../plugins/migration-node/src';
import { generateEstate } from '../generators/assessmentEstate';
import type { BenchRow, BenchSuite } from '../lib';
import { withBenchDatabase } from '../postgres';
import { highWaterMiB, resetHighWater, timed } from '../lib';

const VMS = 5_000;
const TIMEOUT_MS = 10 * 60_000;

const withDatabase = <T>(fn: (knex: Knex) => Promise<T>) =>
  withBenchDatabase('bench_big', fn, 10);

function estate() {
  const { resources } = generateEstate({ nodes: VMS, edgesPerNode: 3 });
  const entities = resources.map(r =>
    resourceToEntity({ ...r, environmentId: 'dc1' }),
  );
  return { resources, entities };
}

async function startBackend(knex: Knex, entities: unknown[]) {
  const inventory = path.resolve(
    __dirname,
    '../../examples/inventory/dc1/rvtools-vinfo.csv',
  );
  return startTestBackend({
    features: [
      migrationPlugin,
      migrationModuleInventory,
      catalogServiceMock.factory({ entities: entities as any }),
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        data: {
          migration: {
            environments: [
              {
                id: 'dc1',
                provider: 'inventory',
                inventory: { files: [inventory] },
              },
            ],
            engine: { pollIntervalMs: 50 },
          },
        },
      }),
    ],
  });
}

type Watch = {
  /** The kernel's high-water mark when available, else the highest sampled RSS. */
  peakRssMiB: number;
  /** The highest RSS the 50 ms sampler saw (it cannot fire while synchronous code runs). */
  sampledPeakMiB: number;
  peakSource: string;
  /** The heap and off-heap memory when the peak was sampled, and when it was. */
  atPeak: string;
  maxStallMs: number;
  stop(): void;
};

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

function watch(): Watch {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = Date.now();
  const highWater = resetHighWater();
  const state: Watch = {
    peakRssMiB: process.memoryUsage().rss / 2 ** 20,
    sampledPeakMiB: process.memoryUsage().rss / 2 ** 20,
    atPeak: '',
    peakSource: highWater
      ? 'kernel high-water mark (VmHWM) of the run'
      : 'sampled RSS (no /proc/self/clear_refs)',
    maxStallMs: 0,
    stop() {
      clearInterval(sampler);
      histogram.disable();
      state.maxStallMs = histogram.max / 1e6;
      const hwm = highWater ? highWaterMiB() : undefined;
      state.peakRssMiB = Math.max(hwm ?? 0, state.sampledPeakMiB);
    },
  };
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    if (usage.rss / 2 ** 20 <= state.sampledPeakMiB) return;
    state.sampledPeakMiB = usage.rss / 2 ** 20;
    state.atPeak = `sampled peak ${mib(usage.rss)} MiB at ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s: JS heap ${mib(usage.heapUsed)} of ${mib(
      usage.heapTotal,
    )} MiB, external ${mib(usage.external)} MiB (array buffers ${mib(
      usage.arrayBuffers,
    )})`;
  }, 50);
  return state;
}

/** Requests the migration over REST and waits until the Build gate waits for approval. */
async function migrateToBuildGate(baseUrl: string, refs: string[]) {
  const headers = {
    Authorization: mockCredentials.user.header('user:default/alice'),
    'Content-Type': 'application/json',
  };
  const created = await fetch(`${baseUrl}/api/migration/migrations`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      title: `Bench ${VMS} VMs`,
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs: refs,
    }),
  });
  if (created.status !== 201) {
    throw new Error(
      `POST /migrations: ${created.status} ${await created.text()}`,
    );
  }
  const { id } = (await created.json()) as { id: string };
  const deadline = Date.now() + TIMEOUT_MS;
  for (;;) {
    const res = await fetch(
      `${baseUrl}/api/migration/migrations/${id}/status`,
      { headers },
    );
    const status = (await res.json()) as MigrationStatus;
    const build = status.phases.find(p => p.phase === 'build');
    if (build?.status === 'awaiting_approval') return status;
    if (
      ['failed', 'cancelled', 'rolled_back'].includes(status.migration.status)
    ) {
      const failed = status.phases.flatMap(p => p.tasks).filter(t => t.error);
      throw new Error(
        `migration ${status.migration.status}: ${failed
          .map(t => `${t.key}: ${t.error}`)
          .join('; ')}`,
      );
    }
    if (Date.now() > deadline)
      throw new Error('timed out before the Build gate');
    await new Promise(r => setTimeout(r, 200));
  }
}

const span = (x: { startedAt?: string; completedAt?: string }) =>
  x.startedAt && x.completedAt
    ? Date.parse(x.completedAt) - Date.parse(x.startedAt)
    : 0;

/** Each finished phase's time and the three slowest tasks: where the time went. */
function phaseTimes(status: MigrationStatus): string {
  const phases = status.phases
    .filter(p => span(p) > 0)
    .map(p => `${p.phase} ${(span(p) / 1000).toFixed(1)} s`);
  const slowest = status.phases
    .flatMap(p => p.tasks)
    .sort((a, b) => span(b) - span(a))
    .slice(0, 3)
    .map(t => `${t.key} ${(span(t) / 1000).toFixed(1)} s`);
  const sizes = status.artifacts
    .filter(a => a.size > 1024 * 1024)
    .map(a => `${a.name} ${(a.size / 2 ** 20).toFixed(1)} MiB`);
  return `${phases.join(', ')}; slowest tasks: ${slowest.join(
    ', ',
  )}; artifacts over 1 MiB: ${sizes.join(', ') || 'none'}`;
}

/**
 * The catalog's entities and the baseline's time and wave count. The baseline's assessment and
 * resources are not kept: the peak RSS row is about the backend, not what the bench holds.
 */
async function estateAndBaseline() {
  const { resources, entities } = estate();
  const baseline = await timed(() =>
    assess(
      {
        resources,
        target: { provider: 'aws', region: 'eu-west-1' },
        stage: 'specify',
      },
      {
        settings: DEFAULT_ASSESSMENT_SETTINGS,
        catalogs: PriceCatalogs.load(),
        osLifecycle: OsLifecycleTable.shipped(),
      },
    ),
  );
  return {
    entities,
    baseline: { ms: baseline.ms, waves: baseline.result.waves.length },
  };
}

const suite: BenchSuite = {
  name: 'big-migration',
  async run() {
    const { entities, baseline } = await estateAndBaseline();
    global.gc?.();
    return withDatabase(async knex => {
      const backend = await startBackend(knex, entities);
      const baseUrl = `http://localhost:${
        (backend.server.address() as any).port
      }`;
      const refs = entities.map(e => `resource:default/${e.metadata.name}`);
      const watcher = watch();
      try {
        const run = await timed(() => migrateToBuildGate(baseUrl, refs));
        watcher.stop();
        const leaseThird = DEFAULT_ENGINE_OPTIONS.leaseDurationMs / 3;
        const rows: BenchRow[] = [
          {
            name: `${VMS.toLocaleString(
              'en-US',
            )}-VM migration to the Build gate (PostgreSQL, real executors)`,
            value: run.ms,
            unit: 'ms',
            baseline: {
              name: `assess() alone, ${VMS} VMs`,
              value: baseline.ms,
            },
            target: { op: '<=', value: 15_000 },
            notes: `${baseline.waves} waves; ${phaseTimes(run.result)}`,
          },
          {
            name: `longest event-loop stall of that migration`,
            value: watcher.maxStallMs,
            unit: 'ms',
            target: { op: '<=', value: leaseThird },
            notes: `a third of the ${
              DEFAULT_ENGINE_OPTIONS.leaseDurationMs / 1000
            } s task lease`,
          },
          {
            name: `peak RSS of that migration`,
            value: watcher.peakRssMiB,
            unit: 'MiB',
            target: { op: '<=', value: 1024 },
            notes: `${watcher.peakSource}; ${watcher.atPeak}`,
          },
        ];
        return rows;
      } finally {
        watcher.stop();
        await backend.stop();
      }
    });
  },
};

export default suite;
