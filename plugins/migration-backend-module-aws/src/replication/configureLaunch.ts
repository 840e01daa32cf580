import { createHash } from 'node:crypto';
import {
  CreateLaunchTemplateVersionCommand,
  DescribeLaunchTemplateVersionsCommand,
  ModifyLaunchTemplateCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { ConflictError } from '@backstage/errors';
import type {
  LaunchSettings,
  ReplicatedServer,
} from '@sirsi-nexus/plugin-migration-node';
import { awsCall } from '../clients/awsServiceError';
import {
  launchTemplateData,
  satisfies,
  validateLaunchSettings,
} from './launchTemplate';
import type { MgnApi } from './mgnApi';

/** The same inputs give the same token, so EC2 answers a repeated call with the first result. */
function clientToken(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A new default version of the launch template with the settings, unless the default has them. */
async function writeDefaultVersion(options: {
  ec2: EC2Client;
  ec2Call: <T>(action: string, send: () => Promise<T>) => Promise<T>;
  templateId: string;
  server: ReplicatedServer;
  settings: LaunchSettings;
  signal?: AbortSignal;
}) {
  const { ec2, ec2Call, templateId, server, settings, signal } = options;
  const { LaunchTemplateVersions: versions } = await ec2Call(
    'DescribeLaunchTemplateVersions',
    () =>
      ec2.send(
        new DescribeLaunchTemplateVersionsCommand({
          LaunchTemplateId: templateId,
          Versions: ['$Default'],
        }),
        { abortSignal: signal },
      ),
  );
  const current = versions?.[0];
  if (satisfies(current?.LaunchTemplateData, settings)) return;

  const sourceVersion = current?.VersionNumber?.toString();
  const token = clientToken([
    server.serverId,
    templateId,
    sourceVersion,
    settings.instanceType,
    settings.subnetId,
    [...(settings.securityGroupIds ?? [])].sort(),
    Object.entries(settings.tags ?? {}).sort(),
  ]);
  const created = await ec2Call('CreateLaunchTemplateVersion', () =>
    ec2.send(
      new CreateLaunchTemplateVersionCommand({
        LaunchTemplateId: templateId,
        SourceVersion: sourceVersion,
        VersionDescription:
          `SirsiNexus Migrate launch settings for ${server.name}`.slice(0, 255),
        LaunchTemplateData: launchTemplateData(
          current?.LaunchTemplateData,
          settings,
        ),
        ClientToken: token,
      }),
      { abortSignal: signal },
    ),
  );
  const version = created.LaunchTemplateVersion?.VersionNumber;
  if (version === undefined) {
    throw new Error(`EC2 created no version of launch template ${templateId}`);
  }
  await ec2Call('ModifyLaunchTemplate', () =>
    ec2.send(
      new ModifyLaunchTemplateCommand({
        LaunchTemplateId: templateId,
        DefaultVersion: version.toString(),
        ClientToken: clientToken([token, version]),
      }),
      { abortSignal: signal },
    ),
  );
}

/**
 * Sets how MGN launches a server's test and cutover instances: right-sizing off when the
 * instance type is ours, then a new version of the server's EC2 launch template (instance type,
 * subnet and security groups of the primary interface, tags) made its default, which is the
 * version MGN launches. Nothing is written when the default version already says so; a repeat
 * after a crash reuses the version through its client token.
 */
export async function configureLaunch(options: {
  mgn: MgnApi;
  ec2: EC2Client;
  server: ReplicatedServer;
  settings: LaunchSettings;
  signal?: AbortSignal;
}): Promise<void> {
  const { mgn, ec2, server, settings, signal } = options;
  validateLaunchSettings(settings);
  const ec2Call = <T>(action: string, send: () => Promise<T>) =>
    awsCall(
      { service: 'Amazon EC2', action: `ec2:${action}`, region: mgn.region },
      send,
    );

  const launch = await mgn.getLaunchConfiguration(server.serverId, signal);
  const templateId = launch.ec2LaunchTemplateID;
  if (!templateId) {
    throw new ConflictError(
      `MGN has no EC2 launch template for ${server.name} (${server.serverId}) yet; wait until the server is replicating`,
    );
  }
  // Before the template: MGN's right-sizing would replace our instance type at launch.
  if (
    settings.instanceType &&
    launch.targetInstanceTypeRightSizingMethod !== 'NONE'
  ) {
    await mgn.updateRightSizing(server.serverId, 'NONE', signal);
  }

  await writeDefaultVersion({
    ec2,
    ec2Call,
    templateId,
    server,
    settings,
    signal,
  });
}
