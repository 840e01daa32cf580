import type {
  ServerTransferStatus,
  ServerTransferStep,
} from '@sirsi-nexus/plugin-migration-common';
import type {
  ReplicatedServer,
  ReplicationState,
} from '@sirsi-nexus/plugin-migration-node';

/** Whether a server's replica is close enough to its source for a test or a cutover. */
export function isReplicationReady(
  state: ReplicationState,
  maxLagSeconds: number,
): boolean {
  return (
    state.health === 'healthy' &&
    state.lifecycle !== 'not_ready' &&
    (state.lagSeconds === undefined || state.lagSeconds <= maxLagSeconds)
  );
}

/** Whether replication moved forward since the previous reading. */
function progressed(
  previous: ServerTransferStatus | undefined,
  state: ReplicationState,
): boolean {
  if (!previous || previous.step === 'failed') return true;
  if (state.health === 'healthy') return true;
  if (state.replicatedBytes > previous.bytesTransferred) return true;
  return (
    state.lagSeconds !== undefined &&
    previous.lagSeconds !== undefined &&
    state.lagSeconds < previous.lagSeconds
  );
}

/** The lag in words, for messages: `lag 840 s (limit 300 s)`. */
export function lagText(lagSeconds: number | undefined, limit: number) {
  return lagSeconds === undefined
    ? 'no lag reported yet (first snapshot pending)'
    : `lag ${Math.round(lagSeconds)} s (limit ${limit} s)`;
}

/**
 * A server's status from a reading of the service: bytes and lag as reported, the speed since
 * the previous reading, the ETA (the service's, else from the speed), and when it last moved
 * forward — reset when the previous reading had failed it, so a retried wait starts afresh.
 */
export function serverReading(options: {
  previous?: ServerTransferStatus;
  server: ReplicatedServer & { wave: number };
  state: ReplicationState;
  step: ServerTransferStep;
  now: Date;
  maxLagSeconds: number;
}): ServerTransferStatus {
  const { previous, server, state, now } = options;
  const seconds = previous
    ? (now.getTime() - Date.parse(previous.updatedAt)) / 1000
    : 0;
  const speed =
    previous && seconds > 0
      ? Math.max(
          0,
          (state.replicatedBytes - previous.bytesTransferred) / seconds,
        )
      : 0;
  const left = Math.max(0, state.totalBytes - state.replicatedBytes);
  const ready = isReplicationReady(state, options.maxLagSeconds);
  return {
    ...previous,
    entityRef: server.entityRef,
    name: server.name,
    wave: server.wave,
    serverId: server.serverId,
    step: options.step,
    health: state.health,
    lifecycle: state.lifecycle,
    bytesTransferred: state.replicatedBytes,
    totalBytes: state.totalBytes,
    speedBytesPerSecond: Math.round(speed),
    etaSeconds:
      state.etaSeconds ?? (speed > 0 ? Math.round(left / speed) : undefined),
    backlogBytes: state.backlogBytes,
    lagSeconds: state.lagSeconds,
    testInstance: state.testInstance ?? previous?.testInstance,
    cutoverInstance: state.cutoverInstance ?? previous?.cutoverInstance,
    message:
      state.message ??
      (ready
        ? undefined
        : `${state.health}, ${lagText(
            state.lagSeconds,
            options.maxLagSeconds,
          )}`),
    updatedAt: now.toISOString(),
    lastProgressAt: progressed(previous, state)
      ? now.toISOString()
      : previous?.lastProgressAt ?? now.toISOString(),
  };
}
