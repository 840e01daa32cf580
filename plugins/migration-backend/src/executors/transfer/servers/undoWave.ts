import type { ServerTransferStatus } from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudCapabilityLookup,
  ReplicationState,
  TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { updateReplication } from './replicationReport';
import { noReplicatorReason, replicatorOf } from './replicatorOf';
import { awaitServiceJob } from './serviceJobs';
import { byServer, waveServers } from './waveServers';

/** What a rollback does with each server of a wave, decided once from the service's state. */
interface UndoPlan {
  /** Cut over but not finalized: revert, the source stays authoritative. */
  revert: string[];
  /** A test instance still runs: terminate it. */
  cleanup: string[];
  /** Finalized: nothing to undo; the source keeps running and DNS is restored. */
  finalized: string[];
}

function undoPlanOf(states: ReplicationState[]): UndoPlan {
  const plan: UndoPlan = { revert: [], cleanup: [], finalized: [] };
  for (const s of states) {
    if (s.lifecycle === 'cutting_over' || s.lifecycle === 'cutover') {
      plan.revert.push(s.serverId);
    } else if (s.lifecycle === 'finalized' || s.lifecycle === 'archived') {
      plan.finalized.push(s.serverId);
    } else if (s.lifecycle === 'testing') {
      plan.cleanup.push(s.serverId);
    }
  }
  return plan;
}

function describe(
  wave: number,
  plan: UndoPlan,
  names: (ids: string[]) => string,
): string {
  const parts = [
    plan.revert.length &&
      `cutover of ${names(
        plan.revert,
      )} reverted (the source stays authoritative)`,
    plan.cleanup.length &&
      `test instances of ${names(plan.cleanup)} terminated`,
    plan.finalized.length &&
      `${names(
        plan.finalized,
      )} had been finalized: nothing to undo, the source keeps running`,
  ].filter(Boolean);
  return `Rolled back wave ${wave}: ${
    parts.length ? parts.join('; ') : 'nothing was launched, so nothing to undo'
  }.`;
}

/**
 * Rollback of a wave's server tasks (replicate, test, cutover — whichever runs first undoes all):
 * from the service's state, a cutover not yet finalized is reverted and a running test instance
 * terminated, each as one checkpointed job; finalized servers are left as they are (the source
 * kept running; DNS is restored by the DNS tasks' rollback). Servers the service already shows as
 * undone cost no call, so the later compensations of the same wave find nothing left.
 */
export async function undoWave(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const wave = Number(ctx.task.input.wave);
  const servers = await waveServers(ctx, wave);
  if (!servers.length) {
    return { wave, undone: 0, reason: 'No server of the wave was matched' };
  }
  const replicator = replicatorOf(ctx.migration, deps.capabilities);
  if (!replicator) {
    return { wave, undone: 0, reason: noReplicatorReason(ctx.migration) };
  }
  const plan = (await ctx.checkpoint({
    key: 'undo-plan',
    fn: async () =>
      asJson(undoPlanOf(await replicator.state(servers, ctx.signal))),
  })) as unknown as UndoPlan;
  const pick = (ids: string[]) => servers.filter(s => ids.includes(s.serverId));
  const names = (ids: string[]) =>
    pick(ids)
      .map(s => s.name)
      .join(', ');
  const jobs = [
    { ids: plan.revert, kind: 'revert', what: 'Revert of the cutover' },
    { ids: plan.cleanup, kind: 'cleanup', what: 'Test clean-up' },
  ] as const;
  for (const job of jobs) {
    if (!job.ids.length) continue;
    await awaitServiceJob(ctx, {
      name: `${job.kind}-wave-${wave}`,
      what: `${job.what} of wave ${wave}`,
      replicator,
      settings: deps.settings.replication,
      start: async () => {
        const states = byServer(await replicator.state(servers, ctx.signal));
        const todo = pick(job.ids).filter(s => {
          const lifecycle = states.get(s.serverId)?.lifecycle;
          return job.kind === 'revert'
            ? lifecycle === 'cutting_over' || lifecycle === 'cutover'
            : lifecycle === 'testing';
        });
        if (!todo.length) return undefined;
        return job.kind === 'revert'
          ? replicator.revert(todo, ctx.signal)
          : replicator.cleanupTest(todo, ctx.signal);
      },
    });
  }
  const undone = new Set([...plan.revert, ...plan.cleanup]);
  const statement = describe(wave, plan, names);
  await updateReplication(
    ctx,
    report => {
      for (const record of report.servers) {
        if (!record.serverId || !undone.has(record.serverId)) continue;
        record.step = 'reverted' as ServerTransferStatus['step'];
        record.message = plan.revert.includes(record.serverId)
          ? 'Cutover reverted by the rollback; the source is authoritative'
          : 'Test instance terminated by the rollback';
        record.updatedAt = new Date().toISOString();
      }
    },
    undone.size || plan.finalized.length ? statement : undefined,
  );
  return asJson({ wave, ...plan, statement });
}
