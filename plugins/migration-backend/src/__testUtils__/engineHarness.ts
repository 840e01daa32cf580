import { mockServices } from '@backstage/backend-test-utils';
import type { SignalsService } from '@backstage/plugin-signals-node';
import type {
  MigrationPhase,
  MigrationSignal,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudProvider,
  CloudProviderLookup,
  MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import { KnexMigrationStore } from '../database/KnexMigrationStore';
import type { MigrationStore } from '../database/MigrationStore';
import {
  DEFAULT_ENGINE_OPTIONS,
  type EngineOptions,
  type MigrationEngineConfig,
} from '../engine/config';
import { EngineMetrics } from '../engine/EngineMetrics';
import { ExecutorRegistry } from '../engine/ExecutorRegistry';
import { MigrationEngine } from '../engine/MigrationEngine';
import { SignalPublisher } from '../engine/SignalPublisher';
import { MigrationService } from '../service/MigrationService';

/** Engine timings short enough for tests. */
export const FAST_ENGINE_OPTIONS: EngineOptions = {
  ...DEFAULT_ENGINE_OPTIONS,
  concurrency: 4,
  leaseDurationMs: 1_500,
  heartbeatIntervalMs: 200,
  pollIntervalMs: 50,
  janitorIntervalMs: 200,
  maxClaimBackoffMs: 200,
  progressThrottleMs: 0,
  retry: { maxAttempts: 3, initialBackoffMs: 20, maxBackoffMs: 100 },
};

/** A signals service that remembers what was published. */
export function recordingSignals(): SignalsService & {
  published: MigrationSignal[];
} {
  const published: MigrationSignal[] = [];
  return {
    published,
    async publish(signal) {
      published.push(signal.message as unknown as MigrationSignal);
    },
  };
}

/** Environments `dc1` and `aws-prod` whose validation passes. */
export function staticProviders(): CloudProviderLookup {
  const make = (
    environmentId: string,
    id: string,
    title?: string,
    owner?: string,
  ): CloudProvider => ({
    id,
    environmentId,
    title,
    owner,
    validate: async () => [
      { id: 'ok', title: 'Reachable', status: 'pass', message: 'fine' },
    ],
    async *discover() {},
  });
  const providers = [
    make('dc1', 'inventory', 'Data centre 1'),
    make('aws-prod', 'aws', undefined, 'group:default/platform'),
  ];
  return {
    get: id => providers.find(p => p.environmentId === id),
    list: () => providers,
  };
}

/**
 * An executor per phase that plans one task and counts its runs; override phases as needed.
 */
export function countingExecutors(
  overrides: Partial<Record<MigrationPhase, Partial<MigrationExecutor>>> = {},
) {
  const runs = new Map<string, number>();
  const phases: MigrationPhase[] = [
    'environment',
    'plan',
    'specify',
    'test',
    'build',
    'transfer',
    'validate',
    'optimize',
    'support',
  ];
  const executors = phases.map(
    (phase): MigrationExecutor => ({
      phase,
      taskType: `test.${phase}`,
      plan: () => [{ key: `${phase}.work`, title: `Work of ${phase}` }],
      async run() {
        runs.set(phase, (runs.get(phase) ?? 0) + 1);
        return { phase };
      },
      ...overrides[phase],
    }),
  );
  return { executors, runs };
}

export interface TestEngine {
  store: MigrationStore;
  engine: MigrationEngine;
  service: MigrationService;
  registry: ExecutorRegistry;
  signals: ReturnType<typeof recordingSignals>;
  logger: ReturnType<typeof mockServices.logger.mock>;
  stop(): Promise<void>;
}

/** One "replica": store, engine and service over the given database. */
export function createTestEngine(options: {
  knex: Knex;
  executors: MigrationExecutor[];
  engine?: Partial<EngineOptions>;
  gatedPhases?: MigrationPhase[];
  separationOfDuties?: boolean;
  policyAcknowledgement?: string;
  workerId?: string;
  /** Replace the store, e.g. to inject faults. */
  wrapStore?: (store: MigrationStore) => MigrationStore;
  metrics?: EngineMetrics;
}): TestEngine {
  const base = new KnexMigrationStore(options.knex);
  const store = options.wrapStore ? options.wrapStore(base) : base;
  const registry = new ExecutorRegistry();
  registry.add(...options.executors);
  const signals = recordingSignals();
  const logger = mockServices.logger.mock();
  const publisher = new SignalPublisher(signals, logger);
  const config: MigrationEngineConfig = {
    engine: { ...FAST_ENGINE_OPTIONS, ...options.engine },
    approvals: {
      phases: options.gatedPhases ?? [],
      separationOfDuties: options.separationOfDuties ?? true,
    },
    policyAcknowledgement: options.policyAcknowledgement,
  };
  const engine = new MigrationEngine({
    store,
    registry,
    signals: publisher,
    logger,
    options: config.engine,
    workerId: options.workerId,
    metrics: options.metrics ?? EngineMetrics.noop(),
  });
  const service = new MigrationService({
    store,
    registry,
    advancer: engine.advancer,
    events: engine.events,
    signals: publisher,
    providers: staticProviders(),
    config,
    logger,
  });
  return {
    store,
    engine,
    service,
    registry,
    signals,
    logger,
    stop: () => engine.stop(),
  };
}

/** A request that passes validation. */
export function createRequest(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Move the webshop',
    sourceEnvironmentId: 'dc1',
    target: { provider: 'aws' as const, region: 'eu-west-1' },
    entityRefs: ['resource:default/web-01'],
    ...overrides,
  };
}

export const alice = {
  ref: 'user:default/alice',
  userEntityRef: 'user:default/alice',
};
export const bob = {
  ref: 'user:default/bob',
  userEntityRef: 'user:default/bob',
};

/** Polls `check` until it returns a truthy value or the time is up. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) {
        return value as T;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? `: ${last}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/** Waits until the migration has the status. */
export function waitForStatus(
  store: MigrationStore,
  migrationId: string,
  status: string,
  timeoutMs = 15_000,
) {
  return waitFor(
    async () => {
      const m = await store.getMigration(migrationId);
      return m?.status === status ? m : undefined;
    },
    timeoutMs,
    `migration ${migrationId} to be ${status}`,
  );
}

/** Cancels the migrations a test left unfinished, so the next test's engines find nothing to pick up. */
export async function cancelUnfinishedMigrations(knex: Knex) {
  await knex('migrations')
    .whereNotIn('status', ['completed', 'failed', 'cancelled', 'rolled_back'])
    .update({ status: 'cancelled' });
}

/** After a test: stops the engines it started and cancels what they left unfinished. */
export async function stopEnginesAndCancel(running: TestEngine[], knex: Knex) {
  await Promise.all(running.splice(0).map(e => e.stop()));
  await cancelUnfinishedMigrations(knex);
}
