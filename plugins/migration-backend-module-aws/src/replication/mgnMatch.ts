import type { SourceServer } from '@aws-sdk/client-mgn';
import type {
  ReplicatedServer,
  ReplicationCandidate,
  ServerMatchResult,
} from '@sirsi-nexus/plugin-migration-node';

/** Where the operator installs what makes a server known to MGN. */
export const MGN_AGENT_DOCS =
  'https://docs.aws.amazon.com/mgn/latest/ug/agent-installation.html';
export const MGN_VCENTER_DOCS =
  'https://docs.aws.amazon.com/mgn/latest/ug/agentless-mgn.html';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Host names as given, their first labels (without DNS suffix), and whether any is an FQDN. */
function nameForms(names: Array<string | undefined>) {
  const full = new Set<string>();
  const short = new Set<string>();
  let qualified = false;
  for (const raw of names) {
    if (!raw?.trim()) continue;
    const name = normalizeName(raw);
    full.add(name);
    if (IPV4.test(name)) continue;
    short.add(name.split('.')[0]);
    qualified ||= name.includes('.');
  }
  return { full, short, qualified };
}

function serverNames(server: SourceServer) {
  const hints = server.sourceProperties?.identificationHints;
  return nameForms([hints?.hostname, hints?.fqdn]);
}

function serverIps(server: SourceServer): Set<string> {
  return new Set(
    (server.sourceProperties?.networkInterfaces ?? []).flatMap(
      n => n.ips ?? [],
    ),
  );
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const value of a) if (b.has(value)) return true;
  return false;
}

interface Tier {
  by: string;
  matches(candidate: ReplicationCandidate, server: SourceServer): boolean;
}

const TIERS: Tier[] = [
  {
    by: 'host name',
    matches: (c, s) =>
      overlaps(nameForms(c.hostnames ?? []).full, serverNames(s).full),
  },
  {
    by: 'host name without DNS suffix',
    // `web01` matches `web01.corp.example.com`; two different FQDNs never match.
    matches: (c, s) => {
      const mine = nameForms(c.hostnames ?? []);
      const theirs = serverNames(s);
      return (
        !(mine.qualified && theirs.qualified) &&
        overlaps(mine.short, theirs.short)
      );
    },
  },
  {
    by: 'IP address',
    // Private addresses repeat across sites: an address match whose host names disagree is no match.
    matches: (c, s) => {
      if (!overlaps(new Set(c.ipAddresses ?? []), serverIps(s))) return false;
      const mine = nameForms(c.hostnames ?? []).short;
      const theirs = serverNames(s).short;
      return mine.size === 0 || theirs.size === 0 || overlaps(mine, theirs);
    },
  },
  {
    by: 'EC2 instance id',
    matches: (c, s) => {
      const id = s.sourceProperties?.identificationHints?.awsInstanceID;
      return !!id && id.toLowerCase() === c.externalId?.toLowerCase();
    },
  },
];

function label(server: SourceServer): string {
  const hints = server.sourceProperties?.identificationHints;
  return hints?.fqdn || hints?.hostname || server.sourceServerID!;
}

/**
 * The source server of one candidate: the first tier with exactly one hit wins; several hits
 * narrow the pool for the next tier; a pool that stays ambiguous is no match.
 */
function matchOne(
  candidate: ReplicationCandidate,
  servers: SourceServer[],
): { server: SourceServer } | { ambiguous: SourceServer[] } | undefined {
  let pool = servers;
  for (const tier of TIERS) {
    const hits = pool.filter(s => tier.matches(candidate, s));
    if (hits.length === 1) return { server: hits[0] };
    if (hits.length > 1) pool = hits;
  }
  return pool !== servers ? { ambiguous: pool } : undefined;
}

function unknownReason(candidate: ReplicationCandidate, region: string) {
  const known = [
    ...(candidate.hostnames ?? []),
    ...(candidate.ipAddresses ?? []),
  ].join(', ');
  return (
    `No source server in AWS Application Migration Service (${region}) matches ${candidate.name}` +
    ` by host name, IP address or EC2 instance id${
      known ? ` (${known})` : ''
    }.` +
    ` Install the AWS Replication Agent on ${candidate.name} (${MGN_AGENT_DOCS})` +
    ` or, for a vCenter VM, the MGN vCenter client (${MGN_VCENTER_DOCS}), and wait until the server appears in MGN.`
  );
}

/**
 * Matches discovered resources with MGN source servers: host name or FQDN (case-insensitive,
 * with and without DNS suffix), then IP addresses, then the EC2 instance id for moves within
 * AWS. A resource no server (or several) matches, or whose server another resource claims
 * too, is listed as unmatched with what the operator must do.
 */
export function matchSourceServers(
  candidates: ReplicationCandidate[],
  servers: SourceServer[],
  region: string,
): ServerMatchResult {
  const result: ServerMatchResult = { matched: [], unmatched: [] };
  const claimed = new Map<string, ReplicationCandidate[]>();
  const found = new Map<ReplicationCandidate, SourceServer>();
  for (const candidate of candidates) {
    const match = matchOne(candidate, servers);
    const unmatched = (reason: string) =>
      result.unmatched.push({
        entityRef: candidate.entityRef,
        name: candidate.name,
        reason,
      });
    if (!match) {
      unmatched(unknownReason(candidate, region));
    } else if ('ambiguous' in match) {
      unmatched(
        `Several MGN source servers match ${candidate.name}: ${match.ambiguous
          .map(s => `${s.sourceServerID} (${label(s)})`)
          .join(
            ', ',
          )}. Give the resource its FQDN or IP addresses, or archive the stale source servers in MGN.`,
      );
    } else {
      const id = match.server.sourceServerID!;
      found.set(candidate, match.server);
      claimed.set(id, [...(claimed.get(id) ?? []), candidate]);
    }
  }
  for (const [candidate, server] of found) {
    const claimants = claimed.get(server.sourceServerID!)!;
    if (claimants.length > 1) {
      result.unmatched.push({
        entityRef: candidate.entityRef,
        name: candidate.name,
        reason: `MGN source server ${server.sourceServerID} (${label(
          server,
        )}) matches several resources: ${claimants
          .map(c => c.name)
          .join(', ')}. Make their host names or addresses distinct.`,
      });
      continue;
    }
    const matched: ReplicatedServer = {
      entityRef: candidate.entityRef,
      name: candidate.name,
      serverId: server.sourceServerID!,
      serviceName: label(server),
    };
    result.matched.push(matched);
  }
  return result;
}
