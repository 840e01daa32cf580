import type { MigrationItem } from '@azure/arm-recoveryservices-siterecovery';
import type {
  ReplicationCandidate,
  ServerMatchResult,
} from '@sirsi-nexus/plugin-migration-node';
import { vmwareDetails } from './replicationState';

/** Full and short (before the first dot) lower-case forms of a host name or FQDN. */
function nameKeys(name: string | undefined): { full?: string; short?: string } {
  const full = name?.trim().replace(/\.$/, '').toLowerCase();
  if (!full) return {};
  return { full, short: full.split('.')[0] };
}

function sourceAddresses(item: MigrationItem): string[] {
  return (vmwareDetails(item)?.vmNics ?? [])
    .map(nic => nic.sourceIPAddress)
    .filter((ip): ip is string => !!ip);
}

type Rule = (candidate: ReplicationCandidate, item: MigrationItem) => boolean;

function candidateNames(c: ReplicationCandidate) {
  return [c.name, ...c.hostnames].map(nameKeys);
}

/** Matching rules, most specific first: the first rule that finds exactly one item decides. */
const RULES: Array<[string, Rule]> = [
  [
    'machine name',
    (c, item) => {
      const machine = nameKeys(item.properties?.machineName).full;
      return !!machine && candidateNames(c).some(n => n.full === machine);
    },
  ],
  [
    'host name without DNS suffix',
    (c, item) => {
      const machine = nameKeys(item.properties?.machineName).short;
      return !!machine && candidateNames(c).some(n => n.short === machine);
    },
  ],
  [
    'IP address',
    (c, item) => {
      const ips = sourceAddresses(item);
      return c.ipAddresses.some(ip => ips.includes(ip));
    },
  ],
];

/**
 * Pairs each resource with the migration item Azure Migrate replicates for it: by machine name
 * (case-insensitive, with or without DNS suffix), then by source IP address. A resource that no
 * item or several items match is listed as unmatched with the step the operator has to take.
 */
export function matchMigrationItems(
  resources: ReplicationCandidate[],
  items: MigrationItem[],
  vault: string,
): ServerMatchResult {
  const result: ServerMatchResult = { matched: [], unmatched: [] };
  for (const resource of resources) {
    let reason = `${resource.name} is not replicating in Recovery Services vault ${vault}: discover it with the Azure Migrate appliance, then start its replication (Azure Migrate project > Migration tools > Replicate)`;
    let found: MigrationItem | undefined;
    for (const [rule, matches] of RULES) {
      const hits = items.filter(item => matches(resource, item));
      if (hits.length === 1) {
        found = hits[0];
        break;
      }
      if (hits.length > 1) {
        reason = `${resource.name} matches ${
          hits.length
        } migration items in vault ${vault} by ${rule} (${hits
          .map(h => h.properties?.machineName ?? h.name)
          .join(', ')}): give the resource a unique host name or IP address`;
        break;
      }
    }
    if (found?.id) {
      result.matched.push({
        entityRef: resource.entityRef,
        name: resource.name,
        serverId: found.id,
        serviceName: found.properties?.machineName ?? found.name,
      });
    } else {
      result.unmatched.push({
        entityRef: resource.entityRef,
        name: resource.name,
        reason,
      });
    }
  }
  return result;
}
