import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the SirsiNexus Migrate plugins. */
  migration?: {
    /** Approval gates of the migration engine. */
    approvals?: {
      /**
       * Phases that stop in `awaiting_approval` until someone with `migration.approve` decides.
       * Fixed per migration when it is created. Default: `[build, transfer]`; `[]` for none.
       */
      phases?: Array<
        | 'environment'
        | 'plan'
        | 'specify'
        | 'test'
        | 'build'
        | 'transfer'
        | 'validate'
        | 'optimize'
        | 'support'
      >;
      /**
       * When true (the default) whoever requested a migration cannot approve its gates, not even
       * with `migration.admin`. They may still reject (or cancel) their own request.
       */
      separationOfDuties?: boolean;
      /**
       * Groups (or users) told through Backstage notifications when a gate waits for a decision,
       * once per gate, with the plan summary and a link to the approvals inbox; usually the groups
       * the permission policy lets approve. With separation of duties on, the requester is left out.
       * No one is told when not set.
       */
      approverGroups?: string[];
    };

    /**
     * Instance prices from the clouds' public price sources (Azure Retail Prices API, AWS Price
     * List, Google Cloud Billing Catalog) for the assessment. See docs/assessment.md.
     */
    prices?: {
      /**
       * When to read the installed clouds' price sources and store each one's catalog, e.g.
       * `{ frequency: { cron: '0 3 * * 0' }, timeout: { hours: 1 } }`. Runs on one replica at a
       * time. Off when not set: the assessment uses the shipped catalogs (or catalogs stored before).
       */
      refresh?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Regions to read per provider, e.g. `{ aws: [eu-west-1], azure: [westeurope] }`; every
       * region the source publishes when a provider is not listed.
       */
      regions?: { [provider: string]: string[] };
      /** Catalogs kept per provider, newest first (default 3). */
      keep?: number;
      /**
       * How throttled calls of the AWS Price List and the Cloud Billing Catalog are retried
       * (default 6 attempts from 500 ms, at most 30 s, never sooner than the service's
       * `Retry-After`); rejected credentials are never retried.
       */
      retry?: {
        maxAttempts?: number;
        baseDelayMs?: number;
        maxDelayMs?: number;
      };
    };

    /** The support phase's scheduled work. */
    support?: {
      /**
       * How often the backend looks for operational reports that are due by their migration's
       * `reportSchedule` (default every 5 minutes, after 1 minute, timeout 10 minutes). Runs on
       * one replica at a time.
       */
      reportCheck?: SchedulerServiceTaskScheduleDefinitionConfig;
    };

    /**
     * Servers moved by the target cloud's migration service (AWS MGN, Azure Migrate, Google
     * Migrate to Virtual Machines) in the transfer phase.
     */
    replication?: {
      /** A server is ready for its test or cutover when its replica lags at most this (default 300). */
      maxLagSeconds?: number;
      /**
       * A server whose replication makes no progress (bytes, lag) for this long fails its wave with
       * the lag figure (default 120). A retry of the task starts the clock again.
       */
      timeoutMinutes?: number;
      /** How often replication and jobs are polled; the task waits without a worker (default 60). */
      pollIntervalSeconds?: number;
      /** A test, cutover, finalize or revert job still running after this fails (default 180). */
      jobTimeoutMinutes?: number;
      /** Archive finalized servers where the service has such a step (MGN; default true). */
      archiveFinalized?: boolean;
    };

    /** DNS records switched at cutover and restored by a rollback. */
    dns?: {
      /**
       * Zones the cutover may change. A name is switched through the DNS service of the longest
       * zone that holds it; the cloud module of `provider` reads its own block of the entry (e.g.
       * `aws.hostedZoneId`, `azure.resourceGroup`, `gcp.managedZone`).
       */
      zones?: Array<{
        /** The zone's domain, e.g. `example.com`. */
        name: string;
        /** The cloud whose DNS service holds the zone: `aws`, `azure` or `gcp`. */
        provider: string;
      }>;
      /** TTL the records get ahead of the maintenance window and keep through the switch (default 60). */
      lowerTtlSeconds?: number;
      /** A change not on every name server after this fails its step (default 30). */
      syncTimeoutMinutes?: number;
    };

    /** The organisation's migration policy. */
    policy?: {
      /**
       * Text requesters must acknowledge (`policyAcknowledged: true` on `POST /migrations`). The
       * acknowledged text is recorded in the migration's audit trail. Unset: nothing is required.
       */
      acknowledgement?: string;
    };

    /** Workers, leases and retries of the migration engine. */
    engine?: {
      /** Run workers on this replica (default true); set false for API-only replicas. */
      workerEnabled?: boolean;
      /** Tasks one replica runs at the same time (default 4). */
      concurrency?: number;
      /** How long a claimed task's lease lasts without a heartbeat, in ms (default 15000). */
      leaseDurationMs?: number;
      /**
       * How often a running task's lease is renewed, in ms (default 1000). It is also how quickly
       * other replicas notice a cancel, so keep it at 1000 or less for "aborted within 2 s".
       */
      heartbeatIntervalMs?: number;
      /** How often an idle worker looks for ready tasks, in ms (default 500). */
      pollIntervalMs?: number;
      /** How often expired leases are returned and stalled migrations re-examined, in ms (default 5000). */
      janitorIntervalMs?: number;
      /** Longest back-off of the claim loop after database errors, in ms (default 10000). */
      maxClaimBackoffMs?: number;
      /** Minimum time between two stored progress updates of a task, in ms (default 250). */
      progressThrottleMs?: number;
      /** Largest artifact a task may store, in bytes (default 64 MiB). */
      maxArtifactBytes?: number;
      /**
       * Leases of one task that may expire because its worker died (process killed, database
       * lost) before the task fails with "the workers kept dying" (default 10). Counted apart from
       * `retry.maxAttempts`, which counts errors the executor threw; a retry resets both.
       */
      maxLeaseExpiries?: number;
      /** Retries of failed tasks. */
      retry?: {
        /** Attempts per task unless its executor sets `maxAttempts` (default 3). */
        maxAttempts?: number;
        /** Delay before the second attempt in ms; doubles per attempt, with jitter (default 1000). */
        initialBackoffMs?: number;
        /** Longest delay between attempts in ms (default 60000). */
        maxBackoffMs?: number;
      };
    };
  };
}
