import {
  MIGRATION_ARTIFACTS,
  type DnsCutoverArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import { createCloudCapabilityLookup } from '@sirsi-nexus/plugin-migration-node';
import {
  InMemoryDnsCutover,
  InMemoryServerReplicator,
} from '@sirsi-nexus/plugin-migration-node/testUtils';
import {
  flowHarness,
  planEntities,
  testSettings,
  vm,
} from '../__testUtils__/flowHarness';

const open = () =>
  `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(
    Date.now() + 3_600_000,
  ).toISOString()}`;

function setup(options: { rehearsal?: boolean; syncPolls?: number } = {}) {
  const replicator = new InMemoryServerReplicator({
    servers: [
      {
        serverId: 's-1',
        knownAs: ['web-01'],
        totalBytes: 1,
        replicatedBytes: 1,
        lagSeconds: 5,
        health: 'healthy',
        lifecycle: 'ready_for_test',
      },
    ],
  });
  const dns = new InMemoryDnsCutover({
    service: 'Amazon Route 53',
    syncPolls: options.syncPolls,
    zones: {
      'example.com': [
        {
          name: 'shop.example.com',
          type: 'A',
          ttl: 2,
          values: ['192.0.2.10'],
        },
      ],
    },
  });
  const flow = flowHarness({
    migration: {
      options: {
        rehearsal: options.rehearsal ?? false,
        maintenanceWindows: [open()],
      },
    },
    artifacts: {
      [MIGRATION_ARTIFACTS.planEntities.name]: planEntities([
        vm('web-01', {
          tags: { 'dns-name': 'shop.example.com, new.example.com.' },
        }),
        vm('db-01', { tags: { 'dns-name': 'db.other.org' } }),
        vm('api-01', { tags: { 'dns-name': 'api.azure.example.net' } }),
      ]),
    },
    capabilities: createCloudCapabilityLookup({
      aws: { serverReplicator: () => replicator, dnsCutover: () => dns },
      azure: {},
    }),
    settings: testSettings({
      replication: { timeoutMinutes: 60 },
      dns: {
        lowerTtlSeconds: 1,
        syncTimeoutMinutes: options.syncPolls ? 0.001 : 5,
        zones: [
          { name: 'example.com', provider: 'aws' },
          { name: 'azure.example.net', provider: 'azure' },
        ],
      },
    }),
  });
  const dnsCutover = () =>
    flow.json<DnsCutoverArtifact>(MIGRATION_ARTIFACTS.dnsCutover.name);
  const step = (key: string, input: Record<string, unknown>) =>
    flow.runTask(flow.transfer, { key, input: input as any });
  return { replicator, dns, flow, dnsCutover, step };
}

describe('the DNS cutover', () => {
  it('stores the records before any change, lowers the TTL, switches after the cutover, verifies, and a rollback restores them', async () => {
    const { dns, flow, dnsCutover, step } = setup();
    // web-01's server is matched and replicating before DNS is recorded.
    await step('transfer.servers.wave-1.replicate', {
      step: 'replicate',
      wave: 1,
    });
    expect((await step('transfer.dns-cutover', { step: 'dns' })).error).toBe(
      undefined,
    );
    const recorded = (await dnsCutover())!;
    expect(
      recorded.execution!.records.map(r => [
        r.name,
        r.state,
        r.previous,
        r.reason,
      ]),
    ).toEqual([
      [
        'shop.example.com',
        'recorded',
        { ttl: 2, values: ['192.0.2.10'] },
        undefined,
      ],
      ['new.example.com', 'recorded', null, undefined],
      [
        'db.other.org',
        'skipped',
        undefined,
        'No zone in migration.dns.zones holds db.other.org; switch it by hand as the runbook says',
      ],
      [
        'api.azure.example.net',
        'skipped',
        undefined,
        'No installed cloud module changes azure DNS zones (zone azure.example.net); switch api.azure.example.net by hand as the runbook says',
      ],
    ]);
    expect(recorded.records.map(r => r.name)).toEqual([
      'shop.example.com',
      'new.example.com',
      'db.other.org',
      'api.azure.example.net',
    ]);
    expect(dns.changesMade()).toEqual([]);

    const lowered = await step('transfer.dns-lower-ttl', {
      step: 'dns-lower-ttl',
    });
    expect(lowered.error).toBeUndefined();
    expect(lowered.deferrals.map(d => d.message)).toEqual([
      'Waiting for Amazon Route 53 to have change change-1 (lower-ttl) in example.com on every name server',
    ]);
    expect(dns.changesMade()).toEqual([
      'apply example.com: shop.example.com A 1 192.0.2.10',
    ]);

    await step('transfer.servers.wave-1.cutover', { step: 'cutover', wave: 1 });
    const switched = await flow.runTask(
      flow.transfer,
      {
        key: 'transfer.dns-switch.wave-1',
        input: { step: 'dns-switch', wave: 1 },
      },
      { pauseMs: 100 },
    );
    expect(switched.error).toBeUndefined();
    const loweredAt = Date.parse(
      (await dnsCutover())!.execution!.ttlLoweredAt!,
    );
    // Not before resolvers can have dropped the old TTL of 2 s.
    expect(switched.deferrals[0].until).toBe(loweredAt + 2000);
    expect(dns.changesMade()).toEqual([
      'apply example.com: shop.example.com A 1 192.0.2.10',
      'apply example.com: shop.example.com A 1 10.0.2.1; new.example.com A 1 10.0.2.1',
    ]);
    expect(dns.record('example.com', 'new.example.com', 'A')?.values).toEqual([
      '10.0.2.1',
    ]);
    const after = (await dnsCutover())!.execution!;
    expect(after.records[0]).toMatchObject({
      state: 'switched',
      target: { ttl: 1, values: ['10.0.2.1'] },
      calls: [
        expect.objectContaining({ action: 'lower-ttl', inSync: true }),
        expect.objectContaining({ action: 'switch', changeId: 'change-2' }),
      ],
    });

    // Rollback, newest first: the switch restores; the earlier DNS tasks find nothing left.
    const undo = await flow.runTask(
      flow.transfer,
      {
        key: 'transfer.dns-switch.wave-1',
        input: { step: 'dns-switch', wave: 1 },
      },
      { compensate: true },
    );
    expect(undo.output).toEqual({ restored: 1, removed: 1 });
    for (const key of ['transfer.dns-lower-ttl', 'transfer.dns-cutover']) {
      const again = await flow.runTask(
        flow.transfer,
        {
          key,
          input: {
            step: key === 'transfer.dns-cutover' ? 'dns' : 'dns-lower-ttl',
          },
        },
        { compensate: true },
      );
      expect(again.output).toEqual({ restored: 0, removed: 0 });
    }
    expect(dns.changesMade().slice(2)).toEqual([
      'apply example.com: shop.example.com A 2 192.0.2.10',
      'remove example.com: new.example.com A 1 10.0.2.1',
    ]);
    expect(dns.record('example.com', 'shop.example.com', 'A')).toEqual({
      name: 'shop.example.com',
      type: 'A',
      ttl: 2,
      values: ['192.0.2.10'],
    });
    expect(dns.record('example.com', 'new.example.com', 'A')).toBeUndefined();
    expect((await dnsCutover())!.execution!.statements.at(-1)).toBe(
      'Rolled back DNS: shop.example.com A restored to their previous values and TTL; new.example.com A removed (they did not exist before), verified on every name server.',
    );
  });

  it('restores through the recording task when the switch failed half-way', async () => {
    const { dns, flow, step } = setup({ syncPolls: 1_000 });
    await step('transfer.servers.wave-1.replicate', {
      step: 'replicate',
      wave: 1,
    });
    await step('transfer.dns-cutover', { step: 'dns' });
    // The TTL change never gets in sync within the (tiny) timeout: the task fails after the call.
    const lowered = await flow.runTask(
      flow.transfer,
      { key: 'transfer.dns-lower-ttl', input: { step: 'dns-lower-ttl' } },
      { pauseMs: 80 },
    );
    expect(lowered.error?.message).toMatch(
      /^Amazon Route 53 change change-1 in example.com \(lower-ttl\) is not on every name server after 0 s/,
    );
    const undo = await flow.runTask(
      flow.transfer,
      { key: 'transfer.dns-cutover', input: { step: 'dns' } },
      { compensate: true, maxRounds: 1 },
    );
    expect(undo.waiting).toBe(true);
    expect(dns.changesMade()).toEqual([
      'apply example.com: shop.example.com A 1 192.0.2.10',
      'apply example.com: shop.example.com A 2 192.0.2.10',
    ]);
  });

  it('only reads the records in a rehearsal', async () => {
    const { dns, flow, step } = setup({ rehearsal: true });
    expect(
      (await flow.plan(flow.transfer))
        .map(t => t.key)
        .filter(k => k.includes('dns')),
    ).toEqual(['transfer.dns-cutover']);
    await step('transfer.servers.wave-1.replicate', {
      step: 'replicate',
      wave: 1,
    });
    await step('transfer.dns-cutover', { step: 'dns' });
    expect(dns.changesMade()).toEqual([]);
    expect(dns.calls.map(c => `${c.method} ${c.records[0]}`)).toEqual([
      'read shop.example.com A',
      'read shop.example.com CNAME',
      'read new.example.com A',
      'read new.example.com CNAME',
    ]);
    const report = (await flow.transferReport())!;
    expect(report.statements.at(-1)).toBe(
      'The DNS cutover covers 4 record(s) (2 recorded, 2 skipped); in a rehearsal none is changed (dns-cutover.json).',
    );
  });
});
