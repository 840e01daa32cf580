import { createHash } from 'node:crypto';
import type { ServerTransferStatus } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  TaskDeferral,
  type CloudCapabilityLookup,
  type ReplicatedServer,
  type ServerReplicator,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { durationText } from './duration';
import { launchSettingsOf } from './launchSettings';
import {
  putServers,
  readReplication,
  updateReplication,
} from './replicationReport';
import { requireReplicator } from './replicatorOf';
import {
  replicationCandidate,
  selectServers,
  type ServerCandidate,
} from './serverCandidates';
import { isReplicationReady, lagText, serverReading } from './serverStatus';

/** The servers of a wave as `transfer.replicate` matched them. */
export type WaveServer = ReplicatedServer & { wave: number };

const names = (servers: Array<{ name: string }>) =>
  servers.map(s => s.name).join(', ');

/** A record of a server the service does not know, or knows but has not reported on yet. */
function placeholder(
  server: { entityRef: string; name: string; wave: number; serverId?: string },
  step: ServerTransferStatus['step'],
  message?: string,
): ServerTransferStatus {
  return {
    ...server,
    step,
    bytesTransferred: 0,
    totalBytes: 0,
    speedBytesPerSecond: 0,
    message,
    updatedAt: new Date().toISOString(),
  };
}

/**
 * Matches the wave's servers in the service. Every server must be known: the unknown ones are
 * listed in `transfer.json` with the agent or appliance step the operator must do, and the task
 * fails naming them all — the wave never moves without some of its servers. The match is
 * checkpointed once it is complete, so the server ids stay the same for the rest of the task.
 */
async function matchWave(
  ctx: TaskContext,
  replicator: ServerReplicator,
  candidates: ServerCandidate[],
  wave: number,
): Promise<WaveServer[]> {
  const matched = (await ctx.checkpoint({
    key: 'match',
    fn: async () => {
      const result = await replicator.match(
        candidates.map(replicationCandidate),
        ctx.signal,
      );
      if (result.unmatched.length === 0) return asJson(result.matched);
      await updateReplication(ctx, report => {
        report.service = replicator.service;
        putServers(report, [
          ...result.matched.map(m =>
            placeholder({ ...m, wave }, 'replicating'),
          ),
          ...result.unmatched.map(u =>
            placeholder({ ...u, wave }, 'unmatched', u.reason),
          ),
        ]);
      });
      throw new PermanentTaskError(
        `${result.unmatched.length} of ${
          candidates.length
        } server(s) of wave ${wave} are unknown to ${
          replicator.service
        }, so the wave cannot move: ${result.unmatched
          .map(u => `${u.name} — ${u.reason}`)
          .join('; ')}.${
          result.matched.length
            ? ` ${names(result.matched)} replicate and wait for them.`
            : ''
        } Do the step, then retry the task.`,
      );
    },
  })) as unknown as ReplicatedServer[];
  return matched.map(m => ({ ...m, wave }));
}

/**
 * Reads the servers' replication into `transfer.json`; fails the wave when one made no progress
 * for `migration.replication.timeoutMinutes`, and waits (deferred) while any is not ready.
 */
async function awaitHealthy(
  ctx: TaskContext,
  replicator: ServerReplicator,
  servers: WaveServer[],
  settings: ServerMoveSettings['replication'],
) {
  const states = await replicator.state(servers, ctx.signal);
  const previous = new Map(
    ((await readReplication(ctx))?.servers ?? []).map(s => [s.entityRef, s]),
  );
  const now = new Date();
  const readings = servers.map((server, i) => {
    const state = states.find(s => s.serverId === server.serverId) ?? states[i];
    const ready = isReplicationReady(state, settings.maxLagSeconds);
    return serverReading({
      previous: previous.get(server.entityRef),
      server,
      state,
      step: ready ? 'healthy' : 'replicating',
      now,
      maxLagSeconds: settings.maxLagSeconds,
    });
  });
  const stalled = readings.filter(
    r =>
      r.step === 'replicating' &&
      now.getTime() - Date.parse(r.lastProgressAt!) > settings.stallTimeoutMs,
  );
  for (const r of stalled) {
    r.step = 'failed';
    r.message = `No replication progress for ${durationText(
      settings.stallTimeoutMs,
    )}: ${r.health}, ${lagText(r.lagSeconds, settings.maxLagSeconds)}${
      r.message && !r.message.startsWith(r.health ?? '')
        ? ` — ${r.message}`
        : ''
    }`;
  }
  const report = await updateReplication(ctx, replication => {
    replication.service = replicator.service;
    putServers(replication, readings);
  });
  if (stalled.length) {
    throw new PermanentTaskError(
      `Replication stalled in ${replicator.service}: ${stalled
        .map(r => `${r.name}: ${r.message}`)
        .join(
          '; ',
        )}. Fix the replication (agent, network, service health), then retry the task.`,
    );
  }
  const waiting = readings.filter(r => r.step !== 'healthy');
  if (waiting.length) {
    const { status } = report;
    const reason = `Waiting for healthy replication of ${waiting
      .map(r => `${r.name} (${lagText(r.lagSeconds, settings.maxLagSeconds)})`)
      .join(', ')}`;
    await ctx.progress(
      status.totalBytes ? status.bytesTransferred / status.totalBytes : 0,
      reason,
    );
    throw new TaskDeferral({ delayMs: settings.pollIntervalMs, reason });
  }
}

/**
 * `transfer.servers.wave-N.replicate`: the wave's servers matched in the target's migration
 * service, replication waited for until every lag is within `migration.replication.maxLagSeconds`
 * (progress in `transfer.json`), then the launch of each target instance configured from the
 * assessment and the build's Terraform outputs (once per server, checkpointed).
 */
export async function replicateWave(
  ctx: TaskContext,
  deps: {
    capabilities: CloudCapabilityLookup;
    settings: ServerMoveSettings;
  },
) {
  const wave = Number(ctx.task.input.wave);
  const replicator = requireReplicator(ctx.migration, deps.capabilities);
  const candidates = (await selectServers(ctx.artifacts)).servers.filter(
    s => s.wave === wave,
  );
  const servers = await matchWave(ctx, replicator, candidates, wave);
  await awaitHealthy(ctx, replicator, servers, deps.settings.replication);

  const launch = await launchSettingsOf(
    ctx.artifacts,
    ctx.migration,
    candidates,
  );
  for (const server of servers) {
    const settings = launch.get(server.entityRef)!;
    await ctx.checkpoint({
      // Ids can be long (an ARM resource id); checkpoint keys are at most 255 characters.
      key: `launch-${createHash('sha256')
        .update(server.serverId)
        .digest('hex')
        .slice(0, 24)}`,
      fn: async () => {
        await replicator.configureLaunch(server, settings, ctx.signal);
        return asJson(settings);
      },
    });
  }
  await updateReplication(
    ctx,
    report => {
      for (const s of report.servers) {
        const settings = launch.get(s.entityRef);
        if (s.wave !== wave || !settings) continue;
        const { tags: _tags, ...shown } = settings;
        s.launch = shown;
      }
    },
    `Wave ${wave}: ${servers.length} server(s) replicate healthily in ${replicator.service} (lag within ${deps.settings.replication.maxLagSeconds} s); their launch is configured from the assessment and the build's outputs.`,
  );
  await ctx.progress(1, `Wave ${wave}: ${servers.length} server(s) ready`);
  return asJson({ wave, service: replicator.service, servers });
}
