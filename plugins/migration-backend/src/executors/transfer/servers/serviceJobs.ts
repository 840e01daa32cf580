import {
  PermanentTaskError,
  TaskDeferral,
  type ReplicationJob,
  type ReplicationJobStatus,
  type ServerReplicator,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { durationText } from './duration';

/** A job of the migration service that a task starts once and then waits for. */
export interface ServiceJobRun {
  /** Checkpoint prefix, unique within the task, e.g. `test-wave-1`. */
  name: string;
  /** What the job does, for messages, e.g. `Test launch of wave 1`. */
  what: string;
  replicator: ServerReplicator;
  /** Starts the job for the servers that still need it; undefined when none does. */
  start: () => Promise<ReplicationJob | undefined>;
  settings: ServerMoveSettings['replication'];
}

interface StartedJob {
  job: ReplicationJob;
  startedAt: number;
}

class NothingToStart extends Error {}

const DONE: ReplicationJobStatus = { state: 'succeeded', instances: {} };

/**
 * Starts a job once and waits for it without holding a worker: the started job is checkpointed,
 * (nothing is when no server needs the job — the caller checks the servers' state),
 * so a retried or resumed task polls the same job; while it runs the task is deferred by the poll
 * interval. A job that fails fails the task at once with the service's message; its outcome is
 * checkpointed, so the retry an operator asks for starts a new job (for the servers that still
 * need it) instead of finding the old failure again.
 */
export async function awaitServiceJob(
  ctx: TaskContext,
  run: ServiceJobRun,
): Promise<ReplicationJobStatus & { startedAt?: number }> {
  const { replicator, settings } = run;
  for (let generation = 1; ; generation++) {
    const key = `${run.name}#${generation}`;
    let nothingToStart = false;
    const started = (await ctx
      .checkpoint({
        key,
        fn: async () => {
          const job = await run.start();
          if (!job) {
            // Not checkpointed: a later run asks the service again.
            nothingToStart = true;
            throw new NothingToStart();
          }
          return asJson({ job, startedAt: Date.now() });
        },
      })
      .catch(error => {
        if (nothingToStart) return undefined;
        throw error;
      })) as unknown as StartedJob | undefined;
    if (!started) return DONE;
    const job = started.job;
    let seenNow = false;
    const outcome = (await ctx.checkpoint({
      key: `${key}:outcome`,
      fn: async () => {
        const status = await replicator.job(job, ctx.signal);
        if (status.state === 'running') {
          if (Date.now() - started.startedAt <= settings.jobTimeoutMs) {
            throw new TaskDeferral({
              delayMs: settings.pollIntervalMs,
              reason: `${run.what}: ${replicator.service} job ${job.id} is running`,
            });
          }
          seenNow = true;
          return asJson({
            state: 'failed',
            message: `still running after ${durationText(
              settings.jobTimeoutMs,
            )} (migration.replication.jobTimeoutMinutes)`,
            instances: {},
          });
        }
        seenNow = true;
        return asJson(status);
      },
    })) as unknown as ReplicationJobStatus;
    if (outcome.state === 'succeeded') {
      return { ...outcome, startedAt: started.startedAt };
    }
    if (seenNow) {
      throw new PermanentTaskError(
        `${run.what} failed: ${replicator.service} job ${job.id}: ${
          outcome.message ?? 'no message'
        }. Fix the cause, then retry the task: it starts a new job.`,
      );
    }
    // This job failed in an earlier attempt; the retry starts the next one.
  }
}
