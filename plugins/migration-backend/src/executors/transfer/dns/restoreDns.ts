import type { DnsRecordExecution } from '@sirsi-nexus/plugin-migration-common';
import type {
  CloudCapabilityLookup,
  TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { changeRecords, recordSet } from './dnsChanges';
import {
  byZone,
  readDnsExecution,
  recordNames,
  updateDnsExecution,
} from './dnsExecution';
import { requireDnsService } from './dnsZones';

/** Records a change was made to (or about to be made to) and not yet restored. */
function changed(record: DnsRecordExecution): boolean {
  return (
    record.state !== 'restored' &&
    record.state !== 'removed' &&
    record.calls.some(c => c.action === 'lower-ttl' || c.action === 'switch')
  );
}

/** Puts one zone's records back: previous values restored, records that were new removed. */
async function restoreZone(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
  zone: string,
  inZone: DnsRecordExecution[],
) {
  const dns = requireDnsService(
    ctx.migration,
    deps.capabilities,
    deps.settings.dns.zones,
    zone,
  );
  const groups = [
    {
      action: 'restore' as const,
      state: 'restored' as const,
      list: inZone.filter(r => r.previous),
      set: (r: DnsRecordExecution) =>
        recordSet(r, r.previous!.ttl, r.previous!.values),
    },
    {
      action: 'remove' as const,
      state: 'removed' as const,
      list: inZone.filter(r => !r.previous && r.target),
      set: (r: DnsRecordExecution) =>
        recordSet(r, r.target!.ttl, r.target!.values),
    },
  ];
  for (const group of groups) {
    if (!group.list.length) continue;
    await changeRecords(ctx, deps.settings, {
      key: `${group.action}-${zone}`,
      action: group.action,
      dns,
      zone,
      records: group.list,
      set: group.set,
      state: group.state,
      stamp: (e, at) => {
        e.restoredAt = at;
      },
    });
  }
}

/**
 * Rollback of the DNS tasks: every record the cutover changed gets back what the zone held before
 * (`previous`, stored before any change), and a record that did not exist before is removed —
 * only with the values the switch wrote, so a later change by someone else is left alone. One
 * change per zone and kind, verified on every name server. A wave's switch restores its own
 * records; `transfer.dns-cutover` and the TTL task restore whatever is left. Runs whether or not
 * the servers were finalized: the source kept running, so the names point at it again.
 */
export async function restoreDns(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const wave =
    ctx.task.input.wave === undefined ? undefined : Number(ctx.task.input.wave);
  const execution = await readDnsExecution(ctx);
  const id = (r: DnsRecordExecution) => `${r.name} ${r.type}`;
  // Decided once: a resumed task restores the same records, though their state moved on.
  const selected = (await ctx.checkpoint({
    key: 'selection',
    fn: () =>
      (execution?.records ?? [])
        .filter(r => changed(r) && (wave === undefined || r.wave === wave))
        .map(id),
  })) as string[];
  const records = (execution?.records ?? []).filter(r =>
    selected.includes(id(r)),
  );
  if (!records.length) return { restored: 0, removed: 0 };
  for (const [zone, inZone] of byZone(records)) {
    await restoreZone(ctx, deps, zone, inZone);
  }
  const restored = records.filter(r => r.previous);
  const removed = records.filter(r => !r.previous && r.target);
  await updateDnsExecution(
    ctx,
    () => {},
    `Rolled back DNS: ${[
      restored.length &&
        `${recordNames(restored)} restored to their previous values and TTL`,
      removed.length &&
        `${recordNames(removed)} removed (they did not exist before)`,
    ]
      .filter(Boolean)
      .join('; ')}, verified on every name server.`,
  );
  return asJson({ restored: restored.length, removed: removed.length });
}
