import type {
  CloudCapabilityLookup,
  TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import { updateReplication } from './replicationReport';
import { noReplicatorReason } from './replicatorOf';
import { selectServers } from './serverCandidates';

/**
 * `transfer.servers` when the target has no migration service: the servers are listed in
 * `transfer.json` as not moved, with why — never silently left out.
 */
export async function reportServersUnavailable(
  ctx: TaskContext,
  _capabilities: CloudCapabilityLookup,
) {
  const { servers, skipped } = await selectServers(ctx.artifacts);
  const reason = noReplicatorReason(ctx.migration);
  await updateReplication(
    ctx,
    report => {
      report.skipped = [
        ...skipped,
        ...servers.map(s => ({ entityRef: s.entityRef, name: s.name, reason })),
      ];
    },
    `${servers.length} server(s) were not moved: ${reason}.`,
  );
  await ctx.progress(1, `Skipped: ${reason}`);
  return asJson({ skipped: servers.length, reason });
}
