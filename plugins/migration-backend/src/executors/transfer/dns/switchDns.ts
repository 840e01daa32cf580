import type { DnsRecordExecution } from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  TaskDeferral,
  type CloudCapabilityLookup,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { buildEndpoints } from '../../build/buildReport';
import { asJson } from '../../json';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { readReplication } from '../servers/replicationReport';
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
import { recordTypeOf } from './dnsIntents';
import { requireDnsService } from './dnsZones';

/** Where a record points after the switch: the build's endpoint, else the cutover instance. */
async function targetsOf(
  ctx: TaskContext,
  records: DnsRecordExecution[],
): Promise<Map<DnsRecordExecution, string[] | string>> {
  const endpoints = await buildEndpoints(ctx.artifacts);
  const servers = (await readReplication(ctx))?.servers ?? [];
  const targets = new Map<DnsRecordExecution, string[] | string>();
  for (const r of records) {
    const endpoint = endpoints.find(e => e.name === r.resource)?.host;
    const server = servers.find(s => s.entityRef === r.entityRef);
    const address = server?.cutoverInstance?.addresses.find(
      a => recordTypeOf(a) === r.type,
    );
    const value = endpoint ?? address;
    if (!value) {
      targets.set(
        r,
        `${r.resource} has neither a build endpoint nor a cutover instance with an ${r.type} address`,
      );
    } else if (recordTypeOf(value) !== r.type) {
      throw new PermanentTaskError(
        `${r.name} was recorded as ${
          r.type
        } but its target ${value} needs ${recordTypeOf(
          value,
        )}; change the record type by hand`,
      );
    } else {
      targets.set(r, [value]);
    }
  }
  return targets;
}

/**
 * `transfer.dns-switch.wave-N` (real runs, after the wave's cutover): once resolvers can have
 * dropped the old TTL, the wave's records get their target values (with the lowered TTL), one
 * change per zone, verified on every name server. Records without a target are skipped with why.
 */
export async function switchDns(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const wave = Number(ctx.task.input.wave);
  const ttl = deps.settings.dns.lowerTtlSeconds;
  const execution = await readDnsExecution(ctx);
  const records = (execution?.records ?? []).filter(
    r => r.wave === wave && r.state !== 'skipped',
  );
  if (!records.length) return { wave, switched: 0 };
  const oldTtl = Math.max(
    0,
    ...records.filter(r => r.state === 'ttl-lowered').map(r => r.previous!.ttl),
  );
  const notBefore = Date.parse(execution!.ttlLoweredAt ?? '') + oldTtl * 1000;
  if (Date.now() < notBefore) {
    throw new TaskDeferral({
      until: notBefore,
      reason: `Wave ${wave}: switching DNS at ${new Date(
        notBefore,
      ).toISOString()}, when resolvers have dropped the old TTL`,
    });
  }
  const targets = await targetsOf(ctx, records);
  const switching = records.filter(r => Array.isArray(targets.get(r)));
  await updateDnsExecution(ctx, e => {
    for (const r of e.records) {
      const record = records.find(x => sameRecord(x, r));
      const target = record && targets.get(record);
      if (typeof target === 'string') {
        r.state = 'skipped';
        r.reason = target;
      } else if (target) {
        r.target = { ttl, values: target };
        notePending(r, 'switch');
      }
    }
  });
  for (const [zone, inZone] of byZone(switching)) {
    await changeRecords(ctx, deps.settings, {
      key: `switch-wave-${wave}-${zone}`,
      action: 'switch',
      dns: requireDnsService(
        ctx.migration,
        deps.capabilities,
        deps.settings.dns.zones,
        zone,
      ),
      zone,
      records: inZone,
      set: r => recordSet(r, ttl, targets.get(r) as string[]),
      state: 'switched',
      stamp: (e, at) => {
        e.switchedAt = at;
      },
    });
  }
  const statement = switching.length
    ? `Wave ${wave}: ${recordNames(
        switching,
      )} switched to the target (${switching
        .map(r => (targets.get(r) as string[]).join(', '))
        .join('; ')}) and verified on every name server.`
    : undefined;
  await updateDnsExecution(ctx, () => {}, statement);
  return asJson({ wave, switched: switching.length });
}
