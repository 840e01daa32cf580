import type {
  ServerInstance,
  ServerTransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  TaskDeferral,
  type CloudCapabilityLookup,
  type LaunchedInstance,
  type ReplicationLifecycle,
  type ServerReplicator,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { windowPosition } from './maintenanceWindow';
import { updateReplication } from './replicationReport';
import type { WaveServer } from './replicateWave';
import { requireReplicator } from './replicatorOf';
import { awaitServiceJob } from './serviceJobs';
import { byServer, waveServers } from './waveServers';

type Launch = 'test' | 'cutover';

/** Life cycles in which a server already has what the launch makes. */
const LAUNCHED: Record<Launch, ReplicationLifecycle[]> = {
  test: ['testing'],
  cutover: ['cutting_over', 'cutover', 'finalized', 'archived'],
};

/** Life cycles of a launch the service is still carrying out. */
const LAUNCHING: Record<Launch, ReplicationLifecycle[]> = {
  test: [],
  cutover: ['cutting_over'],
};

const STEP: Record<Launch, ServerTransferStatus['step']> = {
  test: 'testing',
  cutover: 'cut_over',
};

/**
 * Waits (deferred, no worker held) until a maintenance window is open; without windows the
 * cutover starts at once. After the last window the task fails: a cutover outside every window
 * is never started.
 */
function requireWindow(ctx: TaskContext, wave: number): void {
  const position = windowPosition(
    ctx.migration.options.maintenanceWindows,
    new Date(),
  );
  switch (position.kind) {
    case 'none':
    case 'open':
      return;
    case 'ahead':
      throw new TaskDeferral({
        until: position.start,
        reason: `Wave ${wave}: waiting for the maintenance window ${position.start.toISOString()} – ${position.end.toISOString()} to cut over`,
      });
    default:
      throw new PermanentTaskError(
        `Wave ${wave}: every maintenance window has passed (the last ended ${position.end.toISOString()}); nothing was cut over. Add a window to the migration's options, then retry the task.`,
      );
  }
}

/** When the cutover started, against the windows, for the statement. */
function windowText(windows: string[] | undefined, startedAt?: number) {
  if (!windows?.length) {
    return 'no maintenance window was given, so it started at once';
  }
  const position = windowPosition(windows, new Date(startedAt ?? Date.now()));
  return position.kind === 'open'
    ? `inside the maintenance window ending ${position.end.toISOString()}`
    : 'inside its maintenance window';
}

/**
 * Each server with the instance the service reports for it. A launch the service is still
 * carrying out (started by an attempt that stopped before it could record the job) is waited
 * for; a server without its instance fails the task, and the retry launches it.
 */
async function launchedInstances(
  ctx: TaskContext,
  replicator: ServerReplicator,
  servers: WaveServer[],
  launch: Launch,
  options: { pollIntervalMs: number; job: Record<string, LaunchedInstance> },
) {
  const states = byServer(await replicator.state(servers, ctx.signal));
  const launched = servers.map(s => {
    const state = states.get(s.serverId);
    const reported =
      launch === 'test' ? state?.testInstance : state?.cutoverInstance;
    // The job's answer names the addresses when the server's state does not (yet).
    const instance = reported?.addresses.length
      ? reported
      : options.job[s.serverId] ?? reported;
    return { ...s, instance, lifecycle: state?.lifecycle };
  });
  const busy = launched.filter(s => LAUNCHING[launch].includes(s.lifecycle!));
  if (busy.length) {
    throw new TaskDeferral({
      delayMs: options.pollIntervalMs,
      reason: `Waiting for ${
        replicator.service
      } to finish the ${launch} of ${busy.map(s => s.name).join(', ')}`,
    });
  }
  const missing = launched.filter(
    s => !s.instance || !LAUNCHED[launch].includes(s.lifecycle!),
  );
  if (missing.length) {
    throw new PermanentTaskError(
      `${missing
        .map(s => `${s.name} (${s.lifecycle})`)
        .join(', ')} have no ${launch} instance in ${
        replicator.service
      }; retry the task to launch them`,
    );
  }
  return launched;
}

const addressText = (instance?: ServerInstance) =>
  instance?.addresses.length ? instance.addresses.join(', ') : 'no address';

/**
 * `transfer.servers.wave-N.test` (rehearsal) and `.cutover` (real run): launches the wave's test or
 * cutover instances through the service — the cutover only inside a maintenance window — as one
 * checkpointed job that the task waits for, then records each instance and its addresses in
 * `transfer.json`, where validation finds what to probe. Servers that already have their instance
 * (a retry) are not launched again.
 */
export async function launchWave(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
  launch: Launch,
) {
  const wave = Number(ctx.task.input.wave);
  const replicator = requireReplicator(ctx.migration, deps.capabilities);
  const servers = await waveServers(ctx, wave);
  const what = launch === 'test' ? 'Test launch' : 'Cutover';
  const job = await awaitServiceJob(ctx, {
    name: `${launch}-wave-${wave}`,
    what: `${what} of wave ${wave}`,
    replicator,
    settings: deps.settings.replication,
    start: async () => {
      // Only before the job starts: a job running when the window closes is waited for.
      if (launch === 'cutover') requireWindow(ctx, wave);
      const states = byServer(await replicator.state(servers, ctx.signal));
      const todo = servers.filter(
        s => !LAUNCHED[launch].includes(states.get(s.serverId)!.lifecycle),
      );
      if (!todo.length) return undefined;
      return launch === 'test'
        ? replicator.startTest(todo, ctx.signal)
        : replicator.startCutover(todo, ctx.signal);
    },
  });
  const launched = await launchedInstances(ctx, replicator, servers, launch, {
    pollIntervalMs: deps.settings.replication.pollIntervalMs,
    job: job.instances,
  });
  const described = launched
    .map(s => `${s.name} (${addressText(s.instance)})`)
    .join(', ');
  await updateReplication(
    ctx,
    report => {
      for (const record of report.servers) {
        const s = launched.find(l => l.entityRef === record.entityRef);
        if (!s) continue;
        record.step = STEP[launch];
        record.lifecycle = s.lifecycle;
        record[launch === 'test' ? 'testInstance' : 'cutoverInstance'] =
          s.instance;
        record.message = s.instance?.addresses.length
          ? undefined
          : `${replicator.service} reported no address for the ${launch} instance; validation cannot probe it`;
        record.updatedAt = new Date().toISOString();
      }
    },
    launch === 'test'
      ? `Wave ${wave}: test instances launched in ${replicator.service} for ${described}; validation probes them, then they are terminated.`
      : `Wave ${wave}: cut over in ${replicator.service} (${windowText(
          ctx.migration.options.maintenanceWindows,
          job.startedAt,
        )}) to ${described}; validation probes them, then the cutover is finalized.`,
  );
  await ctx.progress(1, `Wave ${wave}: ${what.toLowerCase()} done`);
  return asJson({
    wave,
    [launch === 'test' ? 'tested' : 'cutOver']: launched.map(s => ({
      name: s.name,
      serverId: s.serverId,
      instance: s.instance ?? null,
    })),
  });
}
