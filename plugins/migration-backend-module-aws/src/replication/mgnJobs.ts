import type { Job, JobLog } from '@aws-sdk/client-mgn';
import type { ReplicationJobStatus } from '@sirsi-nexus/plugin-migration-node';

/** Job log events that say why a server of a job failed. */
const FAILURE_EVENTS = new Set([
  'LAUNCH_FAILED',
  'CONVERSION_FAIL',
  'SNAPSHOT_FAIL',
  'CLEANUP_FAIL',
  'SERVER_SKIPPED',
  'JOB_CANCEL',
]);

/** What a finished job's servers should have reached. */
const DONE_STATUS: Record<string, string> = {
  LAUNCH: 'LAUNCHED',
  TERMINATE: 'TERMINATED',
};

/** The servers of a completed job that did not reach their job's goal, with their status. */
export function failedServers(job: Job): Array<{ id: string; status: string }> {
  if (job.status !== 'COMPLETED') return [];
  const goal = DONE_STATUS[job.type ?? ''] ?? 'LAUNCHED';
  return (job.participatingServers ?? [])
    .filter(p => p.launchStatus !== goal)
    .map(p => ({ id: p.sourceServerID!, status: p.launchStatus ?? 'UNKNOWN' }));
}

/**
 * The service's message for the failed servers of a job, from its log (`eventData.rawError`
 * of LAUNCH_FAILED, CONVERSION_FAIL … events), one line per server.
 */
export function failureMessage(
  job: Job,
  failed: Array<{ id: string; status: string }>,
  log: JobLog[],
): string {
  const lines = failed.map(({ id, status }) => {
    const events = log.filter(
      item =>
        FAILURE_EVENTS.has(item.event ?? '') &&
        (!item.eventData?.sourceServerID ||
          item.eventData.sourceServerID === id),
    );
    const detail = events.length
      ? events
          .map(e =>
            e.eventData?.rawError
              ? `${e.event}: ${e.eventData.rawError}`
              : e.event,
          )
          .join('; ')
      : `launch status ${status}, no reason in the job log`;
    return `${id}: ${detail}`;
  });
  return `MGN job ${job.jobID} (${job.initiatedBy ?? job.type}) failed for ${
    failed.length
  } of ${job.participatingServers?.length ?? 0} server(s): ${lines.join(
    ' | ',
  )}`;
}

/** The job's state: running until MGN completes it, then failed when a server did not make it. */
export function jobState(job: Job): ReplicationJobStatus['state'] {
  if (job.status !== 'COMPLETED') return 'running';
  return failedServers(job).length > 0 ? 'failed' : 'succeeded';
}

/** The instances a launch job brought up so far, by source server. */
export function launchedByServer(job: Job): Map<string, string> {
  const launched = new Map<string, string>();
  if (job.type === 'TERMINATE') return launched;
  for (const p of job.participatingServers ?? []) {
    if (p.launchStatus === 'LAUNCHED' && p.launchedEc2InstanceID) {
      launched.set(p.sourceServerID!, p.launchedEc2InstanceID);
    }
  }
  return launched;
}
