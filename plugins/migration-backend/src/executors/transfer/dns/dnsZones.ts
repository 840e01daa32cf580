import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  type CloudCapabilityLookup,
  type DnsCutover,
} from '@sirsi-nexus/plugin-migration-node';
import type { DnsZoneSetting } from '../serverMoveSettings';
import { capabilityTarget } from '../servers/replicatorOf';

/** The configured zone holding a name: the longest zone the name is in. */
export function zoneOf(
  zones: DnsZoneSetting[],
  name: string,
): DnsZoneSetting | undefined {
  return zones
    .filter(z => name === z.name || name.endsWith(`.${z.name}`))
    .sort((a, b) => b.name.length - a.name.length)[0];
}

/**
 * The DNS service that changes a zone: the one of the zone's own cloud, whatever the target cloud
 * (a move to Azure may switch names held in Route 53).
 */
export function dnsServiceOf(
  migration: Migration,
  capabilities: CloudCapabilityLookup,
  zone: DnsZoneSetting,
): DnsCutover | undefined {
  return capabilities
    .get(zone.provider)
    .dnsCutover?.(capabilityTarget(migration));
}

/**
 * The DNS service of a zone a record was stored for; fails when the zone left the configuration
 * or its cloud module is gone since.
 */
export function requireDnsService(
  migration: Migration,
  capabilities: CloudCapabilityLookup,
  zones: DnsZoneSetting[],
  zoneName: string,
): DnsCutover {
  const zone = zones.find(z => z.name === zoneName);
  const dns = zone && dnsServiceOf(migration, capabilities, zone);
  if (!dns) {
    throw new PermanentTaskError(
      `Zone ${zoneName} is no longer in migration.dns.zones or its cloud module is not installed; restore the configuration, then retry`,
    );
  }
  return dns;
}
