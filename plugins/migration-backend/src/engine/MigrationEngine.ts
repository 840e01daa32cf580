import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { MigrationStore } from '../database/MigrationStore';
import type { EngineOptions } from './config';
import { EngineMetrics } from './EngineMetrics';
import type { ExecutorRegistry } from './ExecutorRegistry';
import { LeaseJanitor } from './LeaseJanitor';
import { LocalEvents } from './LocalEvents';
import { PhaseAdvancer } from './PhaseAdvancer';
import type { SignalPublisher } from './SignalPublisher';
import { TaskWorker } from './TaskWorker';

/**
 * The engine of one replica: a worker claiming tasks, the phase advancer and the lease janitor,
 * all coordinated through the database. It keeps no state that matters in memory.
 *
 * @public
 */
export class MigrationEngine {
  readonly advancer: PhaseAdvancer;
  readonly events: LocalEvents;
  readonly worker: TaskWorker;
  readonly janitor: LeaseJanitor;
  readonly workerId: string;
  private started = false;

  constructor(
    private readonly deps: {
      store: MigrationStore;
      registry: ExecutorRegistry;
      signals: SignalPublisher;
      logger: LoggerService;
      options: EngineOptions;
      metrics?: EngineMetrics;
      /** Unique per replica; defaults to host name, pid and a random suffix. */
      workerId?: string;
    },
  ) {
    const metrics = deps.metrics ?? EngineMetrics.noop();
    this.workerId =
      deps.workerId ??
      `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.events = new LocalEvents();
    this.advancer = new PhaseAdvancer({
      store: deps.store,
      registry: deps.registry,
      logger: deps.logger,
      signals: deps.signals,
      events: this.events,
      metrics,
      defaultMaxAttempts: deps.options.retry.maxAttempts,
    });
    this.worker = new TaskWorker({
      workerId: this.workerId,
      store: deps.store,
      registry: deps.registry,
      advancer: this.advancer,
      signals: deps.signals,
      events: this.events,
      metrics,
      logger: deps.logger,
      options: deps.options,
    });
    this.janitor = new LeaseJanitor({
      store: deps.store,
      advancer: this.advancer,
      signals: deps.signals,
      events: this.events,
      logger: deps.logger,
      intervalMs: deps.options.janitorIntervalMs,
      maxLeaseExpiries: deps.options.maxLeaseExpiries,
    });
  }

  /** Starts the janitor and, unless disabled for this replica, the worker. */
  async start(): Promise<void> {
    if (this.started) {
      return;
    }
    this.started = true;
    // Pick up whatever a previous run of this or another replica left behind.
    await this.janitor.runOnce();
    this.janitor.start();
    if (this.deps.options.workerEnabled) {
      this.worker.start();
      this.deps.logger.info(
        `Migration worker ${this.workerId} started (concurrency ${this.deps.options.concurrency})`,
      );
    }
  }

  async stop(): Promise<void> {
    if (!this.started) {
      return;
    }
    this.started = false;
    await this.worker.stop();
    await this.janitor.stop();
  }
}
