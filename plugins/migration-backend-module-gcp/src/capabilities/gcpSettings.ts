import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readRetrySettings,
  type CapabilityTarget,
  type RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import {
  readGcpCredentials,
  type GcpCredentialSource,
} from '../google/gcpAuth';
import type { GcsSettings } from '../storage/gcsStorage';

const PROJECT = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const RESOURCE_ID = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

function checked(value: string, pattern: RegExp, field: string, what: string) {
  if (!pattern.test(value)) {
    throw new InputError(`${field} "${value}" is not ${what}`);
  }
  return value;
}

/** The `gcp` block of the migration's target environment, when it is a Google Cloud one. */
function targetEnvironment(config: Config, target?: CapabilityTarget) {
  if (!target?.environmentId) return undefined;
  const env = (
    config.getOptionalConfigArray('migration.environments') ?? []
  ).find(
    e =>
      e.getOptionalString('id') === target.environmentId &&
      e.getOptionalString('provider') === 'gcp',
  );
  const block = env?.getOptionalConfig('gcp');
  return block
    ? { block, field: `migration.environments[${target.environmentId}].gcp` }
    : undefined;
}

/** Where Migrate to Virtual Machines is asked for a migration to `target`. */
export interface ReplicationSettings {
  project: string;
  location: string;
  source: string;
  credentials: GcpCredentialSource;
  retry: RetrySettings;
  endpoint?: string;
  computeEndpoint?: string;
  pollIntervalMs?: number;
}

/**
 * `replication` of the target environment's `gcp` block, else `migration.replication.gcp`;
 * undefined when neither is there. The project defaults to the environment's `projectId`, the
 * location to the migration's target region; credentials are the environment's, else the
 * block's, else Application Default Credentials.
 */
export function readReplicationSettings(
  config: Config,
  target: CapabilityTarget,
): ReplicationSettings | undefined {
  const env = targetEnvironment(config, target);
  const own = env?.block.getOptionalConfig('replication');
  const block = own ?? config.getOptionalConfig('migration.replication.gcp');
  if (!block) return undefined;
  const field = own ? `${env!.field}.replication` : 'migration.replication.gcp';
  const project =
    block.getOptionalString('project') ??
    env?.block.getOptionalString('projectId');
  if (!project) {
    throw new InputError(
      `${field}.project is required (the project Migrate to Virtual Machines runs in)`,
    );
  }
  return {
    project: checked(project, PROJECT, `${field}.project`, 'a project id'),
    location: checked(
      block.getOptionalString('location') ?? target.region,
      /^[a-z]+(-[a-z0-9]+)+$/,
      `${field}.location`,
      'a Google Cloud region',
    ),
    source: checked(
      block.getString('source'),
      RESOURCE_ID,
      `${field}.source`,
      'a Migrate to Virtual Machines source id',
    ),
    credentials: env
      ? readGcpCredentials(env.block, env.field)
      : readGcpCredentials(block, field),
    retry: readRetrySettings(block),
    endpoint: block.getOptionalString('endpoint'),
    computeEndpoint: block.getOptionalString('computeEndpoint'),
    pollIntervalMs: block.getOptionalNumber('pollIntervalMs'),
  };
}

/** A `migration.dns.zones[]` entry with `provider: gcp`. */
export interface DnsZoneSettings {
  name: string;
  project: string;
  managedZone: string;
  credentials?: GcpCredentialSource;
  apiEndpoint?: string;
}

/** The Cloud DNS zones of `migration.dns.zones`. */
export function readDnsZones(config: Config): DnsZoneSettings[] {
  const zones = config.getOptionalConfigArray('migration.dns.zones') ?? [];
  return zones
    .filter(zone => zone.getString('provider') === 'gcp')
    .map(zone => {
      const name = zone.getString('name');
      const field = `migration.dns.zones[${name}].gcp`;
      const gcp = zone.getOptionalConfig('gcp');
      if (!gcp) throw new InputError(`${field} is required for provider gcp`);
      const hasOwn = gcp.has('credentials') || gcp.has('keyFilename');
      return {
        name,
        project: checked(
          gcp.getString('project'),
          PROJECT,
          `${field}.project`,
          'a project id',
        ),
        managedZone: checked(
          gcp.getString('managedZone'),
          RESOURCE_ID,
          `${field}.managedZone`,
          'a Cloud DNS managed zone name',
        ),
        credentials: hasOwn ? readGcpCredentials(gcp, field) : undefined,
        apiEndpoint: gcp.getOptionalString('apiEndpoint'),
      };
    });
}

/** The credentials of the migration's target environment, when it is a Google Cloud one. */
export function targetCredentials(
  config: Config,
  target: CapabilityTarget,
): GcpCredentialSource {
  const env = targetEnvironment(config, target);
  return env ? readGcpCredentials(env.block, env.field) : {};
}

/** `migration.transfer.gcs`, with its client settings. */
export function readGcsSettings(config: Config) {
  const block = config.getOptionalConfig('migration.transfer.gcs');
  if (!block) return undefined;
  const field = 'migration.transfer.gcs';
  const settings: GcsSettings = {
    bucket: checked(
      block.getString('bucket'),
      /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/,
      `${field}.bucket`,
      'a bucket name',
    ),
    prefix: (block.getOptionalString('prefix') ?? 'migrations').replace(
      /^\/+|\/+$/g,
      '',
    ),
  };
  return {
    settings,
    projectId: block.getOptionalString('projectId'),
    credentials: readGcpCredentials(block, field),
    apiEndpoint: block.getOptionalString('apiEndpoint'),
    retry: readRetrySettings(block),
  };
}
