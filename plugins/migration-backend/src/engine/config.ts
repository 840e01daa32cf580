import type { Config } from '@backstage/config';
import { DEFAULT_MAX_LEASE_EXPIRIES } from '../database/knex/KnexTaskQueue';
import {
  isMigrationPhase,
  type MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * How the engine retries failed tasks.
 *
 * @public
 */
export interface RetryPolicy {
  /** Attempts per task unless its executor sets `maxAttempts`. */
  maxAttempts: number;
  /** Delay before the second attempt; doubles per attempt, with jitter. */
  initialBackoffMs: number;
  maxBackoffMs: number;
}

/**
 * Timings and limits of the engine's workers, read from `migration.engine`.
 *
 * @public
 */
export interface EngineOptions {
  /** Whether this replica runs workers (API-only replicas set it to false). */
  workerEnabled: boolean;
  /** Tasks one replica runs at the same time. */
  concurrency: number;
  leaseDurationMs: number;
  heartbeatIntervalMs: number;
  /** How often an idle worker looks for work (it is also woken when this replica enqueues work). */
  pollIntervalMs: number;
  /** How often expired leases are returned and stalled migrations re-examined. */
  janitorIntervalMs: number;
  /** Longest back-off of the claim loop after database errors. */
  maxClaimBackoffMs: number;
  /** Minimum time between two stored progress updates of one task. */
  progressThrottleMs: number;
  /** Largest artifact a task may store. */
  maxArtifactBytes: number;
  /**
   * Leases of one task that may expire (its worker died) before it fails; counted apart from the
   * attempts, which only errors the executor threw consume.
   */
  maxLeaseExpiries: number;
  retry: RetryPolicy;
}

/**
 * Approval gates, read from `migration.approvals`.
 *
 * @public
 */
export interface ApprovalOptions {
  phases: MigrationPhase[];
  separationOfDuties: boolean;
}

/**
 * Everything under `migration.*` the engine reads.
 *
 * @public
 */
export interface MigrationEngineConfig {
  engine: EngineOptions;
  approvals: ApprovalOptions;
  /** Text of the organisation's migration policy requesters must acknowledge, when set. */
  policyAcknowledgement?: string;
}

/** Defaults of `migration.engine`. */
export const DEFAULT_ENGINE_OPTIONS: EngineOptions = {
  workerEnabled: true,
  concurrency: 4,
  leaseDurationMs: 15_000,
  heartbeatIntervalMs: 1_000,
  pollIntervalMs: 500,
  janitorIntervalMs: 5_000,
  maxClaimBackoffMs: 10_000,
  progressThrottleMs: 250,
  maxArtifactBytes: 64 * 1024 * 1024,
  maxLeaseExpiries: DEFAULT_MAX_LEASE_EXPIRIES,
  retry: { maxAttempts: 3, initialBackoffMs: 1_000, maxBackoffMs: 60_000 },
};

/** Default of `migration.approvals.phases`. */
export const DEFAULT_GATED_PHASES: MigrationPhase[] = ['build', 'transfer'];

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  prefix: string,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${prefix}.${key} must be a positive number`);
  }
  return value;
}

type NumericOption = {
  [K in keyof EngineOptions]: EngineOptions[K] extends number ? K : never;
}[keyof EngineOptions];

function readRetryPolicy(retry: Config | undefined): RetryPolicy {
  const d = DEFAULT_ENGINE_OPTIONS.retry;
  const p = 'migration.engine.retry';
  return {
    maxAttempts: Math.floor(positive(retry, 'maxAttempts', d.maxAttempts, p)),
    initialBackoffMs: positive(
      retry,
      'initialBackoffMs',
      d.initialBackoffMs,
      p,
    ),
    maxBackoffMs: positive(retry, 'maxBackoffMs', d.maxBackoffMs, p),
  };
}

function readEngineOptions(config: Config): EngineOptions {
  const engineConfig = config.getOptionalConfig('migration.engine');
  const d = DEFAULT_ENGINE_OPTIONS;
  const p = 'migration.engine';
  const number = (key: NumericOption) => positive(engineConfig, key, d[key], p);
  const engine: EngineOptions = {
    workerEnabled:
      engineConfig?.getOptionalBoolean('workerEnabled') ?? d.workerEnabled,
    concurrency: Math.floor(number('concurrency')),
    leaseDurationMs: number('leaseDurationMs'),
    heartbeatIntervalMs: number('heartbeatIntervalMs'),
    pollIntervalMs: number('pollIntervalMs'),
    janitorIntervalMs: number('janitorIntervalMs'),
    maxClaimBackoffMs: number('maxClaimBackoffMs'),
    progressThrottleMs:
      engineConfig?.getOptionalNumber('progressThrottleMs') ??
      d.progressThrottleMs,
    maxArtifactBytes: number('maxArtifactBytes'),
    maxLeaseExpiries: Math.floor(number('maxLeaseExpiries')),
    retry: readRetryPolicy(engineConfig?.getOptionalConfig('retry')),
  };
  if (engine.heartbeatIntervalMs >= engine.leaseDurationMs) {
    throw new Error(
      `${p}.heartbeatIntervalMs (${engine.heartbeatIntervalMs}) must be shorter than ${p}.leaseDurationMs (${engine.leaseDurationMs})`,
    );
  }
  return engine;
}

function readApprovalOptions(config: Config): ApprovalOptions {
  const phases =
    config.getOptionalStringArray('migration.approvals.phases') ??
    DEFAULT_GATED_PHASES;
  for (const phase of phases) {
    if (!isMigrationPhase(phase)) {
      throw new Error(
        `migration.approvals.phases: "${phase}" is not a migration phase`,
      );
    }
  }
  return {
    phases: [...new Set(phases)] as MigrationPhase[],
    separationOfDuties:
      config.getOptionalBoolean('migration.approvals.separationOfDuties') ??
      true,
  };
}

/**
 * Reads `migration.engine`, `migration.approvals` and `migration.policy`, applying defaults and
 * rejecting values that would break the engine (with the key named).
 *
 * @public
 */
export function readMigrationEngineConfig(
  config: Config,
): MigrationEngineConfig {
  const engine = readEngineOptions(config);
  const approvals = readApprovalOptions(config);
  const acknowledgement = config
    .getOptionalString('migration.policy.acknowledgement')
    ?.trim();
  return {
    engine,
    approvals,
    policyAcknowledgement: acknowledgement ? acknowledgement : undefined,
  };
}
