import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createAwsCapabilities } from '@sirsi-nexus/plugin-migration-backend-module-aws';
import { createCloudCapabilityLookup } from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import { setupServer } from 'msw/node';
// The aws package exports no test utilities yet; its wire helpers are imported from its source.
import {
  S1,
  TARGET,
  targetConfig,
} from '@sirsi-nexus/plugin-migration-backend-module-aws/testUtils';
import {
  ec2Script,
  launchTemplateVersion,
  reservations,
} from '@sirsi-nexus/plugin-migration-backend-module-aws/testUtils';
import {
  job,
  mgnScript,
  sourceServer,
} from '@sirsi-nexus/plugin-migration-backend-module-aws/testUtils';
import {
  changeInfo,
  recordSets,
  route53Script,
} from '@sirsi-nexus/plugin-migration-backend-module-aws/testUtils';
import { CallLog } from '@sirsi-nexus/plugin-migration-backend-module-aws/testUtils';
/* eslint-enable @backstage/no-forbidden-package-imports */
import type { TestEngine } from '../../../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../../__testUtils__/testDatabases';
import { runCloudMigration } from '../__testUtils__/cloudMigration';
import { vm } from '../__testUtils__/flowHarness';

jest.setTimeout(120_000);

const server = setupServer();
registerMswTestHooks(server);

const TEMPLATE = 'lt-0a1b2c3d4e5f60718';
const CUTOVER_JOB = 'mgnjob-0a1b2c3d4e5f60003';
const INSTANCE = 'i-0cccccccccccccc01';
const ZONE_ID = 'Z1D633PJN98FT9';

/**
 * MGN with one source server that behaves as the service does: a cutover job that runs, then has
 * launched the instance; FinalizeCutover makes the server CUTOVER; MarkAsArchived archives it.
 */
function statefulMgn(log: CallLog) {
  const { script: mgn, handler: mgnHandler } = mgnScript(log);
  const { script: ec2, handler: ec2Handler } = ec2Script(log);
  const model = {
    lifeCycle: 'READY_FOR_TEST',
    jobPolls: 0,
    launched: undefined as
      | { ec2InstanceID: string; jobID: string; firstBoot?: string }
      | undefined,
    finalized: false,
    isArchived: false,
  };
  const current = () =>
    sourceServer({
      id: S1,
      hostname: 'web-01',
      ips: ['10.9.0.1'],
      lifeCycle: model.lifeCycle,
      lagDuration: 'PT10S',
      launched: model.launched,
      lastCutoverJob: model.launched?.jobID,
      finalized: model.finalized,
      isArchived: model.isArchived,
    });
  mgn.always('DescribeSourceServers', () => ({ items: [current()] }));
  mgn.always('GetLaunchConfiguration', {
    sourceServerID: S1,
    name: 'web-01',
    ec2LaunchTemplateID: TEMPLATE,
    launchDisposition: 'STARTED',
    targetInstanceTypeRightSizingMethod: 'NONE',
  });
  ec2.once(
    'DescribeLaunchTemplateVersions',
    launchTemplateVersion({ templateId: TEMPLATE, version: 1 }),
  );
  ec2.once(
    'CreateLaunchTemplateVersion',
    `<launchTemplateVersion><launchTemplateId>${TEMPLATE}</launchTemplateId><versionNumber>2</versionNumber><defaultVersion>false</defaultVersion></launchTemplateVersion>`,
  );
  ec2.once(
    'ModifyLaunchTemplate',
    `<launchTemplate><launchTemplateId>${TEMPLATE}</launchTemplateId><defaultVersionNumber>2</defaultVersionNumber><latestVersionNumber>2</latestVersionNumber></launchTemplate>`,
  );
  mgn.always('StartCutover', () => {
    model.lifeCycle = 'CUTTING_OVER';
    return {
      job: job({
        id: CUTOVER_JOB,
        initiatedBy: 'START_CUTOVER',
        servers: [{ id: S1 }],
      }),
    };
  });
  mgn.always('DescribeJobs', () => {
    const done = ++model.jobPolls > 1;
    if (done) {
      model.launched = {
        ec2InstanceID: INSTANCE,
        jobID: CUTOVER_JOB,
        firstBoot: 'SUCCEEDED',
      };
    }
    return {
      items: [
        job({
          id: CUTOVER_JOB,
          initiatedBy: 'START_CUTOVER',
          status: done ? 'COMPLETED' : 'STARTED',
          servers: [
            done
              ? { id: S1, launchStatus: 'LAUNCHED', instance: INSTANCE }
              : { id: S1, launchStatus: 'IN_PROGRESS' },
          ],
        }),
      ],
    };
  });
  ec2.always(
    'DescribeInstances',
    reservations([{ id: INSTANCE, privateIp: '10.50.1.11' }]),
  );
  mgn.always('FinalizeCutover', () => {
    model.lifeCycle = 'CUTOVER';
    model.finalized = true;
    return current();
  });
  mgn.always('MarkAsArchived', () => {
    model.isArchived = true;
    return current();
  });
  return { handlers: [mgnHandler, ec2Handler], model };
}

/** Route 53 holding `example.com`: UPSERT and DELETE change it, every change is INSYNC when read. */
function statefulRoute53(log: CallLog) {
  const { script, handlers } = route53Script(log);
  const records = new Map<string, { ttl: number; values: string[] }>([
    ['shop.example.com. A', { ttl: 2, values: ['192.0.2.10'] }],
  ]);
  let changes = 0;
  script.always('ListResourceRecordSets', request => {
    const key = `${request.name} ${request.type}`;
    const found = records.get(key);
    return recordSets(
      found ? [{ name: request.name, type: request.type, ...found }] : [],
    );
  });
  script.always('ChangeResourceRecordSets', request => {
    for (const change of String(request.body).split('<Change>').slice(1)) {
      const field = (tag: string) =>
        new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(change)?.[1] ?? '';
      const key = `${field('Name')} ${field('Type')}`;
      if (field('Action') === 'DELETE') records.delete(key);
      else {
        records.set(key, {
          ttl: Number(field('TTL')),
          values: [...change.matchAll(/<Value>([^<]*)<\/Value>/g)].map(
            m => m[1],
          ),
        });
      }
    }
    return changeInfo(`C${++changes}EXAMPLE`, 'PENDING');
  });
  script.always('GetChange', request =>
    changeInfo(String(request.id), 'INSYNC'),
  );
  return { handlers, records };
}

describe('a migration to AWS', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  const running: TestEngine[] = [];
  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map(e => e.stop()));
  });

  it('replicates with MGN, cuts over, switches Route 53, finalizes and archives — then rolls back DNS and leaves the finalized server', async () => {
    const log = new CallLog();
    const mgn = statefulMgn(log);
    const route53 = statefulRoute53(log);
    server.use(...mgn.handlers, ...route53.handlers);
    const aws = createAwsCapabilities({
      config: targetConfig({
        dns: {
          zones: [
            {
              name: 'example.com',
              provider: 'aws',
              aws: { hostedZoneId: ZONE_ID },
            },
          ],
        },
      }),
    });
    // The configured target environment holds the credentials.
    const target = { ...TARGET };

    const run = await runCloudMigration({
      knex,
      running,
      target: { provider: 'aws', region: TARGET.region },
      capabilities: createCloudCapabilityLookup({
        aws: {
          serverReplicator: () => aws.serverReplicator!(target),
          dnsCutover: () => aws.dnsCutover!(target),
        },
      }),
      resources: [vm('web-01', { tags: { 'dns-name': 'shop.example.com' } })],
      settings: {
        replication: { pollIntervalSeconds: 0.05 },
        dns: {
          lowerTtlSeconds: 1,
          zones: [{ name: 'example.com', provider: 'aws' }],
        },
      },
    });

    const reads = new Set([
      'mgn:DescribeSourceServers',
      'mgn:DescribeJobs',
      'mgn:GetLaunchConfiguration',
      'ec2:DescribeInstances',
      'ec2:DescribeLaunchTemplateVersions',
      'route53:ListResourceRecordSets',
      'route53:GetChange',
    ]);
    const changing = () => log.names().filter(n => !reads.has(n));
    expect(changing()).toEqual([
      'ec2:CreateLaunchTemplateVersion',
      'ec2:ModifyLaunchTemplate',
      'route53:ChangeResourceRecordSets',
      'mgn:StartCutover',
      'route53:ChangeResourceRecordSets',
      'mgn:FinalizeCutover',
      'mgn:MarkAsArchived',
    ]);
    expect(route53.records.get('shop.example.com. A')).toEqual({
      ttl: 1,
      values: ['10.50.1.11'],
    });
    expect((await run.transfer()).replication!.servers[0]).toMatchObject({
      serverId: S1,
      step: 'finalized',
      cutoverInstance: { id: INSTANCE, addresses: ['10.50.1.11'] },
    });
    expect(mgn.model).toMatchObject({ lifeCycle: 'CUTOVER', isArchived: true });

    const before = changing().length;
    await run.rollBack();
    // Finalized: MGN is left alone, the source kept running; Route 53 gets the stored record back.
    expect(changing().slice(before)).toEqual([
      'route53:ChangeResourceRecordSets',
    ]);
    expect(route53.records.get('shop.example.com. A')).toEqual({
      ttl: 2,
      values: ['192.0.2.10'],
    });
  });
});
