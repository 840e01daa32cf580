import {
  TaskDeferral,
  type CloudCapabilityLookup,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { windowPosition } from '../servers/maintenanceWindow';
import {
  changeRecords,
  notePending,
  recordSet,
  sameRecord,
} from './dnsChanges';
import {
  byZone,
  readDnsExecution,
  recordNames,
  updateDnsExecution,
} from './dnsExecution';
import { requireDnsService } from './dnsZones';

/**
 * `transfer.dns-lower-ttl` (real runs): the recorded records whose TTL is above
 * `migration.dns.lowerTtlSeconds` get that TTL (same values) two of their old TTLs before the
 * first maintenance window — the task waits until then without a worker — so resolvers drop the
 * old answers before the switch. One change per zone, verified on every name server.
 */
export async function lowerTtl(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const ttl = deps.settings.dns.lowerTtlSeconds;
  const execution = await readDnsExecution(ctx);
  const records = (execution?.records ?? []).filter(
    r =>
      (r.state === 'recorded' || r.state === 'ttl-lowered') &&
      r.previous &&
      r.previous.ttl > ttl,
  );
  if (!records.length) return { lowered: 0 };
  const lead = 2 * Math.max(...records.map(r => r.previous!.ttl)) * 1000;
  const window = windowPosition(
    ctx.migration.options.maintenanceWindows,
    new Date(),
  );
  if (window.kind === 'ahead' && Date.now() < window.start.getTime() - lead) {
    throw new TaskDeferral({
      until: window.start.getTime() - lead,
      reason: `Lowering the TTL of ${
        records.length
      } DNS record(s) to ${ttl} s at ${new Date(
        window.start.getTime() - lead,
      ).toISOString()}, two old TTLs before the maintenance window`,
    });
  }
  await updateDnsExecution(ctx, e => {
    for (const r of e.records) {
      if (records.some(x => sameRecord(x, r))) {
        notePending(r, 'lower-ttl');
      }
    }
  });
  for (const [zone, inZone] of byZone(records)) {
    await changeRecords(ctx, deps.settings, {
      key: `lower-${zone}`,
      action: 'lower-ttl',
      dns: requireDnsService(
        ctx.migration,
        deps.capabilities,
        deps.settings.dns.zones,
        zone,
      ),
      zone,
      records: inZone,
      set: r => recordSet(r, ttl, r.previous!.values),
      state: 'ttl-lowered',
      stamp: (e, at) => {
        e.ttlLoweredAt ??= at;
      },
    });
  }
  await updateDnsExecution(
    ctx,
    () => {},
    `The TTL of ${recordNames(
      records,
    )} was lowered to ${ttl} s ahead of the maintenance window and verified on every name server.`,
  );
  return asJson({ lowered: records.length, ttl });
}
