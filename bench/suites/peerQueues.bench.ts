/**
 * The engine vs job queues (issue 16 item 1): the same 3,000 no-op jobs with two in flight at a
 * time (two workers), on the same PostgreSQL server, each contestant in a database of its own
 * (created and dropped here), all jobs queued before the workers start:
 *
 * - graphile-worker: `addJobs` of the 3,000 jobs, then `run()` with concurrency 2 and its
 *   defaults otherwise (LISTEN/NOTIFY, a worker asks for the next job as soon as one ends).
 * - pg-boss (v12): `createQueue`, `insert` of the 3,000 jobs, then `work()` with batchSize 1 and
 *   localConcurrency 2. At batchSize 1 pg-boss waits its polling interval (≥ 0.5 s) after every
 *   job unless a burst trigger holds, so the workers fetch continuously while the queue's cached
 *   ready count is above 1 (`burstWhenReadyExceeds: 1`; queue stats and their cache refreshed
 *   every second: monitor, supervise and queue-cache intervals of 1 s) — its documented way to
 *   drain a backlog. Without the stats refreshed (60 s by default) the trigger never holds and
 *   it ran 46–49 jobs/s here.
 * - our engine: the engine suite's harness (one migration of 3,000 no-op tasks, two engines as
 *   two replicas) with concurrency 1 per engine, so two tasks in flight as for the peers.
 *
 * Throughput is jobs from the first handler start to the last handler end; claim-to-start is from
 * the claim query being issued (graphile-worker: `worker:getJob:start`; pg-boss: its fetch query,
 * timed through a `db` adapter; ours: `claimTasks`, or the `completeTask` that claimed the task
 * along with the previous one's completion) to the handler starting. Targets: ≥ pg-boss's
 * throughput, ≥ 0.5× graphile-worker's, claim-to-start p50 ≤ 10 ms. A peer that cannot run (not
 * installed, failing) prints as unavailable. Rounds alternate the three; the best of each is kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import type { BenchPeer, BenchRow, BenchSuite } from '../lib';
import { measurePeer, percentile } from '../lib';
import { engineRun, TASKS, WORKERS, withDatabase } from './engine.bench';

const ROUNDS = 2;

/** One contestant's figures. */
export interface QueueRun {
  jobsPerSecond: number;
  p50: number;
  p99: number;
}

/** Handler starts and ends, and claim-to-start latencies, until every job has run. */
class Tally {
  private first = 0;
  private last = 0;
  private ended = 0;
  readonly latencies: number[] = [];
  private resolve!: () => void;
  readonly done = new Promise<void>(r => {
    this.resolve = r;
  });

  start(claimIssuedAt: number | undefined) {
    const now = performance.now();
    this.first ||= now;
    if (claimIssuedAt !== undefined) this.latencies.push(now - claimIssuedAt);
  }

  end() {
    this.last = performance.now();
    if (++this.ended === TASKS) this.resolve();
  }

  result(): QueueRun {
    return {
      jobsPerSecond: TASKS / ((this.last - this.first) / 1000),
      p50: percentile(this.latencies, 50),
      p99: percentile(this.latencies, 99),
    };
  }
}

/** Fails after `ms` with what was being waited for, so a stuck peer does not hang the bench. */
function within<T>(promise: Promise<T>, ms: number, what: string) {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} did not finish in ${ms / 1000} s`)),
        ms,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A pool of 10 (graphile-worker's and pg-boss's default size) on the contestant's database. */
function quietPool(url: string) {
  const pool = new Pool({ connectionString: url, max: 10 });
  // Idle connections are cut when the database is dropped after the run.
  pool.on('error', () => {});
  pool.on('connect', client => client.on('error', () => {}));
  return pool;
}

async function graphileWorkerRun(url: string): Promise<QueueRun> {
  const { run, makeWorkerUtils, Logger } = await import('graphile-worker');
  const logger = new Logger(() => () => {});
  const pgPool = quietPool(url);
  const utils = await makeWorkerUtils({ pgPool, logger });
  try {
    await utils.migrate();
    await utils.addJobs(
      Array.from({ length: TASKS }, (_, i) => ({
        identifier: 'noop',
        payload: { i },
      })),
    );
  } finally {
    await utils.release();
  }
  const tally = new Tally();
  const asked = new Map<string, number>();
  const runner = await run({
    pgPool,
    concurrency: WORKERS,
    noHandleSignals: true,
    logger,
    taskList: {
      noop: async () => {
        tally.end();
      },
    },
  });
  runner.events.on('worker:getJob:start', ({ worker }) => {
    asked.set(worker.workerId, performance.now());
  });
  runner.events.on('job:start', ({ worker }) => {
    tally.start(asked.get(worker.workerId));
  });
  try {
    await within(tally.done, 120_000, 'graphile-worker');
  } finally {
    await runner.stop();
    await pgPool.end();
  }
  return tally.result();
}

async function pgBossRun(url: string): Promise<QueueRun> {
  const { PgBoss } = await import('pg-boss');
  const boss = new PgBoss({
    connectionString: url,
    schedule: false,
    monitorIntervalSeconds: 1,
    superviseIntervalSeconds: 1,
    queueCacheIntervalSeconds: 1,
  });
  // pg-boss's own pool and queries; the claim (`… FOR UPDATE … SKIP LOCKED`) timed from when it
  // is issued.
  const fetchedAt = new Map<string, number>();
  const db = boss.getDb() as {
    executeSql(text: string, ...rest: unknown[]): Promise<unknown>;
  };
  const executeSql = db.executeSql.bind(db);
  db.executeSql = async (text, ...rest) => {
    const issued = performance.now();
    const result = await executeSql(text, ...rest);
    const rows = (result as { rows?: { id?: string }[] })?.rows;
    if (text.includes('SKIP LOCKED') && Array.isArray(rows)) {
      for (const row of rows) if (row.id) fetchedAt.set(row.id, issued);
    }
    return result;
  };
  const errors: unknown[] = [];
  boss.on('error', error => errors.push(error));
  try {
    await boss.start();
    await boss.createQueue('noop');
    await boss.insert(
      'noop',
      Array.from({ length: TASKS }, (_, i) => ({ data: { i } })),
    );
    // Until the queue's stats see the backlog, so the burst trigger holds from the first fetch.
    for (let waited = 0; ; waited += 250) {
      const queue = await boss.getQueue('noop');
      if ((queue?.readyCount ?? 0) >= TASKS) break;
      if (waited > 15_000) throw new Error('pg-boss never counted the queue');
      await new Promise(r => setTimeout(r, 250));
    }
    // And its workers' cache of them.
    await new Promise(r => setTimeout(r, 1500));
    const tally = new Tally();
    await boss.work(
      'noop',
      {
        batchSize: 1,
        localConcurrency: WORKERS,
        pollingIntervalSeconds: 0.5,
        burstWhenReadyExceeds: 1,
      },
      async jobs => {
        for (const job of jobs) {
          tally.start(fetchedAt.get(job.id));
          tally.end();
        }
      },
    );
    await within(tally.done, 120_000, 'pg-boss');
    if (errors.length > 0) throw errors[0];
    return tally.result();
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}

async function engineQueueRun(): Promise<QueueRun> {
  const run = await withDatabase(connect => engineRun(connect, 1));
  return { jobsPerSecond: run.tasksPerSecond, p50: run.p50, p99: run.p99 };
}

/** An installed package's version ('missing' when it is not installed). */
function version(name: string): string {
  try {
    let dir = path.dirname(require.resolve(name));
    while (!fs.existsSync(path.join(dir, 'package.json'))) {
      dir = path.dirname(dir);
    }
    return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
      .version;
  } catch {
    return 'missing';
  }
}

function best(runs: QueueRun[]): QueueRun {
  return runs.reduce((a, b) => (b.jobsPerSecond > a.jobsPerSecond ? b : a));
}

/** A peer's best round, or why it could not run. */
function peerOf(name: string, runs: QueueRun[], failed?: string): BenchPeer {
  return failed || runs.length === 0
    ? { name, better: 'higher', unavailable: failed ?? 'no run' }
    : { name, better: 'higher', value: best(runs).jobsPerSecond };
}

function latencies(run?: QueueRun) {
  return run
    ? `claim-to-start p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(
        1,
      )} ms`
    : '';
}

const suite: BenchSuite = {
  name: 'peers: job queues',
  async run(): Promise<BenchRow[]> {
    const ours: QueueRun[] = [];
    const graphile: QueueRun[] = [];
    const boss: QueueRun[] = [];
    const failed: Record<'graphile' | 'boss', string | undefined> = {
      graphile: undefined,
      boss: undefined,
    };
    const versions = {
      graphile: `graphile-worker ${version('graphile-worker')}`,
      boss: `pg-boss ${version('pg-boss')}`,
    };
    for (let round = 0; round < ROUNDS; round++) {
      process.stderr.write(`round ${round + 1}: engine\n`);
      ours.push(await engineQueueRun());
      for (const [key, runs, fn] of [
        ['graphile', graphile, graphileWorkerRun],
        ['boss', boss, pgBossRun],
      ] as const) {
        if (failed[key]) continue;
        process.stderr.write(`round ${round + 1}: ${key}\n`);
        const peer = await measurePeer(key, 'higher', async () => {
          runs.push(await withDatabase((_, url) => fn(url), `bench_${key}`));
          return 0;
        });
        failed[key] = peer.unavailable;
      }
    }
    const engine = best(ours);
    const setting = `${TASKS} no-op jobs, ${WORKERS} in flight, best of ${ROUNDS}; load ${os
      .loadavg()[0]
      .toFixed(1)}`;
    return [
      {
        name: 'engine vs pg-boss: no-op jobs',
        value: engine.jobsPerSecond,
        unit: 'jobs/s',
        peer: peerOf(`${versions.boss}, batchSize 1 × 2`, boss, failed.boss),
        target: { op: '>=', value: 1, of: 'peer' },
        notes: `${setting}; pg-boss ${latencies(
          boss.length ? best(boss) : undefined,
        )}`,
      },
      {
        name: 'engine vs graphile-worker: no-op jobs',
        value: engine.jobsPerSecond,
        unit: 'jobs/s',
        peer: peerOf(
          `${versions.graphile}, concurrency 2`,
          graphile,
          failed.graphile,
        ),
        target: { op: '>=', value: 0.5, of: 'peer' },
        notes: `graphile-worker ${latencies(
          graphile.length ? best(graphile) : undefined,
        )}`,
      },
      {
        name: 'engine claim-to-start p50, 2 in flight',
        value: engine.p50,
        unit: 'ms',
        target: { op: '<=', value: 10 },
        notes: `engine ${latencies(engine)}; rounds ${ours
          .map(r => r.jobsPerSecond.toFixed(0))
          .join('/')} jobs/s`,
      },
    ];
  },
};

export default suite;
