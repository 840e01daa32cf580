import { ConflictError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { deterministicRequestId } from '../google/requestIds';
import type { ComputeTargets } from './computeTargets';
import { instanceOf } from './replicationState';
import type { JobCollection, VmMigrationApi } from './vmMigrationApi';
import type { MigratingVm, MigrationJob, Operation } from './vmMigrationTypes';

/** Job states in which the service is still working. */
export const RUNNING_JOB = new Set(['PENDING', 'ACTIVE', 'ADAPTING_OS']);

/** What starting and undoing jobs needs. */
export interface JobContext {
  api: VmMigrationApi;
  compute: ComputeTargets;
  logger?: LoggerService;
}

/** Our jobs are numbered per migrating VM: `sirsi-test-1`, `sirsi-test-2`, … */
const PREFIX: Record<JobCollection, string> = {
  cloneJobs: 'sirsi-test-',
  cutoverJobs: 'sirsi-cutover-',
};

function jobNumber(job: MigrationJob, collection: JobCollection) {
  const id = job.name.slice(job.name.lastIndexOf('/') + 1);
  const prefix = PREFIX[collection];
  if (!id.startsWith(prefix)) return undefined;
  const n = Number(id.slice(prefix.length));
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/** The newest clone or cutover job this package started on a migrating VM. */
export async function newestOwnJob(
  api: VmMigrationApi,
  vm: string,
  collection: JobCollection,
  signal?: AbortSignal,
): Promise<{ job?: MigrationJob; number: number }> {
  let newest: { job?: MigrationJob; number: number } = { number: 0 };
  for (const job of await api.listJobs(vm, collection, signal)) {
    const n = jobNumber(job, collection);
    if (n !== undefined && n > newest.number) newest = { job, number: n };
  }
  return newest;
}

/**
 * Starts a clone or cutover job unless the newest one this package started is still the one to
 * use (`reusable`): a repeated call after a crash finds its job instead of starting a second. A
 * new job gets the next number and a request id derived from its name, and the call waits until
 * the service created it (its operation is done), failing with the service's message.
 */
export async function startOwnJob(
  ctx: JobContext,
  vm: string,
  collection: JobCollection,
  reusable: (job: MigrationJob) => Promise<boolean>,
  signal?: AbortSignal,
): Promise<string> {
  const newest = await newestOwnJob(ctx.api, vm, collection, signal);
  if (newest.job && (await reusable(newest.job))) return newest.job.name;
  const id = `${PREFIX[collection]}${newest.number + 1}`;
  const name = `${vm}/${collection}/${id}`;
  let operation: Operation | undefined;
  try {
    operation = await ctx.api.createJob(
      vm,
      collection,
      id,
      deterministicRequestId(name),
      signal,
    );
  } catch (error) {
    // ALREADY_EXISTS: this very job was created by a call whose answer was lost.
    if ((error as Error).name !== 'ConflictError') throw error;
  }
  if (operation) {
    await ctx.api.waitForOperation(operation, `create ${name}`, signal);
  }
  return name;
}

/** A test clone is reused while it runs, or when it succeeded and its instance still exists. */
export function cloneReusable(ctx: JobContext, signal?: AbortSignal) {
  return async (job: MigrationJob) => {
    if (RUNNING_JOB.has(job.state ?? '')) return true;
    const instance = instanceOf(job.computeEngineTargetDetails);
    if (job.state !== 'SUCCEEDED' || !instance) return false;
    return (await ctx.compute.instance(instance.id, signal)) !== undefined;
  };
}

const CUT_OVER = new Set(['CUTOVER', 'FINALIZING', 'FINALIZED']);

/** A cutover is reused while it runs, or when it succeeded and was not reverted since. */
export function cutoverReusable(vm: MigratingVm) {
  return async (job: MigrationJob) =>
    RUNNING_JOB.has(job.state ?? '') ||
    (job.state === 'SUCCEEDED' && CUT_OVER.has(vm.state ?? ''));
}

/**
 * Removes a server's test clone: a clone job still running is cancelled (the service deletes
 * what it made), the instance of a finished one is deleted in Compute Engine — a clone job never
 * touches its instance once it finished. Returns what `job()` checks: the job and the instance.
 */
export async function cleanupClone(
  ctx: JobContext,
  vm: string,
  signal?: AbortSignal,
): Promise<string[]> {
  const { job } = await newestOwnJob(ctx.api, vm, 'cloneJobs', signal);
  if (!job) return [];
  if (RUNNING_JOB.has(job.state ?? '')) {
    await ctx.api.cancelJob(job.name, signal);
    return [job.name];
  }
  const instance = instanceOf(job.computeEngineTargetDetails);
  if (job.state !== 'SUCCEEDED' || !instance) return [job.name];
  await ctx.compute.deleteInstance(
    instance.id,
    deterministicRequestId(`delete ${instance.id} for ${job.name}`),
    signal,
  );
  return [job.name, instance.id];
}

/**
 * Undoes a server's cutover before finalization, as far as the service allows: a cutover job
 * still running is cancelled; a finished cutover goes back to replicating (`resumeMigration`,
 * the source stays authoritative) and its instance is deleted in Compute Engine. The source VM
 * stays as the cutover left it (shut down): powering it on again is the operator's step.
 */
export async function revertCutover(
  ctx: JobContext,
  vm: MigratingVm,
  signal?: AbortSignal,
): Promise<string[]> {
  const label = vm.displayName ?? vm.name;
  switch (vm.state) {
    case 'FINALIZING':
    case 'FINALIZED':
    case 'FINALIZED_EXPIRED':
      throw new ConflictError(
        `${label} was finalized in Migrate to Virtual Machines; a finalized migration cannot be reverted — restore DNS and keep the source running`,
      );
    case 'CUTTING_OVER':
    case 'FINAL_SYNC': {
      const { job } = await newestOwnJob(
        ctx.api,
        vm.name,
        'cutoverJobs',
        signal,
      );
      if (!job || !RUNNING_JOB.has(job.state ?? '')) return [];
      const operation = await ctx.api.cancelJob(job.name, signal);
      return [operation.name, job.name];
    }
    case 'CUTOVER': {
      const { job } = await newestOwnJob(
        ctx.api,
        vm.name,
        'cutoverJobs',
        signal,
      );
      const operation = await ctx.api.resumeMigration(vm.name, signal);
      const instance = instanceOf(job?.computeEngineTargetDetails);
      if (instance) {
        await ctx.compute.deleteInstance(
          instance.id,
          deterministicRequestId(`delete ${instance.id} for ${job!.name}`),
          signal,
        );
      }
      ctx.logger?.warn(
        `Migrate to Virtual Machines: the cutover of ${label} is reverted and replication resumes; its source VM was shut down by the cutover — power it on again in the source (vCenter, AWS or Azure)`,
      );
      return [operation.name, ...(instance ? [instance.id] : [])];
    }
    default:
      return [];
  }
}
