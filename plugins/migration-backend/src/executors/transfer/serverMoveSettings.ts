import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A DNS zone the cutover may change (`migration.dns.zones[]`); the cloud module of `provider`
 * reads its own block of the entry.
 *
 * @public
 */
export interface DnsZoneSetting {
  /** The zone's domain, lower case without trailing dot. */
  name: string;
  /** The cloud whose DNS service holds the zone (`aws`, `azure`, `gcp`). */
  provider: string;
}

/**
 * What moving servers and switching DNS read from `migration.replication` and `migration.dns`.
 *
 * @public
 */
export interface ServerMoveSettings {
  replication: {
    /** A server is ready for its test or cutover when its lag is at most this. */
    maxLagSeconds: number;
    /** A server whose replication made no progress for this long fails the wave. */
    stallTimeoutMs: number;
    /** How often replication and jobs are polled; the task waits in between without a worker. */
    pollIntervalMs: number;
    /** A job (test launch, cutover, finalize, revert) still running after this fails. */
    jobTimeoutMs: number;
    /** Archive finalized servers in the service when it has such a step (MGN). */
    archiveFinalized: boolean;
  };
  dns: {
    zones: DnsZoneSetting[];
    /** TTL the records get ahead of the window and keep through the switch. */
    lowerTtlSeconds: number;
    /** A change not on every name server after this fails the step. */
    syncTimeoutMs: number;
  };
}

const minutes = (value: number) => value * 60_000;

function readZones(config: Config): DnsZoneSetting[] {
  const zones: DnsZoneSetting[] = [];
  (config.getOptionalConfigArray('migration.dns.zones') ?? []).forEach(
    (entry, i) => {
      const name = entry
        .getString('name')
        .trim()
        .toLowerCase()
        .replace(/\.$/, '');
      if (zones.some(z => z.name === name)) {
        throw new InputError(
          `migration.dns.zones[${i}].name: zone ${name} is configured twice`,
        );
      }
      zones.push({ name, provider: entry.getString('provider') });
    },
  );
  return zones;
}

/**
 * Reads `migration.replication` and `migration.dns` with their defaults.
 *
 * @public
 */
export function readServerMoveSettings(config: Config): ServerMoveSettings {
  const replication = config.getOptionalConfig('migration.replication');
  const dns = config.getOptionalConfig('migration.dns');
  return {
    replication: {
      maxLagSeconds: replication?.getOptionalNumber('maxLagSeconds') ?? 300,
      stallTimeoutMs: minutes(
        replication?.getOptionalNumber('timeoutMinutes') ?? 120,
      ),
      pollIntervalMs:
        (replication?.getOptionalNumber('pollIntervalSeconds') ?? 60) * 1000,
      jobTimeoutMs: minutes(
        replication?.getOptionalNumber('jobTimeoutMinutes') ?? 180,
      ),
      archiveFinalized:
        replication?.getOptionalBoolean('archiveFinalized') ?? true,
    },
    dns: {
      zones: readZones(config),
      lowerTtlSeconds: dns?.getOptionalNumber('lowerTtlSeconds') ?? 60,
      syncTimeoutMs: minutes(
        dns?.getOptionalNumber('syncTimeoutMinutes') ?? 30,
      ),
    },
  };
}
