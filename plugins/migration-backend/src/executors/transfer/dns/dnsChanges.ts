import type {
  DnsCutoverCall,
  DnsCutoverExecution,
  DnsRecordExecution,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  TaskDeferral,
  type DnsChange,
  type DnsCutover,
  type DnsRecordSet,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { durationText } from '../servers/duration';
import { updateDnsExecution } from './dnsExecution';

/** One change to make in one zone. */
export interface ZoneChange {
  /** Checkpoint key, unique within the task, e.g. `switch-wave-1-example.com`. */
  key: string;
  action: DnsCutoverCall['action'];
  dns: DnsCutover;
  zone: string;
  records: DnsRecordSet[];
}

type StartedChange = DnsChange & { at: string };

/**
 * Makes a change once (checkpointed) and waits, deferred between polls, until every name server
 * of the zone has it; a change still not in sync after `migration.dns.syncTimeoutMinutes` fails
 * the task. Returns the call as `dns-cutover.json` records it.
 */
export async function changeZone(
  ctx: TaskContext,
  change: ZoneChange,
  settings: ServerMoveSettings,
): Promise<DnsCutoverCall> {
  const { dns, zone, records } = change;
  const made = (await ctx.checkpoint({
    key: change.key,
    fn: async () =>
      asJson({
        ...(change.action === 'remove'
          ? await dns.remove(zone, records, ctx.signal)
          : await dns.apply(zone, records, ctx.signal)),
        at: new Date().toISOString(),
      }),
  })) as unknown as StartedChange;
  await ctx.checkpoint({
    key: `${change.key}:in-sync`,
    fn: async () => {
      if (await dns.verify(made, ctx.signal)) return true;
      if (Date.now() - Date.parse(made.at) > settings.dns.syncTimeoutMs) {
        throw new PermanentTaskError(
          `${dns.service} change ${made.id} in ${zone} (${
            change.action
          }) is not on every name server after ${durationText(
            settings.dns.syncTimeoutMs,
          )} (migration.dns.syncTimeoutMinutes)`,
        );
      }
      throw new TaskDeferral({
        delayMs: Math.min(settings.replication.pollIntervalMs, 30_000),
        reason: `Waiting for ${dns.service} to have change ${made.id} (${change.action}) in ${zone} on every name server`,
      });
    },
  });
  return {
    action: change.action,
    changeId: made.id,
    at: made.at,
    inSync: true,
  };
}

/** The record set a record execution writes with the given TTL and values. */
export function recordSet(
  record: DnsRecordExecution,
  ttl: number,
  values: string[],
): DnsRecordSet {
  return { name: record.name, type: record.type, ttl, values };
}

/**
 * Notes a change about to be made, before it is made, so a rollback restores the records even
 * when the task stops between the call and its record.
 */
export function notePending(
  record: DnsRecordExecution,
  action: DnsCutoverCall['action'],
): void {
  if (!record.calls.some(c => c.action === action)) {
    record.calls.push({
      action,
      changeId: 'pending',
      at: new Date().toISOString(),
    });
  }
}

/** Replaces the pending call of the same action with the one made. */
export function noteMade(record: DnsRecordExecution, call: DnsCutoverCall) {
  record.calls = [...record.calls.filter(c => c.action !== call.action), call];
}

/** Whether two record executions are of the same record (name and type). */
export function sameRecord(a: DnsRecordExecution, b: DnsRecordExecution) {
  return a.name === b.name && a.type === b.type;
}

/**
 * Makes one change to a zone's records ({@link changeZone}) and notes it in `dns-cutover.json`:
 * the call made on each record, their new `state`, and the time through `stamp`.
 */
export async function changeRecords(
  ctx: TaskContext,
  settings: ServerMoveSettings,
  change: Omit<ZoneChange, 'records'> & {
    records: DnsRecordExecution[];
    set: (record: DnsRecordExecution) => DnsRecordSet;
    state: DnsRecordExecution['state'];
    stamp: (execution: DnsCutoverExecution, at: string) => void;
  },
): Promise<void> {
  const { records, set, state, stamp, ...zoneChange } = change;
  const call = await changeZone(
    ctx,
    { ...zoneChange, records: records.map(r => set(r)) },
    settings,
  );
  await updateDnsExecution(ctx, e => {
    for (const r of e.records) {
      if (!records.some(x => sameRecord(x, r))) continue;
      noteMade(r, call);
      r.state = state;
    }
    stamp(e, call.at);
  });
}
