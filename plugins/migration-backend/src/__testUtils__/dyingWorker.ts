/*
 * A worker replica in its own process, for fault tests that SIGKILL it in the middle of a task.
 * Started with `node --require @backstage/cli/config/nodeTransform.cjs dyingWorker.ts`; reads
 * the knex connection (JSON) from DYING_WORKER_CONNECTION and the task type it runs from
 * DYING_WORKER_TASK_TYPE. Its executor prints `started <taskId>` and then never returns, so the
 * process holds the lease until it is killed.
 */
import knexFactory from 'knex';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { KnexMigrationStore } from '../database/KnexMigrationStore';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/config';
import { ExecutorRegistry } from '../engine/ExecutorRegistry';
import { MigrationEngine } from '../engine/MigrationEngine';
import { SignalPublisher } from '../engine/SignalPublisher';

const quiet: LoggerService = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  child: () => quiet,
};

async function main() {
  const knex = knexFactory({
    client: 'pg',
    connection: JSON.parse(process.env.DYING_WORKER_CONNECTION!),
    pool: { min: 0, max: 3 },
  });
  const registry = new ExecutorRegistry();
  registry.add({
    phase: 'environment',
    taskType: process.env.DYING_WORKER_TASK_TYPE!,
    plan: () => [],
    run: ctx =>
      new Promise(() => {
        process.stdout.write(`started ${ctx.task.id}\n`);
      }),
  });
  const engine = new MigrationEngine({
    store: new KnexMigrationStore(knex),
    registry,
    signals: new SignalPublisher({ publish: async () => {} }, quiet),
    logger: quiet,
    options: {
      ...DEFAULT_ENGINE_OPTIONS,
      concurrency: 1,
      leaseDurationMs: 1_000,
      heartbeatIntervalMs: 200,
      pollIntervalMs: 50,
      janitorIntervalMs: 600_000,
    },
    workerId: `dying-${process.pid}`,
  });
  // The worker only: no janitor, so this process never advances or repairs anything.
  engine.worker.start();
}

main().catch(error => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
