import type {
  DnsCutoverArtifact,
  MigrationReport,
  ServerTransferStatus,
  TransferArtifact,
} from '@sirsi-nexus/plugin-migration-common';

const addresses = (instance?: { id: string; addresses: string[] }) =>
  instance ? instance.addresses.join(', ') || instance.id : 'no address';

/** What happened to a server, in the report's words. */
function serverDetail(s: ServerTransferStatus, service: string): string {
  switch (s.step) {
    case 'testing':
      return `test instance ${addresses(
        s.testInstance,
      )} launched through ${service}`;
    case 'tested':
      return `tested on ${addresses(
        s.testInstance,
      )} through ${service}; the test instance was terminated`;
    case 'cut_over':
      return `cut over to ${addresses(
        s.cutoverInstance,
      )} through ${service}; not finalized`;
    case 'finalized':
      return `cut over to ${addresses(
        s.cutoverInstance,
      )} and finalized through ${service}; the source was left running`;
    case 'reverted':
      return `reverted by the rollback: ${
        s.message ?? 'the source is authoritative'
      }`;
    case 'healthy':
    case 'replicating':
      return `replicating through ${service}${
        s.lagSeconds !== undefined ? ` (lag ${Math.round(s.lagSeconds)} s)` : ''
      }`;
    default:
      return s.message ?? s.step;
  }
}

/** The servers moved through the target's migration service: tested, cut over, finalized or reverted. */
export function movedServers(
  transfer: TransferArtifact | undefined,
): MigrationReport['moved'] {
  const replication = transfer?.replication;
  const service = replication?.service ?? 'the migration service';
  return [
    ...(replication?.servers ?? []).map(s => ({
      name: s.name,
      kind: 'server' as const,
      detail: serverDetail(s, service),
      bytes: s.totalBytes || undefined,
      status: s.step,
    })),
    ...(replication?.skipped ?? []).map(s => ({
      name: s.name,
      kind: 'server' as const,
      detail: s.reason,
      status: 'not moved',
    })),
  ];
}

/** The DNS records the cutover switched, restored or skipped. */
export function movedDnsRecords(
  dns: DnsCutoverArtifact | undefined,
): MigrationReport['moved'] {
  return (dns?.execution?.records ?? []).map(r => {
    const before = r.previous ? r.previous.values.join(', ') : 'no record';
    const details: Record<string, string> = {
      recorded: `${before} (not changed)`,
      'ttl-lowered': `${before}, TTL lowered ahead of a switch that did not happen (${r.service})`,
      switched: `${before} → ${r.target?.values.join(', ')} (${r.service})`,
      restored: `switched back to ${before} by the rollback (${r.service})`,
      removed: `removed by the rollback: it did not exist before (${r.service})`,
      skipped: r.reason ?? 'skipped',
    };
    return {
      name: `${r.name} ${r.type}`,
      kind: 'dns' as const,
      detail: details[r.state] ?? r.state,
      status: r.state,
    };
  });
}
