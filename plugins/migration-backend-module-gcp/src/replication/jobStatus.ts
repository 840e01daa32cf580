import type {
  LaunchedInstance,
  ReplicationJob,
  ReplicationJobStatus,
} from '@sirsi-nexus/plugin-migration-node';
import type { JobContext } from './replicationJobs';
import { RUNNING_JOB } from './replicationJobs';
import { instanceOf } from './replicationState';
import type { MigrationJob } from './vmMigrationTypes';

type Verdict = 'running' | 'ok' | { failed: string };

const JOB = /^(.+)\/(cloneJobs|cutoverJobs)\/[^/]+$/;
const OPERATION = /\/operations\/[^/]+$/;

/** The entries of a job id: job names, operation names and instance ids, comma-separated. */
export function jobEntries(job: ReplicationJob) {
  return job.id ? job.id.split(',') : [];
}

function jobFailure(job: MigrationJob) {
  return `${job.name} ${job.state}: ${
    job.error?.message ?? job.stateMessage ?? 'no reason given'
  }`;
}

/** A test or cutover job: done when it succeeded and its instance exists. */
async function launchVerdict(
  ctx: JobContext,
  entry: string,
  instances: Record<string, LaunchedInstance>,
  signal?: AbortSignal,
): Promise<Verdict> {
  const job = await ctx.api.getJob(entry, signal);
  if (RUNNING_JOB.has(job.state ?? '') || job.state === 'CANCELLING')
    return 'running';
  if (job.state !== 'SUCCEEDED') return { failed: jobFailure(job) };
  const target = instanceOf(job.computeEngineTargetDetails);
  const found = target && (await ctx.compute.instance(target.id, signal));
  if (!found) {
    return {
      failed: `${job.name} succeeded but its instance ${
        target?.id ?? '(none named)'
      } does not exist`,
    };
  }
  instances[JOB.exec(entry)![1]] = found;
  return 'ok';
}

/** A job being cancelled for a clean-up or revert: done once it stopped. */
async function cancelVerdict(
  ctx: JobContext,
  entry: string,
  kind: ReplicationJob['kind'],
  signal?: AbortSignal,
): Promise<Verdict> {
  const job = await ctx.api.getJob(entry, signal);
  if (RUNNING_JOB.has(job.state ?? '') || job.state === 'CANCELLING')
    return 'running';
  if (kind === 'revert' && job.state === 'SUCCEEDED') {
    return {
      failed: `${job.name} finished before it could be cancelled; revert again to undo the cutover`,
    };
  }
  return 'ok';
}

async function entryVerdict(
  ctx: JobContext,
  job: ReplicationJob,
  entry: string,
  instances: Record<string, LaunchedInstance>,
  signal?: AbortSignal,
): Promise<Verdict> {
  if (OPERATION.test(entry)) {
    const operation = await ctx.api.getOperation(entry, signal);
    if (!operation.done) return 'running';
    return operation.error
      ? {
          failed: `${entry}: ${
            operation.error.message ?? `code ${operation.error.code}`
          }`,
        }
      : 'ok';
  }
  if (JOB.test(entry)) {
    return job.kind === 'test' || job.kind === 'cutover'
      ? launchVerdict(ctx, entry, instances, signal)
      : cancelVerdict(ctx, entry, job.kind, signal);
  }
  // An instance being deleted.
  return (await ctx.compute.instance(entry, signal)) ? 'running' : 'ok';
}

const FINAL = new Set(['FINALIZED', 'FINALIZED_EXPIRED']);
const CUTTING = new Set(['CUTTING_OVER', 'FINAL_SYNC', 'CUTOVER']);

/** What the servers' own state says about a finalization or revert. */
async function serverVerdict(
  ctx: JobContext,
  job: ReplicationJob,
  serverId: string,
  signal?: AbortSignal,
): Promise<Verdict> {
  const vm = await ctx.api.getMigratingVm(serverId, signal);
  const state = vm.state ?? '';
  if (state === 'ERROR') {
    return { failed: `${serverId}: ${vm.error?.message ?? 'state ERROR'}` };
  }
  if (job.kind === 'finalize') return FINAL.has(state) ? 'ok' : 'running';
  return CUTTING.has(state) ? 'running' : 'ok';
}

/**
 * Where a job is, from the service: its operations, clone/cutover jobs and Compute Engine
 * instances (and, for finalize and revert, the migrating VMs' states). Failed beats running
 * beats succeeded; a failure carries the service's message.
 */
export async function jobStatus(
  ctx: JobContext,
  job: ReplicationJob,
  signal?: AbortSignal,
): Promise<ReplicationJobStatus> {
  const instances: Record<string, LaunchedInstance> = {};
  const verdicts: Verdict[] = [];
  for (const entry of jobEntries(job)) {
    verdicts.push(await entryVerdict(ctx, job, entry, instances, signal));
  }
  if (job.kind === 'finalize' || job.kind === 'revert') {
    for (const serverId of job.serverIds) {
      verdicts.push(await serverVerdict(ctx, job, serverId, signal));
    }
  }
  const failures = verdicts.flatMap(v => (typeof v === 'object' ? [v] : []));
  if (failures.length > 0) {
    return {
      state: 'failed',
      message: failures.map(f => f.failed).join('; '),
      instances,
    };
  }
  return {
    state: verdicts.includes('running') ? 'running' : 'succeeded',
    instances,
  };
}
