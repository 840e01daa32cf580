import { NotAllowedError } from '@backstage/errors';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createCloudCapabilityLookup,
  type CloudCapabilityLookup,
} from '@sirsi-nexus/plugin-migration-node';
import {
  InMemoryServerReplicator,
  type InMemoryServer,
} from '@sirsi-nexus/plugin-migration-node/testUtils';
import {
  flowHarness,
  planEntities,
  testSettings,
  vm,
} from '../__testUtils__/flowHarness';

const GiB = 1024 ** 3;

function server(
  serverId: string,
  name: string,
  change: Partial<InMemoryServer> = {},
): InMemoryServer {
  return {
    serverId,
    knownAs: [name],
    totalBytes: 100 * GiB,
    replicatedBytes: 100 * GiB,
    lagSeconds: 20,
    health: 'healthy',
    lifecycle: 'ready_for_test',
    ...change,
  };
}

function setup(
  options: {
    servers?: InMemoryServer[];
    resources?: DiscoveredResource[];
    rehearsal?: boolean;
    windows?: string[];
    settings?: Parameters<typeof testSettings>[0];
    capabilities?: CloudCapabilityLookup;
  } = {},
) {
  const replicator = new InMemoryServerReplicator({
    service: 'AWS Application Migration Service',
    servers: options.servers ?? [server('s-1', 'web-01')],
  });
  const flow = flowHarness({
    migration: {
      options: {
        rehearsal: options.rehearsal ?? false,
        maintenanceWindows: options.windows,
      },
    },
    artifacts: {
      [MIGRATION_ARTIFACTS.planEntities.name]: planEntities(
        options.resources ?? [vm('web-01')],
      ),
      [MIGRATION_ARTIFACTS.build.name]: {
        rehearsal: false,
        waves: [
          {
            wave: 'wave-01',
            mode: 'applied',
            resources: [],
            outputs: {
              launch_settings: {
                'web-01': {
                  subnet_id: 'subnet-0a1',
                  security_group_ids: ['sg-0web'],
                  instance_type: 'm6i.large',
                },
              },
            },
          },
        ],
        statements: [],
      },
    },
    capabilities:
      options.capabilities ??
      createCloudCapabilityLookup({
        aws: { serverReplicator: () => replicator },
      }),
    settings: testSettings(options.settings),
  });
  const task = (step: string, wave = 1) => ({
    key: `transfer.servers.wave-${wave}.${step}`,
    input: { step, wave },
  });
  return { replicator, flow, task };
}

describe('moving servers through the migration service', () => {
  it('waits for healthy replication with progress, configures the launch, and launches test instances in a rehearsal', async () => {
    const { replicator, flow, task } = setup({
      rehearsal: true,
      servers: [
        server('s-1', 'web-01', {
          health: 'replicating',
          lifecycle: 'not_ready',
          replicatedBytes: 40 * GiB,
          lagSeconds: undefined,
          script: [
            {},
            { replicatedBytes: 70 * GiB, lagSeconds: 900 },
            {
              replicatedBytes: 100 * GiB,
              lagSeconds: 30,
              health: 'healthy',
              lifecycle: 'ready_for_test',
            },
          ],
        }),
      ],
    });

    const replicate = await flow.runTask(flow.transfer, task('replicate'), {
      pauseMs: 20,
    });
    expect(replicate.error).toBeUndefined();
    expect(replicate.deferrals.map(d => d.message)).toEqual([
      'Waiting for healthy replication of web-01 (no lag reported yet (first snapshot pending))',
      'Waiting for healthy replication of web-01 (lag 900 s (limit 300 s))',
    ]);
    const [record] = (await flow.transferReport())!.replication!.servers;
    expect(record).toMatchObject({
      name: 'web-01',
      serverId: 's-1',
      step: 'healthy',
      bytesTransferred: 100 * GiB,
      totalBytes: 100 * GiB,
      lagSeconds: 30,
      launch: {
        instanceType: 'm6i.large',
        subnetId: 'subnet-0a1',
        securityGroupIds: ['sg-0web'],
      },
    });
    expect(replicator.servers.get('s-1')!.launch).toEqual({
      instanceType: 'm6i.large',
      subnetId: 'subnet-0a1',
      securityGroupIds: ['sg-0web'],
      tags: {
        owner: 'group:default/team-a',
        'migration-id': 'm-1',
        wave: '1',
      },
    });

    const test = await flow.runTask(flow.transfer, task('test'));
    expect(test.error).toBeUndefined();
    expect(test.deferrals.map(d => d.message)).toEqual([
      'Test launch of wave 1: AWS Application Migration Service job job-1 is running',
    ]);
    const report = (await flow.transferReport())!;
    expect(report.replication!.servers[0]).toMatchObject({
      step: 'testing',
      testInstance: { id: 'i-test-s-1', addresses: ['10.0.1.1'] },
    });
    expect(report.replication!.status).toMatchObject({
      state: 'completed',
      bytesTransferred: 100 * GiB,
      totalBytes: 100 * GiB,
    });
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startTest s-1',
    ]);
  });

  it('reports the speed and ETA of replication between readings', async () => {
    const { flow, task } = setup({
      servers: [
        server('s-1', 'web-01', {
          health: 'replicating',
          lifecycle: 'not_ready',
          replicatedBytes: 10 * GiB,
          lagSeconds: 5000,
          script: [{}, { replicatedBytes: 11 * GiB }],
        }),
      ],
    });
    await flow.runTask(flow.transfer, task('replicate'), {
      maxRounds: 2,
      pauseMs: 100,
    });
    const { replication } = (await flow.transferReport())!;
    const [s] = replication!.servers;
    expect(s.bytesTransferred).toBe(11 * GiB);
    // 1 GiB in about 100 ms.
    expect(s.speedBytesPerSecond).toBeGreaterThan(2 * GiB);
    expect(s.etaSeconds).toBeGreaterThan(0);
    expect(s.message).toBe('replicating, lag 5000 s (limit 300 s)');
    expect(replication!.status).toMatchObject({
      state: 'running',
      currentResource: 'web-01',
    });
  });

  it('fails the wave listing every server the service does not know, with the agent step, and moves on after a retry', async () => {
    const { replicator, flow, task } = setup({
      servers: [server('s-1', 'web-01')],
      resources: [vm('web-01'), vm('db-01', { ip: '10.9.0.2' })],
    });
    const first = await flow.runTask(flow.transfer, task('replicate'));
    expect(first.error?.name).toBe('PermanentTaskError');
    expect(first.error?.message).toBe(
      '1 of 2 server(s) of wave 1 are unknown to AWS Application Migration Service, so the wave cannot move: db-01 — AWS Application Migration Service does not know db-01: install its replication agent on db-01 first. web-01 replicate and wait for them. Do the step, then retry the task.',
    );
    const servers = (await flow.transferReport())!.replication!.servers;
    expect(servers.map(s => [s.name, s.step, s.message])).toEqual([
      [
        'db-01',
        'unmatched',
        'AWS Application Migration Service does not know db-01: install its replication agent on db-01 first',
      ],
      ['web-01', 'replicating', undefined],
    ]);
    expect(replicator.changes()).toEqual([]);

    // The operator installs the agent; the retry matches both.
    replicator.servers.set('s-2', server('s-2', '10.9.0.2'));
    const retry = await flow.runTask(flow.transfer, task('replicate'));
    expect(retry.error).toBeUndefined();
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'configureLaunch s-2',
    ]);
  });

  it('fails with the lag figure when replication makes no progress for the timeout', async () => {
    const { flow, task } = setup({
      settings: { replication: { timeoutMinutes: 0.003 } },
      servers: [
        server('s-1', 'web-01', {
          health: 'stalled',
          lagSeconds: 5400,
          message: 'AGENT_NOT_SEEN: the replication agent has not reported',
        }),
      ],
    });
    const run = await flow.runTask(flow.transfer, task('replicate'), {
      pauseMs: 40,
    });
    expect(run.deferrals.length).toBeGreaterThan(0);
    expect(run.error?.message).toBe(
      'Replication stalled in AWS Application Migration Service: web-01: No replication progress for 0 s: stalled, lag 5400 s (limit 300 s) — AGENT_NOT_SEEN: the replication agent has not reported. Fix the replication (agent, network, service health), then retry the task.',
    );
    const [record] = (await flow.transferReport())!.replication!.servers;
    expect(record).toMatchObject({ step: 'failed', lagSeconds: 5400 });
    expect((await flow.transferReport())!.replication!.status.errors).toEqual([
      expect.objectContaining({ resource: 'web-01', retried: false }),
    ]);
  });

  it('never retries rejected credentials of the service', async () => {
    const { replicator, flow, task } = setup();
    replicator.match = async () => {
      throw new NotAllowedError('mgn:DescribeSourceServers is not allowed');
    };
    const run = await flow.runTask(flow.transfer, task('replicate'));
    expect(run.error).toBeInstanceOf(NotAllowedError);
  });
});

describe('cutover', () => {
  const open = () =>
    `${new Date(Date.now() - 3_600_000).toISOString()}/${new Date(
      Date.now() + 3_600_000,
    ).toISOString()}`;

  async function replicated(options: Parameters<typeof setup>[0] = {}) {
    const s = setup({ windows: [open()], ...options });
    expect(
      (await s.flow.runTask(s.flow.transfer, s.task('replicate'))).error,
    ).toBeUndefined();
    return s;
  }

  it('cuts over inside the maintenance window and records the cutover instances', async () => {
    const { replicator, flow, task } = await replicated();
    const run = await flow.runTask(flow.transfer, task('cutover'));
    expect(run.error).toBeUndefined();
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startCutover s-1',
    ]);
    const report = (await flow.transferReport())!;
    expect(report.replication!.servers[0]).toMatchObject({
      step: 'cut_over',
      lifecycle: 'cutover',
      cutoverInstance: { id: 'i-cutover-s-1', addresses: ['10.0.2.1'] },
    });
    expect(report.statements.at(-1)).toMatch(
      /^Wave 1: cut over in AWS Application Migration Service \(inside the maintenance window ending .*\) to web-01 \(10\.0\.2\.1\)/,
    );
  });

  it('waits for the next maintenance window, and refuses to cut over after the last one', async () => {
    const start = new Date(Date.now() + 86_400_000);
    const end = new Date(start.getTime() + 3_600_000);
    const ahead = await replicated({
      windows: [`${start.toISOString()}/${end.toISOString()}`],
    });
    const waiting = await ahead.flow.runTask(
      ahead.flow.transfer,
      ahead.task('cutover'),
      { maxRounds: 1 },
    );
    expect(waiting.waiting).toBe(true);
    expect(waiting.deferrals[0].until).toBe(start.getTime());
    expect(waiting.deferrals[0].message).toBe(
      `Wave 1: waiting for the maintenance window ${start.toISOString()} – ${end.toISOString()} to cut over`,
    );
    expect(ahead.replicator.changes()).toEqual(['configureLaunch s-1']);

    const passed = await replicated({
      windows: ['2020-01-01T00:00:00Z/2020-01-01T04:00:00Z'],
    });
    const run = await passed.flow.runTask(
      passed.flow.transfer,
      passed.task('cutover'),
    );
    expect(run.error?.message).toBe(
      "Wave 1: every maintenance window has passed (the last ended 2020-01-01T04:00:00.000Z); nothing was cut over. Add a window to the migration's options, then retry the task.",
    );
    expect(passed.replicator.changes()).toEqual(['configureLaunch s-1']);
  });

  it('fails the task with the service message when the job fails half-way, and a retry starts a job for the rest', async () => {
    const { replicator, flow, task } = await replicated({
      servers: [server('s-1', 'web-01'), server('s-2', 'web-02')],
      resources: [vm('web-01'), vm('web-02', { ip: '10.9.0.2' })],
    });
    replicator.failNextJob(
      'cutover',
      'Launch failed for s-2: InsufficientInstanceCapacity',
      1,
    );
    const failed = await flow.runTask(flow.transfer, task('cutover'));
    expect(failed.error?.name).toBe('PermanentTaskError');
    expect(failed.error?.message).toBe(
      'Cutover of wave 1 failed: AWS Application Migration Service job job-1: Launch failed for s-2: InsufficientInstanceCapacity. Fix the cause, then retry the task: it starts a new job.',
    );

    const retried = await flow.runTask(flow.transfer, task('cutover'));
    expect(retried.error).toBeUndefined();
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'configureLaunch s-2',
      'startCutover s-1,s-2',
      'startCutover s-2',
    ]);
    expect(
      (await flow.transferReport())!.replication!.servers.map(s => s.step),
    ).toEqual(['cut_over', 'cut_over']);
  });

  it('does not start the cutover again when the task restarts between the call and its checkpoint', async () => {
    const { replicator, flow, task } = await replicated();
    const crash = await flow.runTask(flow.transfer, task('cutover'), {
      wrap: ctx => {
        const checkpoint = ctx.checkpoint;
        ctx.checkpoint = async options => {
          if (options.key === 'cutover-wave-1#1') {
            await options.fn();
            throw new Error('the backend was killed');
          }
          return checkpoint(options);
        };
      },
    });
    expect(crash.error?.message).toBe('the backend was killed');
    const restarted = await flow.runTask(flow.transfer, task('cutover'));
    expect(restarted.error).toBeUndefined();
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startCutover s-1',
    ]);
    expect(
      (await flow.transferReport())!.replication!.servers[0],
    ).toMatchObject({
      step: 'cut_over',
      cutoverInstance: { id: 'i-cutover-s-1' },
    });
    // Polled while running, after a restart too: the same job, never a second one.
    const restartedAgain = await flow.runTask(flow.transfer, task('cutover'));
    expect(restartedAgain.error).toBeUndefined();
    expect(replicator.changes()).toHaveLength(2);
  });

  it('finalizes after validation and archives; a rollback then leaves the servers alone', async () => {
    const { replicator, flow, task } = await replicated();
    await flow.runTask(flow.transfer, task('cutover'));
    const finish = await flow.runTask(flow.validate, {
      key: 'validate.servers',
      input: { step: 'servers' },
    });
    expect(finish.error).toBeUndefined();
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startCutover s-1',
      'finalize s-1',
      'archive s-1',
    ]);
    const undo = await flow.runTask(flow.transfer, task('cutover'), {
      compensate: true,
    });
    expect(undo.output).toMatchObject({
      revert: [],
      finalized: ['s-1'],
      statement:
        'Rolled back wave 1: web-01 had been finalized: nothing to undo, the source keeps running.',
    });
    expect(replicator.changes()).toHaveLength(4);
  });

  it('reverts a cutover that was not finalized; the wave’s earlier tasks then find nothing to undo', async () => {
    const { replicator, flow, task } = await replicated();
    await flow.runTask(flow.transfer, task('cutover'));
    const undo = await flow.runTask(flow.transfer, task('cutover'), {
      compensate: true,
    });
    expect(undo.output).toMatchObject({ revert: ['s-1'] });
    const again = await flow.runTask(flow.transfer, task('replicate'), {
      compensate: true,
    });
    expect(again.output).toMatchObject({ revert: [], cleanup: [] });
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startCutover s-1',
      'revert s-1',
    ]);
    expect(
      (await flow.transferReport())!.replication!.servers[0],
    ).toMatchObject({
      step: 'reverted',
      message: 'Cutover reverted by the rollback; the source is authoritative',
    });
  });

  it('reverts through the first task of the wave when the cutover task itself failed', async () => {
    const { replicator, flow, task } = await replicated({
      servers: [server('s-1', 'web-01'), server('s-2', 'web-02')],
      resources: [vm('web-01'), vm('web-02', { ip: '10.9.0.2' })],
    });
    replicator.failNextJob('cutover', 'Launch failed for s-2', 1);
    expect(
      (await flow.runTask(flow.transfer, task('cutover'))).error,
    ).toBeDefined();
    // Failed tasks are not compensated; the replicate task's compensation undoes the wave.
    const undo = await flow.runTask(flow.transfer, task('replicate'), {
      compensate: true,
    });
    expect(undo.output).toMatchObject({ revert: ['s-1'] });
    expect(replicator.changes().at(-1)).toBe('revert s-1');
  });
});

describe('rehearsal clean-up', () => {
  it('terminates the test instances after validation, and a rollback cleans up when that did not run', async () => {
    const { replicator, flow, task } = setup({ rehearsal: true });
    await flow.runTask(flow.transfer, task('replicate'));
    await flow.runTask(flow.transfer, task('test'));

    const undo = await flow.runTask(flow.transfer, task('test'), {
      compensate: true,
    });
    expect(undo.output).toMatchObject({ cleanup: ['s-1'] });
    expect(replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startTest s-1',
      'cleanupTest s-1',
    ]);

    const other = setup({ rehearsal: true });
    await other.flow.runTask(other.flow.transfer, other.task('replicate'));
    await other.flow.runTask(other.flow.transfer, other.task('test'));
    const finish = await other.flow.runTask(other.flow.validate, {
      key: 'validate.servers',
      input: { step: 'servers' },
    });
    expect(finish.output).toEqual({ rehearsal: true, finished: ['web-01'] });
    const undoAfter = await other.flow.runTask(
      other.flow.transfer,
      other.task('test'),
      { compensate: true },
    );
    expect(undoAfter.output).toMatchObject({ cleanup: [], revert: [] });
    expect(other.replicator.changes()).toEqual([
      'configureLaunch s-1',
      'startTest s-1',
      'cleanupTest s-1',
    ]);
    expect(
      (await other.flow.transferReport())!.replication!.servers[0],
    ).toMatchObject({
      step: 'tested',
      testInstance: { addresses: ['10.0.1.1'] },
    });
  });
});

describe('planning', () => {
  it('plans per wave: replicate and test in a rehearsal; replicate, DNS, cutover and switch in a real run', async () => {
    const resources = [
      vm('web-01', { tags: { 'dns-name': 'shop.example.com' } }),
    ];
    const rehearsal = setup({ rehearsal: true, resources });
    expect(
      (await rehearsal.flow.plan(rehearsal.flow.transfer)).map(t => [
        t.key,
        t.dependsOn,
      ]),
    ).toEqual([
      ['transfer.baseline', undefined],
      ['transfer.data', ['transfer.baseline']],
      ['transfer.servers.wave-1.replicate', ['transfer.data']],
      ['transfer.servers.wave-1.test', ['transfer.servers.wave-1.replicate']],
      ['transfer.dns-cutover', ['transfer.servers.wave-1.test']],
    ]);
    const real = setup({ resources });
    expect((await real.flow.plan(real.flow.transfer)).map(t => t.key)).toEqual([
      'transfer.baseline',
      'transfer.data',
      'transfer.servers.wave-1.replicate',
      'transfer.dns-cutover',
      'transfer.dns-lower-ttl',
      'transfer.servers.wave-1.cutover',
      'transfer.dns-switch.wave-1',
    ]);
  });

  it('says plainly that servers are not moved when the target has no migration service', async () => {
    const { flow } = setup({ capabilities: createCloudCapabilityLookup({}) });
    const plan = await flow.plan(flow.transfer);
    expect(plan.map(t => t.key)).toContain('transfer.servers');
    const run = await flow.runTask(flow.transfer, {
      key: 'transfer.servers',
      input: { step: 'servers-unavailable' },
    });
    expect(run.output).toMatchObject({ skipped: 1 });
    const report = (await flow.transferReport())!;
    expect(report.replication!.skipped).toEqual([
      {
        entityRef: 'resource:default/dc1-vm-web-01',
        name: 'web-01',
        reason:
          'No installed cloud module offers a server migration service for aws targets in eu-west-1 (add the aws migration module and configure its replication)',
      },
    ]);
    expect(report.statements[0]).toMatch(/^1 server\(s\) were not moved: /);
  });
});
