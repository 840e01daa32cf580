import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type {
  LaunchSettings,
  ReplicatedServer,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { createAwsCapabilities } from '../capabilities/awsCapabilities';
import { S1, TARGET, targetConfig } from '../testUtils/awsTarget';
import { ec2Script, launchTemplateVersion } from '../testUtils/ec2Wire';
import { mgnScript } from '../testUtils/mgnWire';
import { CallLog } from '../testUtils/scriptedService';

const server = setupServer();
registerMswTestHooks(server);

let log: CallLog;
let mgn: ReturnType<typeof mgnScript>['script'];
let ec2: ReturnType<typeof ec2Script>['script'];
let replicator: ServerReplicator;

const TEMPLATE = 'lt-0123456789abcdef0';
const shopWeb: ReplicatedServer = {
  entityRef: 'resource:default/shop-web-01',
  name: 'shop-web-01',
  serverId: S1,
};
const settings: LaunchSettings = {
  instanceType: 'm6i.large',
  subnetId: 'subnet-0a1b2c3d4e5f60718',
  securityGroupIds: ['sg-0123456789abcdef0', 'sg-0fedcba9876543210'],
  tags: { 'sirsi:migration': 'm-42', app: 'webshop' },
};

const launchConfiguration = (rightSizing: string) => ({
  sourceServerID: S1,
  name: 'shop-web-01',
  ec2LaunchTemplateID: TEMPLATE,
  launchDisposition: 'STARTED',
  targetInstanceTypeRightSizingMethod: rightSizing,
  copyPrivateIp: true,
  copyTags: false,
  licensing: { osByol: true },
  bootMode: 'LEGACY_BIOS',
});

beforeEach(() => {
  log = new CallLog();
  const m = mgnScript(log);
  const e = ec2Script(log);
  mgn = m.script;
  ec2 = e.script;
  server.use(m.handler, e.handler);
  replicator = createAwsCapabilities({ config: targetConfig() })
    .serverReplicator!(TARGET)!;
});

describe('MgnServerReplicator.configureLaunch', () => {
  it('turns right-sizing off, writes a launch template version and makes it the default; a repeat writes nothing', async () => {
    mgn.once(
      'GetLaunchConfiguration',
      launchConfiguration('BASIC'),
      launchConfiguration('NONE'),
    );
    mgn.once('UpdateLaunchConfiguration', launchConfiguration('NONE'));
    ec2.once(
      'DescribeLaunchTemplateVersions',
      launchTemplateVersion({
        templateId: TEMPLATE,
        version: 3,
        instanceType: 'm5.large',
        subnetId: 'subnet-00000000000000001',
        groups: ['sg-00000000000000001'],
        privateIp: '10.1.0.9',
      }),
      launchTemplateVersion({
        templateId: TEMPLATE,
        version: 4,
        instanceType: 'm6i.large',
        subnetId: settings.subnetId,
        groups: settings.securityGroupIds,
        tags: settings.tags,
      }),
    );
    ec2.once(
      'CreateLaunchTemplateVersion',
      `<launchTemplateVersion><launchTemplateId>${TEMPLATE}</launchTemplateId><versionNumber>4</versionNumber><defaultVersion>false</defaultVersion></launchTemplateVersion>`,
    );
    ec2.once(
      'ModifyLaunchTemplate',
      `<launchTemplate><launchTemplateId>${TEMPLATE}</launchTemplateId><defaultVersionNumber>4</defaultVersionNumber><latestVersionNumber>4</latestVersionNumber></launchTemplate>`,
    );

    await replicator.configureLaunch(shopWeb, settings);

    expect(log.names()).toEqual([
      'mgn:GetLaunchConfiguration',
      'mgn:UpdateLaunchConfiguration',
      'ec2:DescribeLaunchTemplateVersions',
      'ec2:CreateLaunchTemplateVersion',
      'ec2:ModifyLaunchTemplate',
    ]);
    expect(log.requests('mgn:UpdateLaunchConfiguration')).toEqual([
      { sourceServerID: S1, targetInstanceTypeRightSizingMethod: 'NONE' },
    ]);
    expect(log.requests('ec2:DescribeLaunchTemplateVersions')[0]).toMatchObject(
      {
        LaunchTemplateId: TEMPLATE,
        'LaunchTemplateVersion.1': '$Default',
      },
    );
    const created = log.requests('ec2:CreateLaunchTemplateVersion')[0];
    expect(created).toMatchObject({
      LaunchTemplateId: TEMPLATE,
      SourceVersion: '3',
      'LaunchTemplateData.InstanceType': 'm6i.large',
      'LaunchTemplateData.NetworkInterface.1.DeviceIndex': '0',
      'LaunchTemplateData.NetworkInterface.1.SubnetId':
        'subnet-0a1b2c3d4e5f60718',
      'LaunchTemplateData.NetworkInterface.1.SecurityGroupId.1':
        'sg-0123456789abcdef0',
      'LaunchTemplateData.NetworkInterface.1.SecurityGroupId.2':
        'sg-0fedcba9876543210',
      'LaunchTemplateData.NetworkInterface.1.DeleteOnTermination': 'true',
      'LaunchTemplateData.TagSpecification.1.ResourceType': 'instance',
      'LaunchTemplateData.TagSpecification.1.Tag.1.Key': 'sirsi:migration',
      'LaunchTemplateData.TagSpecification.1.Tag.1.Value': 'm-42',
      'LaunchTemplateData.TagSpecification.2.ResourceType': 'volume',
    });
    // The old subnet's fixed address would not fit the new subnet.
    expect(
      Object.keys(created).filter(k => /PrivateIpAddress/.test(k)),
    ).toEqual([]);
    expect(created.ClientToken).toMatch(/^[0-9a-f]{64}$/);
    expect(log.requests('ec2:ModifyLaunchTemplate')[0]).toMatchObject({
      LaunchTemplateId: TEMPLATE,
      SetDefaultVersion: '4',
    });

    log.clear();
    await replicator.configureLaunch(shopWeb, settings);
    expect(log.names()).toEqual([
      'mgn:GetLaunchConfiguration',
      'ec2:DescribeLaunchTemplateVersions',
    ]);
  });

  it('sends the same client token when a crash repeats the version it had started', async () => {
    const version3 = launchTemplateVersion({
      templateId: TEMPLATE,
      version: 3,
      instanceType: 'm5.large',
    });
    mgn.always('GetLaunchConfiguration', launchConfiguration('NONE'));
    ec2.always('DescribeLaunchTemplateVersions', version3);
    ec2.always(
      'CreateLaunchTemplateVersion',
      `<launchTemplateVersion><launchTemplateId>${TEMPLATE}</launchTemplateId><versionNumber>4</versionNumber></launchTemplateVersion>`,
    );
    ec2.once(
      'ModifyLaunchTemplate',
      new Response('', { status: 503 }),
      new Response('', { status: 503 }),
      new Response('', { status: 503 }),
    );
    ec2.always(
      'ModifyLaunchTemplate',
      `<launchTemplate><launchTemplateId>${TEMPLATE}</launchTemplateId><defaultVersionNumber>4</defaultVersionNumber></launchTemplate>`,
    );
    const only = { instanceType: 'r6i.xlarge', tags: {} };
    await expect(
      replicator.configureLaunch(shopWeb, only),
    ).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
    });
    await replicator.configureLaunch(shopWeb, only);
    const tokens = log
      .requests('ec2:CreateLaunchTemplateVersion')
      .map(r => r.ClientToken);
    expect(tokens).toHaveLength(2);
    expect(tokens[0]).toBe(tokens[1]);
    // Only the instance type: the interfaces and tags of version 3 are inherited as they are.
    expect(
      Object.keys(log.requests('ec2:CreateLaunchTemplateVersion')[0]).filter(
        k => k.startsWith('LaunchTemplateData.'),
      ),
    ).toEqual(['LaunchTemplateData.InstanceType']);
  });

  it('names the field of bad settings before any call', async () => {
    await expect(
      replicator.configureLaunch(shopWeb, {
        ...settings,
        subnetId: 'subnet-xyz',
      }),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('settings.subnetId'),
    });
    await expect(
      replicator.configureLaunch(shopWeb, {
        ...settings,
        securityGroupIds: ['default'],
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('settings.securityGroupIds[0]'),
    });
    await expect(
      replicator.configureLaunch(shopWeb, {
        ...settings,
        tags: { 'aws:cloudformation:stack': 'x' },
      }),
    ).rejects.toMatchObject({
      message: expect.stringContaining('settings.tags'),
    });
    expect(log.calls).toEqual([]);
  });
});
