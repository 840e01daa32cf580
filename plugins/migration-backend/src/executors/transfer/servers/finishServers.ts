import type { ServerTransferStatus } from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudCapabilityLookup,
  ReplicationLifecycle,
  TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { updateReplication } from './replicationReport';
import { requireReplicator } from './replicatorOf';
import { awaitServiceJob } from './serviceJobs';
import { byServer, matchedWaves, waveServers } from './waveServers';

interface Finish {
  /** The step servers must be at. */
  from: ServerTransferStatus['step'];
  to: ServerTransferStatus['step'];
  /** The life cycle the job applies to. */
  lifecycle: ReplicationLifecycle[];
  what: string;
  message: string;
}

const CLEANUP: Finish = {
  from: 'testing',
  to: 'tested',
  lifecycle: ['testing'],
  what: 'Test clean-up',
  message: 'Validated on its test instance; the test instance was terminated',
};

const FINALIZE: Finish = {
  from: 'cut_over',
  to: 'finalized',
  lifecycle: ['cutting_over', 'cutover'],
  what: 'Finalizing the cutover',
  message: 'Cutover finalized: replication stopped; the source keeps running',
};

/**
 * `validate.servers`, after the validation probed the launched instances. Rehearsal: the test
 * instances are terminated and the servers made ready for cutover again. Real run: the cutover is
 * finalized (replication stops; the source machine is left running) and, with
 * `migration.replication.archiveFinalized`, the servers are archived where the service can. One
 * checkpointed job per wave.
 */
export async function finishServers(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const finish = rehearsal ? CLEANUP : FINALIZE;
  const replicator = requireReplicator(ctx.migration, deps.capabilities);
  const done: string[] = [];
  for (const wave of await matchedWaves(ctx)) {
    const servers = (await waveServers(ctx, wave)).filter(
      s => s.record.step === finish.from || s.record.step === finish.to,
    );
    if (!servers.length) continue;
    await awaitServiceJob(ctx, {
      name: `${rehearsal ? 'cleanup' : 'finalize'}-wave-${wave}`,
      what: `${finish.what} of wave ${wave}`,
      replicator,
      settings: deps.settings.replication,
      start: async () => {
        const states = byServer(await replicator.state(servers, ctx.signal));
        const todo = servers.filter(s =>
          finish.lifecycle.includes(states.get(s.serverId)!.lifecycle),
        );
        if (!todo.length) return undefined;
        return rehearsal
          ? replicator.cleanupTest(todo, ctx.signal)
          : replicator.finalize(todo, ctx.signal);
      },
    });
    if (!rehearsal && deps.settings.replication.archiveFinalized) {
      const archive = replicator.archive?.bind(replicator);
      if (archive) {
        await ctx.checkpoint({
          key: `archive-wave-${wave}`,
          fn: () => archive(servers, ctx.signal),
        });
      }
    }
    const ids = new Set(servers.map(s => s.serverId));
    await updateReplication(ctx, report => {
      for (const record of report.servers) {
        if (!record.serverId || !ids.has(record.serverId)) continue;
        record.step = finish.to;
        record.message = finish.message;
        record.updatedAt = new Date().toISOString();
      }
    });
    done.push(...servers.map(s => s.name));
    await ctx.progress(1, `Wave ${wave}: ${finish.what.toLowerCase()} done`);
  }
  const statement = rehearsal
    ? `After validation the test instances of ${done.join(
        ', ',
      )} were terminated in ${
        replicator.service
      }; the servers are ready for a real cutover.`
    : `After validation the cutover of ${done.join(', ')} was finalized in ${
        replicator.service
      }; the source machines were left running.`;
  await updateReplication(ctx, () => {}, done.length ? statement : undefined);
  return asJson({ rehearsal, finished: done });
}
