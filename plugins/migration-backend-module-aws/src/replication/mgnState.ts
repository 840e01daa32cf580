import type { SourceServer } from '@aws-sdk/client-mgn';
import type {
  LaunchedInstance,
  ReplicationHealth,
  ReplicationLifecycle,
  ReplicationState,
} from '@sirsi-nexus/plugin-migration-node';

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;
const UNIT_SECONDS = [365 * 86400, 30 * 86400, 7 * 86400, 86400, 3600, 60, 1];

/** Seconds of an ISO-8601 duration such as MGN's `lagDuration` (`PT1M30S`); undefined when it is none. */
export function parseIsoDuration(
  value: string | undefined,
): number | undefined {
  const match = value ? DURATION.exec(value) : null;
  if (!match || value === 'P' || value!.endsWith('T')) return undefined;
  return UNIT_SECONDS.reduce(
    (sum, unit, i) => sum + (match[i + 1] ? Number(match[i + 1]) * unit : 0),
    0,
  );
}

/** Replication states in which data moves towards the first full copy. */
const SYNCING = new Set([
  'INITIAL_SYNC',
  'RESCAN',
  'CREATING_SNAPSHOT',
  'PENDING_SNAPSHOT_SHIPPING',
  'SHIPPING_SNAPSHOT',
]);

function errorText(server: SourceServer): string | undefined {
  const info = server.dataReplicationInfo;
  const error = info?.dataReplicationError;
  if (error?.error) {
    return error.rawError ? `${error.error}: ${error.rawError}` : error.error;
  }
  const failed = info?.dataReplicationInitiation?.steps?.find(
    s => s.status === 'FAILED',
  );
  return failed
    ? `Replication initiation step ${failed.name} failed`
    : undefined;
}

function health(
  server: SourceServer,
  lagSeconds: number | undefined,
  maxLagSeconds: number | undefined,
): { health: ReplicationHealth; message?: string } {
  const state = server.dataReplicationInfo?.dataReplicationState;
  const error = errorText(server);
  if (state === 'STALLED') {
    return {
      health: 'stalled',
      message: error ?? 'MGN reports the replication as stalled',
    };
  }
  if (state === 'DISCONNECTED') {
    return {
      health: 'disconnected',
      message:
        server.lifeCycle?.state === 'CUTOVER'
          ? 'Replication ended with the finalized cutover'
          : error ?? 'The AWS Replication Agent is not connected to MGN',
    };
  }
  if (error) return { health: 'error', message: error };
  if (state === 'PAUSED' || state === 'STOPPED') {
    return {
      health: 'stalled',
      message: `Replication is ${state.toLowerCase()} in MGN; ${
        state === 'PAUSED' ? 'resume' : 'start'
      } it to continue`,
    };
  }
  if (state === 'BACKLOG') {
    return { health: 'lagging', message: 'MGN reports a replication backlog' };
  }
  if (state === 'CONTINUOUS') {
    if (
      lagSeconds !== undefined &&
      maxLagSeconds !== undefined &&
      lagSeconds > maxLagSeconds
    ) {
      return {
        health: 'lagging',
        message: `Replication lags ${lagSeconds} s behind the source (at most ${maxLagSeconds} s allowed)`,
      };
    }
    return { health: 'healthy' };
  }
  if (state && SYNCING.has(state)) return { health: 'replicating' };
  return {
    health: 'initiating',
    message: state ? undefined : 'Replication has not started yet',
  };
}

/** Whether the instance MGN launched last belongs to the last cutover (else to a test). */
function launchedForCutover(server: SourceServer): boolean {
  const jobId = server.launchedInstance?.jobID;
  const cutover = server.lifeCycle?.lastCutover?.initiated?.jobID;
  const test = server.lifeCycle?.lastTest?.initiated?.jobID;
  if (jobId && jobId === cutover) return true;
  if (jobId && jobId === test) return false;
  return ['CUTTING_OVER', 'CUTOVER'].includes(server.lifeCycle?.state ?? '');
}

function lifecycle(server: SourceServer): ReplicationLifecycle {
  if (server.isArchived) return 'archived';
  switch (server.lifeCycle?.state) {
    case 'READY_FOR_TEST':
      return 'ready_for_test';
    case 'TESTING':
      return 'testing';
    case 'READY_FOR_CUTOVER':
      return 'ready_for_cutover';
    case 'CUTTING_OVER':
      return launchedForCutover(server) &&
        server.launchedInstance?.firstBoot === 'SUCCEEDED'
        ? 'cutover'
        : 'cutting_over';
    case 'CUTOVER':
      // FinalizeCutover sets CUTOVER: MGN's "cutover complete".
      return 'finalized';
    default:
      return 'not_ready';
  }
}

/**
 * The replication state of one MGN source server: bytes summed over its replicated disks, lag
 * and ETA from `dataReplicationInfo`, health from the replication state and error, life cycle
 * from `lifeCycle.state`, and the instance it launched last (addresses from `instances`).
 */
export function toReplicationState(
  server: SourceServer,
  options: {
    instances: Map<string, LaunchedInstance>;
    maxLagSeconds?: number;
    now: number;
  },
): ReplicationState {
  const info = server.dataReplicationInfo;
  const disks = info?.replicatedDisks ?? [];
  const sum = (pick: (d: (typeof disks)[number]) => number | undefined) =>
    disks.reduce((total, d) => total + (pick(d) ?? 0), 0);
  const lagSeconds = parseIsoDuration(info?.lagDuration);
  const eta = info?.etaDateTime ? Date.parse(info.etaDateTime) : NaN;
  const state: ReplicationState = {
    serverId: server.sourceServerID!,
    ...health(server, lagSeconds, options.maxLagSeconds),
    lifecycle: lifecycle(server),
    replicatedBytes: sum(d => d.replicatedStorageBytes),
    totalBytes: sum(d => d.totalStorageBytes),
    backlogBytes: sum(d => d.backloggedStorageBytes),
    lagSeconds,
    etaSeconds: Number.isNaN(eta)
      ? undefined
      : Math.max(0, Math.round((eta - options.now) / 1000)),
  };
  if (state.message === undefined) delete state.message;
  const instanceId = server.launchedInstance?.ec2InstanceID;
  const instance = instanceId ? options.instances.get(instanceId) : undefined;
  if (instance) {
    if (launchedForCutover(server)) state.cutoverInstance = instance;
    else state.testInstance = instance;
  }
  return state;
}
