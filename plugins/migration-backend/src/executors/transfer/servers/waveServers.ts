import type { ServerTransferStatus } from '@sirsi-nexus/plugin-migration-common';
import type {
  ArtifactReader,
  ReplicationState,
} from '@sirsi-nexus/plugin-migration-node';
import { readReplication } from './replicationReport';
import type { WaveServer } from './replicateWave';

/** The servers of a wave that the service knows, as `transfer.json` records them. */
export async function waveServers(
  ctx: { artifacts: ArtifactReader },
  wave?: number,
): Promise<Array<WaveServer & { record: ServerTransferStatus }>> {
  const report = await readReplication(ctx);
  return (report?.servers ?? [])
    .filter(s => s.serverId && (wave === undefined || s.wave === wave))
    .map(s => ({
      entityRef: s.entityRef,
      name: s.name,
      serverId: s.serverId!,
      wave: s.wave,
      record: s,
    }));
}

/** The state of each server, by server id. */
export function byServer(states: ReplicationState[]) {
  return new Map(states.map(s => [s.serverId, s]));
}

/** The waves servers were matched in, in order. */
export async function matchedWaves(ctx: {
  artifacts: ArtifactReader;
}): Promise<number[]> {
  const servers = await waveServers(ctx);
  return [...new Set(servers.map(s => s.wave))].sort((a, b) => a - b);
}
