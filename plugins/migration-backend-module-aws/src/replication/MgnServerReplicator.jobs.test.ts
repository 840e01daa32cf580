import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type {
  ReplicatedServer,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { createAwsCapabilities } from '../capabilities/awsCapabilities';
import {
  ACCESS_KEY_ID,
  S1,
  S2,
  SECRET_ACCESS_KEY,
  TARGET,
  targetConfig,
} from '../testUtils/awsTarget';
import { ec2Script, reservations } from '../testUtils/ec2Wire';
import { job, mgnError, mgnScript, sourceServer } from '../testUtils/mgnWire';
import { CallLog } from '../testUtils/scriptedService';

const server = setupServer();
registerMswTestHooks(server);

let log: CallLog;
let mgn: ReturnType<typeof mgnScript>['script'];
let ec2: ReturnType<typeof ec2Script>['script'];
let replicator: ServerReplicator;

const TEST_JOB = 'mgnjob-0a1b2c3d4e5f60001';
const CLEANUP_JOB = 'mgnjob-0a1b2c3d4e5f60002';
const CUTOVER_JOB = 'mgnjob-0a1b2c3d4e5f60003';
const REVERT_JOB = 'mgnjob-0a1b2c3d4e5f60004';
const servers: ReplicatedServer[] = [
  {
    entityRef: 'resource:default/shop-web-01',
    name: 'shop-web-01',
    serverId: S1,
  },
  {
    entityRef: 'resource:default/shop-db-01',
    name: 'shop-db-01',
    serverId: S2,
  },
];

beforeEach(() => {
  log = new CallLog();
  const m = mgnScript(log);
  const e = ec2Script(log);
  mgn = m.script;
  ec2 = e.script;
  server.use(m.handler, e.handler);
  // Through the capabilities, as the transfer phase gets it.
  replicator = createAwsCapabilities({ config: targetConfig() })
    .serverReplicator!(TARGET)!;
});

const inState = (state: string, extra = {}) => ({
  items: [
    sourceServer({ id: S1, lifeCycle: state, ...extra }),
    sourceServer({ id: S2, lifeCycle: state, ...extra }),
  ],
});

describe('MgnServerReplicator jobs', () => {
  it('launches test instances, polls the job, reports their addresses and cleans them up', async () => {
    mgn.once('StartTest', {
      job: job({ id: TEST_JOB, servers: [{ id: S1 }, { id: S2 }] }),
    });
    mgn.once(
      'DescribeJobs',
      {
        items: [
          job({
            id: TEST_JOB,
            status: 'STARTED',
            servers: [
              {
                id: S1,
                launchStatus: 'LAUNCHED',
                instance: 'i-0aaaaaaaaaaaaaaa1',
              },
              { id: S2, launchStatus: 'IN_PROGRESS' },
            ],
          }),
        ],
      },
      {
        items: [
          job({
            id: TEST_JOB,
            status: 'COMPLETED',
            servers: [
              {
                id: S1,
                launchStatus: 'LAUNCHED',
                instance: 'i-0aaaaaaaaaaaaaaa1',
              },
              {
                id: S2,
                launchStatus: 'LAUNCHED',
                instance: 'i-0aaaaaaaaaaaaaaa2',
              },
            ],
          }),
        ],
      },
    );
    ec2.once(
      'DescribeInstances',
      reservations([{ id: 'i-0aaaaaaaaaaaaaaa1', privateIp: '10.50.1.11' }]),
      reservations([
        { id: 'i-0aaaaaaaaaaaaaaa1', privateIp: '10.50.1.11' },
        { id: 'i-0aaaaaaaaaaaaaaa2', privateIp: '10.50.1.12' },
      ]),
    );

    const test = await replicator.startTest(servers);
    expect(test).toEqual({ id: TEST_JOB, kind: 'test', serverIds: [S1, S2] });
    await expect(replicator.job(test)).resolves.toEqual({
      state: 'running',
      instances: {
        [S1]: { id: 'i-0aaaaaaaaaaaaaaa1', addresses: ['10.50.1.11'] },
      },
    });
    await expect(replicator.job(test)).resolves.toEqual({
      state: 'succeeded',
      instances: {
        [S1]: { id: 'i-0aaaaaaaaaaaaaaa1', addresses: ['10.50.1.11'] },
        [S2]: { id: 'i-0aaaaaaaaaaaaaaa2', addresses: ['10.50.1.12'] },
      },
    });

    mgn.once('DescribeSourceServers', inState('TESTING'));
    mgn.always('ChangeServerLifeCycleState', (request: any) =>
      sourceServer({
        id: request.sourceServerID,
        lifeCycle: request.lifeCycle.state,
      }),
    );
    mgn.once('TerminateTargetInstances', {
      job: job({
        id: CLEANUP_JOB,
        type: 'TERMINATE',
        initiatedBy: 'TERMINATE',
        servers: [{ id: S1 }, { id: S2 }],
      }),
    });
    mgn.once('DescribeJobs', {
      items: [
        job({
          id: CLEANUP_JOB,
          type: 'TERMINATE',
          initiatedBy: 'TERMINATE',
          status: 'COMPLETED',
          servers: [
            {
              id: S1,
              launchStatus: 'TERMINATED',
              instance: 'i-0aaaaaaaaaaaaaaa1',
            },
            {
              id: S2,
              launchStatus: 'TERMINATED',
              instance: 'i-0aaaaaaaaaaaaaaa2',
            },
          ],
        }),
      ],
    });
    const cleanup = await replicator.cleanupTest(servers);
    expect(cleanup).toEqual({
      id: CLEANUP_JOB,
      kind: 'cleanup',
      serverIds: [S1, S2],
    });
    await expect(replicator.job(cleanup)).resolves.toEqual({
      state: 'succeeded',
      instances: {},
    });

    expect(log.names()).toEqual([
      'mgn:StartTest',
      'mgn:DescribeJobs',
      'ec2:DescribeInstances',
      'mgn:DescribeJobs',
      'ec2:DescribeInstances',
      // MGN terminates no instance of a server that is TESTING: the state goes first.
      'mgn:DescribeSourceServers',
      'mgn:ChangeServerLifeCycleState',
      'mgn:ChangeServerLifeCycleState',
      'mgn:TerminateTargetInstances',
      'mgn:DescribeJobs',
    ]);
    expect(log.requests('mgn:StartTest')).toEqual([
      { sourceServerIDs: [S1, S2] },
    ]);
    expect(log.requests('mgn:DescribeJobs')[0]).toEqual({
      filters: { jobIDs: [TEST_JOB] },
    });
    expect(log.requests('mgn:ChangeServerLifeCycleState')).toEqual([
      { sourceServerID: S1, lifeCycle: { state: 'READY_FOR_CUTOVER' } },
      { sourceServerID: S2, lifeCycle: { state: 'READY_FOR_CUTOVER' } },
    ]);
    expect(log.requests('mgn:TerminateTargetInstances')).toEqual([
      { sourceServerIDs: [S1, S2] },
    ]);
  });

  it('cuts over, finalizes, archives, and repeats finalize without calling MGN again', async () => {
    mgn.once('StartCutover', {
      job: job({
        id: CUTOVER_JOB,
        initiatedBy: 'START_CUTOVER',
        servers: [{ id: S1 }, { id: S2 }],
      }),
    });
    mgn.once('DescribeJobs', {
      items: [
        job({
          id: CUTOVER_JOB,
          initiatedBy: 'START_CUTOVER',
          status: 'COMPLETED',
          servers: [
            {
              id: S1,
              launchStatus: 'LAUNCHED',
              instance: 'i-0ccccccccccccccc1',
            },
            {
              id: S2,
              launchStatus: 'LAUNCHED',
              instance: 'i-0ccccccccccccccc2',
            },
          ],
        }),
      ],
    });
    ec2.once(
      'DescribeInstances',
      reservations([
        { id: 'i-0ccccccccccccccc1', privateIp: '10.60.1.11' },
        { id: 'i-0ccccccccccccccc2', privateIp: '10.60.1.12' },
      ]),
    );
    mgn.once(
      'DescribeSourceServers',
      inState('CUTTING_OVER'),
      inState('CUTOVER', { replication: 'DISCONNECTED' }),
      inState('CUTOVER', { replication: 'DISCONNECTED' }),
      inState('CUTOVER', { replication: 'DISCONNECTED' }),
    );
    mgn.always('FinalizeCutover', (request: any) =>
      sourceServer({ id: request.sourceServerID, lifeCycle: 'CUTOVER' }),
    );
    mgn.always('MarkAsArchived', (request: any) =>
      sourceServer({
        id: request.sourceServerID,
        lifeCycle: 'CUTOVER',
        isArchived: true,
      }),
    );

    const cutover = await replicator.startCutover(servers);
    expect(cutover).toEqual({
      id: CUTOVER_JOB,
      kind: 'cutover',
      serverIds: [S1, S2],
    });
    const status = await replicator.job(cutover);
    expect(status.state).toBe('succeeded');
    expect(status.instances[S2]).toEqual({
      id: 'i-0ccccccccccccccc2',
      addresses: ['10.60.1.12'],
    });

    const finalize = await replicator.finalize(servers);
    expect(finalize.kind).toBe('finalize');
    await expect(replicator.job(finalize)).resolves.toEqual({
      state: 'succeeded',
      instances: {},
    });
    await replicator.archive!(servers);
    await replicator.finalize(servers);

    expect(log.names()).toEqual([
      'mgn:StartCutover',
      'mgn:DescribeJobs',
      'ec2:DescribeInstances',
      'mgn:DescribeSourceServers',
      'mgn:FinalizeCutover',
      'mgn:FinalizeCutover',
      'mgn:DescribeSourceServers',
      'mgn:DescribeSourceServers',
      'mgn:MarkAsArchived',
      'mgn:MarkAsArchived',
      'mgn:DescribeSourceServers',
    ]);
    expect(log.requests('mgn:FinalizeCutover')).toEqual([
      { sourceServerID: S1 },
      { sourceServerID: S2 },
    ]);
  });

  it('reverts a cutover before finalize: back to ready for cutover, cutover instances terminated', async () => {
    mgn.once(
      'DescribeSourceServers',
      inState('CUTTING_OVER', { lastCutoverJob: CUTOVER_JOB }),
    );
    mgn.always('ChangeServerLifeCycleState', (request: any) =>
      sourceServer({
        id: request.sourceServerID,
        lifeCycle: request.lifeCycle.state,
      }),
    );
    mgn.once('TerminateTargetInstances', {
      job: job({
        id: REVERT_JOB,
        type: 'TERMINATE',
        initiatedBy: 'TERMINATE',
        servers: [{ id: S1 }, { id: S2 }],
      }),
    });

    await expect(replicator.revert(servers)).resolves.toEqual({
      id: REVERT_JOB,
      kind: 'revert',
      serverIds: [S1, S2],
    });
    expect(log.names()).toEqual([
      'mgn:DescribeSourceServers',
      'mgn:ChangeServerLifeCycleState',
      'mgn:ChangeServerLifeCycleState',
      'mgn:TerminateTargetInstances',
    ]);

    log.clear();
    mgn.once(
      'DescribeSourceServers',
      inState('CUTOVER', { replication: 'DISCONNECTED' }),
    );
    await expect(replicator.revert(servers)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('it is finalized'),
    });
    expect(log.names()).toEqual(['mgn:DescribeSourceServers']);
  });

  it('fails a job that fails half-way with the reason from MGN’s job log', async () => {
    mgn.once('DescribeJobs', {
      items: [
        job({
          id: TEST_JOB,
          status: 'COMPLETED',
          servers: [
            {
              id: S1,
              launchStatus: 'LAUNCHED',
              instance: 'i-0aaaaaaaaaaaaaaa1',
            },
            { id: S2, launchStatus: 'FAILED' },
          ],
        }),
      ],
    });
    ec2.once(
      'DescribeInstances',
      reservations([{ id: 'i-0aaaaaaaaaaaaaaa1', privateIp: '10.50.1.11' }]),
    );
    mgn.once('DescribeJobLogItems', {
      items: [
        { logDateTime: '2025-03-01T10:05:01Z', event: 'JOB_START' },
        {
          logDateTime: '2025-03-01T10:06:00Z',
          event: 'LAUNCH_START',
          eventData: { sourceServerID: S1 },
        },
        {
          logDateTime: '2025-03-01T10:09:00Z',
          event: 'LAUNCH_FAILED',
          eventData: {
            sourceServerID: S2,
            rawError:
              'InsufficientInstanceCapacity: We currently do not have sufficient m6i.4xlarge capacity in the Availability Zone you requested (eu-west-1a).',
          },
        },
        { logDateTime: '2025-03-01T10:10:00Z', event: 'JOB_END' },
      ],
    });

    const status = await replicator.job({
      id: TEST_JOB,
      kind: 'test',
      serverIds: [S1, S2],
    });
    expect(status.state).toBe('failed');
    expect(status.message).toBe(
      `MGN job ${TEST_JOB} (START_TEST) failed for 1 of 2 server(s): ${S2}: LAUNCH_FAILED: InsufficientInstanceCapacity: We currently do not have sufficient m6i.4xlarge capacity in the Availability Zone you requested (eu-west-1a).`,
    );
    expect(status.instances[S1]).toEqual({
      id: 'i-0aaaaaaaaaaaaaaa1',
      addresses: ['10.50.1.11'],
    });
    expect(log.names()).toEqual([
      'mgn:DescribeJobs',
      'ec2:DescribeInstances',
      'mgn:DescribeJobLogItems',
    ]);
    expect(log.requests('mgn:DescribeJobLogItems')).toEqual([
      { jobID: TEST_JOB },
    ]);
  });

  it('retries ThrottlingException after the Retry-After MGN sends', async () => {
    mgn.once(
      'StartTest',
      mgnError('ThrottlingException', 429, 'Rate exceeded', {
        'Retry-After': '1',
      }),
      { job: job({ id: TEST_JOB, servers: [{ id: S1 }] }) },
    );
    const started = await replicator.startTest([servers[0]]);
    expect(started.id).toBe(TEST_JOB);
    const [first, second] = log.calls;
    expect(log.names()).toEqual(['mgn:StartTest', 'mgn:StartTest']);
    expect(second.at - first.at).toBeGreaterThanOrEqual(900);
  });

  it('does not retry expired or unknown credentials, and keeps the keys out of the message', async () => {
    mgn.once(
      'DescribeSourceServers',
      mgnError(
        'ExpiredTokenException',
        403,
        'The security token included in the request is expired',
      ),
      mgnError(
        'UnrecognizedClientException',
        403,
        'The security token included in the request is invalid.',
      ),
    );
    const expired = await replicator.state(servers).catch(e => e);
    expect(expired).toMatchObject({ name: 'AuthenticationError' });
    expect(expired.message).toContain(
      'ExpiredTokenException: The security token included in the request is expired',
    );
    expect(expired.message).toContain('mgn:DescribeSourceServers');
    expect(log.names()).toEqual(['mgn:DescribeSourceServers']);

    const unknown = await replicator
      .match([
        {
          entityRef: 'x',
          name: 'x',
          externalId: 'x',
          provider: 'inventory',
          hostnames: ['x'],
          ipAddresses: [],
        },
      ])
      .catch(e => e);
    expect(unknown).toMatchObject({ name: 'AuthenticationError' });
    expect(unknown.message).toContain('UnrecognizedClientException');
    expect(log.names()).toEqual([
      'mgn:DescribeSourceServers',
      'mgn:DescribeSourceServers',
    ]);
    for (const error of [expired, unknown]) {
      expect(error.message).not.toContain(SECRET_ACCESS_KEY);
      expect(error.message).not.toContain(ACCESS_KEY_ID);
    }
  });

  it('names the permission a denied call needs, and the step when MGN is not initialized', async () => {
    mgn.once(
      'StartCutover',
      mgnError(
        'AccessDeniedException',
        403,
        'User is not authorized to perform: mgn:StartCutover',
      ),
    );
    await expect(replicator.startCutover(servers)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining('Grant mgn:StartCutover'),
    });
    mgn.once(
      'StartTest',
      mgnError('UninitializedAccountException', 400, 'Account not initialized'),
    );
    await expect(replicator.startTest(servers)).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining(
        'Initialize Application Migration Service in eu-west-1',
      ),
    });
    expect(log.names()).toEqual(['mgn:StartCutover', 'mgn:StartTest']);
  });
});
