import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { EC2Client } from '@aws-sdk/client-ec2';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type {
  CloudCapabilities,
  ObjectStorage,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createAwsTargetClients,
  type AwsTargetClients,
} from '../clients/targetClients';
import { Route53DnsCutover } from '../dns/Route53DnsCutover';
import { readRoute53Zones } from '../dns/route53Zones';
import { AwsImageCopier } from '../imageCopy/imageCopy';
import { Ec2TargetNetworks } from '../networks/Ec2TargetNetworks';
import { AwsPriceListSource } from '../pricing/AwsPriceListSource';
import { MgnServerReplicator } from '../replication/MgnServerReplicator';
import { S3Target } from '../storage/s3Target';

/**
 * The AWS SDK clients the capabilities use, per region; replaceable in tests.
 *
 * @public
 */
export interface AwsClients {
  s3(region: string): S3Client;
  ec2(region: string): EC2Client;
}

/** `migration.transfer.s3`, the bucket real AWS migrations write their data to. */
interface S3Settings {
  bucket: string;
  prefix: string;
  region?: string;
  endpoint?: string;
  forcePathStyle: boolean;
}

function readS3Settings(config: Config): S3Settings | undefined {
  const s3 = config.getOptionalConfig('migration.transfer.s3');
  if (!s3) return undefined;
  return {
    bucket: s3.getString('bucket'),
    prefix: (s3.getOptionalString('prefix') ?? 'migrations').replace(
      /^\/+|\/+$/g,
      '',
    ),
    region: s3.getOptionalString('region'),
    endpoint: s3.getOptionalString('endpoint'),
    forcePathStyle: s3.getOptionalBoolean('forcePathStyle') ?? false,
  };
}

function defaultClients(s3: S3Settings | undefined): AwsClients {
  return {
    s3: region =>
      new S3Client({
        region: s3?.region ?? region,
        endpoint: s3?.endpoint,
        forcePathStyle: s3?.forcePathStyle,
      }),
    ec2: region => new EC2Client({ region }),
  };
}

function parseS3Url(url: string, field: string) {
  const parsed = new URL(url);
  const key = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (parsed.protocol !== 's3:' || !parsed.hostname || !key) {
    throw new InputError(`${field}: '${url}' must look like s3://bucket/key`);
  }
  return { bucket: parsed.hostname, key };
}

function s3Storage(
  settings: S3Settings | undefined,
  clients: AwsClients,
): ObjectStorage {
  return {
    scheme: 's3',
    destination: migration =>
      settings
        ? `s3://${settings.bucket}/${settings.prefix}/${migration.id}`
        : undefined,
    describe: () =>
      settings ? `s3://${settings.bucket}/${settings.prefix}` : undefined,
    target(url, { region, field }) {
      const { bucket, key } = parseS3Url(url, field);
      return new S3Target({ client: clients.s3(region), bucket, key });
    },
    async remove(url, { region, signal }) {
      const { bucket, key } = parseS3Url(url, 'target');
      // DeleteObject succeeds for a key that does not exist, so a repeated removal is fine.
      await clients
        .s3(region)
        .send(new DeleteObjectCommand({ Bucket: bucket, Key: key }), {
          abortSignal: signal,
        });
    },
  };
}

/**
 * AWS's capabilities: S3 as the data destination (`migration.transfer.s3`), AMI copies between
 * regions, Application Migration Service (MGN) as the server replicator of AWS targets, and
 * Route 53 as the DNS cutover of the zones in `migration.dns.zones` with `provider: aws`, and the
 * AWS Price List (main account / default chain) as the source of the scheduled price refresh.
 *
 * @public
 */
export function createAwsCapabilities(options: {
  config: Config;
  clients?: AwsClients;
  /** The clients of migration targets (MGN, EC2, Route 53); default: from the config. */
  targetClients?: AwsTargetClients;
}): CloudCapabilities {
  const { config } = options;
  const settings = readS3Settings(config);
  const clients = options.clients ?? defaultClients(settings);
  const targets = options.targetClients ?? createAwsTargetClients(config);
  const zones = readRoute53Zones(config);
  const maxLagSeconds = config.getOptionalNumber(
    'migration.replication.maxLagSeconds',
  );
  const replicationEnabled =
    config.getOptionalBoolean('migration.replication.aws.enabled') ?? false;
  return {
    priceSource: new AwsPriceListSource({ config }),
    storage: s3Storage(settings, clients),
    imageCopier: {
      between: (sourceRegion, targetRegion) =>
        new AwsImageCopier({
          source: clients.ec2(sourceRegion),
          target: clients.ec2(targetRegion),
          sourceRegion,
        }),
    },
    // MGN acts in an account: the target environment's, or — only when the operator says so —
    // the main account / default credential chain. Without either, a migration (the demo's
    // rehearsals among them) says servers were not moved instead of calling MGN unauthenticated.
    serverReplicator: target =>
      target.provider === 'aws' && (target.environmentId || replicationEnabled)
        ? new MgnServerReplicator({
            mgn: targets.mgn(target),
            ec2: targets.ec2(target),
            region: target.region,
            maxLagSeconds,
          })
        : undefined,
    // The VPCs of the target account and region, for the landing-zone check of the test phase.
    targetNetworks: new Ec2TargetNetworks(target => targets.ec2(target)),
    // Zones are AWS's whatever the target cloud: a move to Azure may switch names in Route 53.
    dnsCutover: target =>
      zones.length > 0
        ? new Route53DnsCutover({
            zones,
            client: zone => targets.route53(target, zone.accountId),
          })
        : undefined,
  };
}
