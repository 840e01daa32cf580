import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  type CapabilityTarget,
  type CloudCapabilityLookup,
  type ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';

/** The migration target a capability is asked for. */
export function capabilityTarget(migration: Migration): CapabilityTarget {
  return {
    provider: migration.target.provider,
    region: migration.target.region,
    environmentId: migration.target.environmentId,
  };
}

/** The target cloud's migration service, when its module offers one for this target. */
export function replicatorOf(
  migration: Migration,
  capabilities: CloudCapabilityLookup,
): ServerReplicator | undefined {
  return capabilities
    .get(migration.target.provider)
    .serverReplicator?.(capabilityTarget(migration));
}

/** Why servers are not moved when there is no migration service. */
export function noReplicatorReason(migration: Migration): string {
  return `No installed cloud module offers a server migration service for ${migration.target.provider} targets in ${migration.target.region} (add the ${migration.target.provider} migration module and configure its replication)`;
}

/** The migration service, or a permanent error saying why there is none. */
export function requireReplicator(
  migration: Migration,
  capabilities: CloudCapabilityLookup,
): ServerReplicator {
  const replicator = replicatorOf(migration, capabilities);
  if (!replicator) throw new PermanentTaskError(noReplicatorReason(migration));
  return replicator;
}
