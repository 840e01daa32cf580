import { isIP } from 'node:net';
import type {
  LaunchedInstance,
  ReplicationHealth,
  ReplicationLifecycle,
  ReplicationState,
} from '@sirsi-nexus/plugin-migration-node';
import type {
  ComputeEngineTargetDetails,
  MigratingVm,
  MigrationJob,
  ReplicationCycle,
} from './vmMigrationTypes';

const RUNNING_JOB = new Set(['PENDING', 'ACTIVE', 'ADAPTING_OS']);

const num = (value?: string) => (value ? Number(value) : undefined);

/** The Compute Engine instance a clone or cutover job made, as `projects/p/zones/z/instances/n`. */
export function instanceOf(
  details?: ComputeEngineTargetDetails,
): LaunchedInstance | undefined {
  if (!details?.vmName || !details.project || !details.zone) return undefined;
  const ips = (details.networkInterfaces ?? [])
    .flatMap(nic => [nic.internalIp, nic.externalIp])
    .filter((ip): ip is string => !!ip && isIP(ip) !== 0);
  return {
    id: `projects/${details.project}/zones/${details.zone}/instances/${details.vmName}`,
    addresses: ips,
  };
}

function committedBytes(vm: MigratingVm) {
  return (
    num(vm.vmwareSourceVmDetails?.committedStorageBytes) ??
    num(vm.awsSourceVmDetails?.committedStorageBytes) ??
    num(vm.azureSourceVmDetails?.committedStorageBytes) ??
    0
  );
}

/** Bytes and speed of the cycle's replicating step, when it has one. */
function replicating(cycle?: ReplicationCycle) {
  if (cycle?.state !== 'RUNNING') return undefined;
  const step = [...(cycle.steps ?? [])]
    .reverse()
    .find(s => s.replicating)?.replicating;
  if (!step) return undefined;
  return {
    total: num(step.totalBytes) ?? 0,
    replicated: num(step.replicatedBytes) ?? 0,
    rate: num(step.lastTwoMinutesAverageBytesPerSecond) ?? 0,
  };
}

function newest(jobs: MigrationJob[] | undefined, state: string) {
  return (jobs ?? [])
    .filter(job => job.state === state)
    .sort((a, b) => (b.createTime ?? '').localeCompare(a.createTime ?? ''))[0];
}

function activeLifecycle(vm: MigratingVm): ReplicationLifecycle {
  if ((vm.recentCloneJobs ?? []).some(job => RUNNING_JOB.has(job.state ?? '')))
    return 'testing';
  return newest(vm.recentCloneJobs, 'SUCCEEDED')
    ? 'ready_for_cutover'
    : 'ready_for_test';
}

/** Health and life cycle by the migrating VM's `state`, with the service's words when relevant. */
function judge(vm: MigratingVm): {
  health: ReplicationHealth;
  lifecycle: ReplicationLifecycle;
  message?: string;
} {
  const label = vm.displayName ?? vm.name;
  switch (vm.state) {
    case 'PENDING':
    case 'READY':
      return {
        health: 'initiating',
        lifecycle: 'not_ready',
        message: `replication of ${label} has not started (state ${vm.state}): start its migration in Migrate to Virtual Machines`,
      };
    case 'FIRST_SYNC':
      return { health: 'replicating', lifecycle: 'not_ready' };
    case 'ACTIVE':
      return vm.currentSyncInfo?.state === 'FAILED'
        ? {
            health: 'stalled',
            lifecycle: activeLifecycle(vm),
            message: `replication cycle ${
              vm.currentSyncInfo.cycleNumber ?? ''
            } failed: ${
              vm.currentSyncInfo.error?.message ?? 'no reason given'
            }`,
          }
        : { health: 'healthy', lifecycle: activeLifecycle(vm) };
    case 'PAUSED':
      return {
        health: 'stalled',
        lifecycle: vm.lastSync?.lastSyncTime ? 'ready_for_test' : 'not_ready',
        message: `replication of ${label} is paused: resume it in Migrate to Virtual Machines`,
      };
    case 'CUTTING_OVER':
    case 'FINAL_SYNC':
      return { health: 'replicating', lifecycle: 'cutting_over' };
    case 'CUTOVER':
    case 'FINALIZING':
      return { health: 'healthy', lifecycle: 'cutover' };
    case 'FINALIZED':
      return { health: 'healthy', lifecycle: 'finalized' };
    case 'FINALIZED_EXPIRED':
      return { health: 'healthy', lifecycle: 'archived' };
    case 'ERROR':
      return {
        health: 'error',
        lifecycle: 'not_ready',
        message: vm.error?.message ?? 'the migrating VM is in state ERROR',
      };
    case 'EXPIRED':
      return {
        health: 'error',
        lifecycle: 'not_ready',
        message: `the migrating VM ${label} expired; add it again in Migrate to Virtual Machines`,
      };
    default:
      return {
        health: 'error',
        lifecycle: 'not_ready',
        message: `unknown state ${vm.state ?? '(none)'} of ${label}`,
      };
  }
}

/**
 * The replication state of a migrating VM: bytes and speed from the running cycle's replicating
 * step, lag from the last synced snapshot (`lastSync.lastSyncTime`), ETA from the last two
 * minutes' rate, the cutover instance from the newest succeeded cutover job. An `ACTIVE` VM whose
 * last sync is older than `maxLagSeconds` is `lagging`. Test instances are
 * left to `job()`: a clone job never tracks its instance once it finished, so the service cannot
 * say whether it still exists.
 */
export function toReplicationState(
  vm: MigratingVm,
  now: Date,
  maxLagSeconds?: number,
): ReplicationState {
  const committed = committedBytes(vm);
  const synced = vm.lastSync?.lastSyncTime
    ? Date.parse(vm.lastSync.lastSyncTime)
    : undefined;
  const cycle = replicating(vm.currentSyncInfo);
  const total = cycle?.total || committed;
  let replicated: number;
  if (cycle) replicated = cycle.replicated;
  else replicated = synced !== undefined ? total : 0;
  const backlog = cycle ? Math.max(0, cycle.total - cycle.replicated) : 0;
  const verdict = judge(vm);
  const lagSeconds =
    synced !== undefined
      ? Math.max(0, Math.round((now.getTime() - synced) / 1000))
      : undefined;
  if (
    verdict.health === 'healthy' &&
    vm.state === 'ACTIVE' &&
    maxLagSeconds !== undefined &&
    lagSeconds !== undefined &&
    lagSeconds > maxLagSeconds
  ) {
    verdict.health = 'lagging';
  }
  const cutOver =
    verdict.lifecycle === 'cutover' || verdict.lifecycle === 'finalized';
  return {
    serverId: vm.name,
    ...verdict,
    replicatedBytes: replicated,
    totalBytes: total,
    backlogBytes: synced !== undefined || cycle ? backlog : undefined,
    lagSeconds,
    etaSeconds:
      cycle && cycle.rate > 0 ? Math.ceil(backlog / cycle.rate) : undefined,
    cutoverInstance: cutOver
      ? instanceOf(
          newest(vm.recentCutoverJobs, 'SUCCEEDED')?.computeEngineTargetDetails,
        )
      : undefined,
  };
}
