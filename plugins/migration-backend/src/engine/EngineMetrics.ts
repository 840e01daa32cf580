import type {
  MetricsService,
  MetricsServiceCounter,
  MetricsServiceHistogram,
} from '@backstage/backend-plugin-api/alpha';
import type { MigrationPhase } from '@sirsi-nexus/plugin-migration-common';

/**
 * The engine's OpenTelemetry instruments, created through Backstage's metrics service (meter
 * `backstage-plugin-migration`).
 *
 * @public
 */
export class EngineMetrics {
  private constructor(
    private readonly claimed?: MetricsServiceCounter,
    private readonly succeeded?: MetricsServiceCounter,
    private readonly failed?: MetricsServiceCounter,
    private readonly leaseLosses?: MetricsServiceCounter,
    private readonly phaseDuration?: MetricsServiceHistogram,
  ) {}

  /** Instruments that record nothing, for tests and tools without metrics. */
  static noop(): EngineMetrics {
    return new EngineMetrics();
  }

  static create(
    metrics: MetricsService,
    queueDepth: () => Promise<number>,
  ): EngineMetrics {
    const gauge = metrics.createObservableGauge('migration.tasks.queue_depth', {
      description:
        'Tasks ready to run now in running or rolling-back migrations',
      unit: '{task}',
    });
    gauge.addCallback(async result => {
      result.observe(await queueDepth());
    });
    return new EngineMetrics(
      metrics.createCounter('migration.tasks.claimed', {
        description: 'Tasks leased by a worker of this replica',
        unit: '{task}',
      }),
      metrics.createCounter('migration.tasks.succeeded', {
        description: 'Task attempts that succeeded',
        unit: '{task}',
      }),
      metrics.createCounter('migration.tasks.failed', {
        description:
          'Task attempts that failed (attribute final: out of attempts)',
        unit: '{task}',
      }),
      metrics.createCounter('migration.tasks.lease_losses', {
        description:
          'Running tasks whose lease was lost; their result is discarded',
        unit: '{task}',
      }),
      metrics.createHistogram('migration.phase.duration', {
        description: 'Time from a phase opening to its last task finishing',
        unit: 's',
        advice: {
          explicitBucketBoundaries: [
            1, 5, 15, 60, 300, 900, 3600, 14400, 86400,
          ],
        },
      }),
    );
  }

  taskClaimed(taskType: string, mode: string): void {
    this.claimed?.add(1, { task_type: taskType, mode });
  }

  taskSucceeded(taskType: string, mode: string): void {
    this.succeeded?.add(1, { task_type: taskType, mode });
  }

  taskFailed(taskType: string, mode: string, final: boolean): void {
    this.failed?.add(1, { task_type: taskType, mode, final });
  }

  leaseLost(taskType: string): void {
    this.leaseLosses?.add(1, { task_type: taskType });
  }

  phaseCompleted(phase: MigrationPhase, durationMs: number): void {
    this.phaseDuration?.record(durationMs / 1000, { phase });
  }
}
