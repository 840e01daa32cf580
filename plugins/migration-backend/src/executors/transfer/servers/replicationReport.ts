import {
  MIGRATION_ARTIFACTS,
  type ServerReplicationReport,
  type ServerTransferStatus,
  type TransferArtifact,
  type TransferError,
  type TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  type ArtifactReader,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';

/** Steps after which a server no longer waits for replication. */
const SETTLED = new Set([
  'healthy',
  'testing',
  'tested',
  'cut_over',
  'finalized',
  'reverted',
]);

function errorsOf(servers: ServerTransferStatus[]): TransferError[] {
  return servers
    .filter(
      s =>
        s.step === 'unmatched' ||
        s.step === 'failed' ||
        ['error', 'stalled', 'disconnected'].includes(s.health ?? ''),
    )
    .map(s => ({
      at: s.updatedAt,
      resource: s.name,
      message: s.message ?? `${s.name}: ${s.health ?? s.step}`,
      retried: s.step !== 'unmatched' && s.step !== 'failed',
    }));
}

function stateOf(servers: ServerTransferStatus[]): TransferStatus['state'] {
  if (servers.some(s => s.step === 'failed' || s.step === 'unmatched')) {
    return 'failed';
  }
  return servers.every(s => SETTLED.has(s.step)) ? 'completed' : 'running';
}

/**
 * The servers summed up in the `TransferStatus` shape: replicated bytes of the total, the speed of
 * all, the longest ETA, the server furthest behind as the current resource, and what is wrong.
 */
export function summarizeServers(
  servers: ServerTransferStatus[],
): ServerReplicationReport['status'] {
  const waiting = servers.filter(s => !SETTLED.has(s.step));
  const behind = [...waiting].sort(
    (a, b) => (b.lagSeconds ?? Infinity) - (a.lagSeconds ?? Infinity),
  )[0];
  const etas = waiting
    .map(s => s.etaSeconds)
    .filter((e): e is number => e !== undefined);
  return {
    state: stateOf(servers),
    bytesTransferred: servers.reduce((n, s) => n + s.bytesTransferred, 0),
    totalBytes: servers.reduce((n, s) => n + s.totalBytes, 0),
    speedBytesPerSecond: servers.reduce((n, s) => n + s.speedBytesPerSecond, 0),
    etaSeconds: etas.length ? Math.max(...etas) : undefined,
    currentResource: behind?.name,
    errors: errorsOf(servers),
  };
}

function emptyTransfer(ctx: TaskContext): TransferArtifact {
  return {
    rehearsal: ctx.migration.options.rehearsal === true,
    destination: '',
    status: {
      state: 'completed',
      bytesTransferred: 0,
      totalBytes: 0,
      speedBytesPerSecond: 0,
      errors: [],
      objects: [],
    },
    imageCopies: [],
    statements: [],
  };
}

/** The servers as `transfer.json` records them (none before the first server task). */
export async function readReplication(ctx: {
  artifacts: ArtifactReader;
}): Promise<ServerReplicationReport | undefined> {
  return (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.transfer))
    ?.replication;
}

/**
 * Changes the servers of `transfer.json` (and, through `statement`, its statements) and stores
 * it with the summary recomputed. Server tasks run one after the other, so nothing else writes
 * the artifact meanwhile.
 */
export async function updateReplication(
  ctx: TaskContext,
  change: (report: ServerReplicationReport) => void,
  statement?: string,
): Promise<ServerReplicationReport> {
  const transfer =
    (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.transfer)) ??
    emptyTransfer(ctx);
  const report: ServerReplicationReport = transfer.replication ?? {
    status: summarizeServers([]),
    servers: [],
    skipped: [],
  };
  change(report);
  report.status = summarizeServers(report.servers);
  transfer.replication = report;
  if (statement && !transfer.statements.includes(statement)) {
    transfer.statements.push(statement);
  }
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.transfer, transfer);
  return report;
}

/** Replaces (or adds) the records of these servers, keyed by entity ref. */
export function putServers(
  report: ServerReplicationReport,
  servers: ServerTransferStatus[],
): void {
  const refs = new Set(servers.map(s => s.entityRef));
  report.servers = [
    ...report.servers.filter(s => !refs.has(s.entityRef)),
    ...servers,
  ].sort((a, b) => a.wave - b.wave || a.name.localeCompare(b.name));
}
