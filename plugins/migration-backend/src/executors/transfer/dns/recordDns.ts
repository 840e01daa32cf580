import { createHash } from 'node:crypto';
import {
  MIGRATION_ARTIFACTS,
  type DnsRecordExecution,
  type DnsRecordValues,
} from '@sirsi-nexus/plugin-migration-common';
import {
  writeArtifact,
  type CloudCapabilityLookup,
  type DnsCutover,
  type DnsRecordSet,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { buildDnsCutoverPlan } from '@sirsi-nexus/plugin-migration-transfer-node';
import type { ServerMoveSettings } from '../serverMoveSettings';
import { dnsIntents, type DnsIntent } from './dnsIntents';
import { dnsServiceOf, zoneOf } from './dnsZones';
import { dnsStatements } from './dnsStatements';

const hash = (text: string) =>
  createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Reads a record set once per task (checkpointed); `null` when the zone has none. */
async function readOnce(
  ctx: TaskContext,
  dns: DnsCutover,
  zone: string,
  name: string,
  type: DnsRecordSet['type'],
): Promise<DnsRecordValues | null> {
  return (await ctx.checkpoint({
    key: `read-${hash(`${zone} ${name} ${type}`)}`,
    fn: async () => {
      const found = await dns.read(zone, name, type, ctx.signal);
      return found ? { ttl: found.ttl, values: found.values } : null;
    },
  })) as DnsRecordValues | null;
}

/** What the cutover will do with one name, with the record as the zone holds it now. */
async function recordOne(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
  intent: DnsIntent,
): Promise<DnsRecordExecution> {
  const { endpointHost: _e, sourceAddresses: _s, ...base } = intent;
  const record: DnsRecordExecution = { ...base, state: 'recorded', calls: [] };
  const zone = zoneOf(deps.settings.dns.zones, intent.name);
  if (!zone) {
    return {
      ...record,
      state: 'skipped',
      reason: `No zone in migration.dns.zones holds ${intent.name}; switch it by hand as the runbook says`,
    };
  }
  const dns = dnsServiceOf(ctx.migration, deps.capabilities, zone);
  if (!dns) {
    return {
      ...record,
      zone: zone.name,
      state: 'skipped',
      reason: `No installed cloud module changes ${zone.provider} DNS zones (zone ${zone.name}); switch ${intent.name} by hand as the runbook says`,
    };
  }
  record.zone = zone.name;
  record.service = dns.service;
  record.previous = await readOnce(
    ctx,
    dns,
    zone.name,
    intent.name,
    intent.type,
  );
  const other = intent.type === 'CNAME' ? 'A' : 'CNAME';
  if (await readOnce(ctx, dns, zone.name, intent.name, other)) {
    return {
      ...record,
      state: 'skipped',
      reason: `${intent.name} holds a ${other} record, so it cannot get ${intent.type} values; change its type by hand`,
    };
  }
  return record;
}

/**
 * `transfer.dns-cutover`: before any change, the records the cutover will switch are read from
 * their zones' DNS services and stored in `dns-cutover.json` together with the runbook (lower the
 * TTL, switch, verify, revert). Names outside the configured zones, or in zones no installed module
 * changes, are listed as skipped with why. A rehearsal stops here. Its rollback restores every
 * record later tasks changed (see `restoreDns`).
 */
export async function recordDns(
  ctx: TaskContext,
  deps: { capabilities: CloudCapabilityLookup; settings: ServerMoveSettings },
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const intents = await dnsIntents(ctx.artifacts);
  const records: DnsRecordExecution[] = [];
  for (const intent of intents) {
    records.push(await recordOne(ctx, deps, intent));
  }
  const plan = buildDnsCutoverPlan({
    records: intents.map((intent, i) => ({
      name: intent.name,
      type: intent.type,
      currentValues: records[i].previous?.values ?? intent.sourceAddresses,
      targetValues: intent.endpointHost ? [intent.endpointHost] : undefined,
      ttl: records[i].previous?.ttl,
    })),
    cutoverAt: ctx.migration.options.maintenanceWindows?.[0]?.split('/')[0],
    cutoverTtl: deps.settings.dns.lowerTtlSeconds,
  });
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.dnsCutover, {
    ...plan,
    execution: {
      rehearsal,
      records,
      recordedAt: new Date().toISOString(),
      statements: dnsStatements(rehearsal, records),
    },
  });
  return {
    records: records.length,
    recorded: records.filter(r => r.state === 'recorded').length,
    skipped: records.filter(r => r.state === 'skipped').length,
  };
}
