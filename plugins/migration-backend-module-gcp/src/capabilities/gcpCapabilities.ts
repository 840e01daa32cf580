import { Storage } from '@google-cloud/storage';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConfigReader, type Config } from '@backstage/config';
import {
  readRetrySettings,
  type CloudCapabilities,
} from '@sirsi-nexus/plugin-migration-node';
import type { GoogleAuth } from 'google-auth-library';
import { CloudDnsCutover } from '../dns/CloudDnsCutover';
import {
  createGoogleAuth,
  readGcpCredentials,
  type GcpCredentialSource,
} from '../google/gcpAuth';
import { CloudBillingPriceSource } from '../pricing/CloudBillingPriceSource';
import { ComputeTargetNetworks } from '../networks/ComputeTargetNetworks';
import { MigrateToVmsServerReplicator } from '../replication/MigrateToVmsServerReplicator';
import { gcsStorage } from '../storage/gcsStorage';
import {
  readDnsZones,
  readGcsSettings,
  readReplicationSettings,
  targetCredentials,
} from './gcpSettings';

/**
 * Options of {@link createGcpCapabilities}.
 *
 * @public
 */
export interface GcpCapabilitiesOptions {
  config: Config;
  logger?: LoggerService;
  /** Builds the credentials of a client (default: a `GoogleAuth` for the cloud-platform scope). */
  auth?: (source: GcpCredentialSource, projectId?: string) => GoogleAuth;
}

const optional = (config: Config, key: string) =>
  config.getOptionalConfig(key) ?? new ConfigReader({});

/**
 * Google Cloud's capabilities: Cloud Storage as the data destination (`migration.transfer.gcs`),
 * server replication through Migrate to Virtual Machines (`migration.replication.gcp`, or the
 * target environment's `gcp.replication`) and DNS cutover with Cloud DNS (`migration.dns.zones`
 * with `provider: gcp`), and the Cloud Billing Catalog as the source of the scheduled price refresh
 * (`migration.prices.gcp`). A capability whose config is absent is undefined, so the phase says so.
 *
 * @public
 */
export function createGcpCapabilities(
  options: GcpCapabilitiesOptions,
): CloudCapabilities {
  const { config, logger } = options;
  const auth = options.auth ?? createGoogleAuth;
  const gcs = readGcsSettings(config);
  const zones = readDnsZones(config);
  const dnsRetry = readRetrySettings(optional(config, 'migration.dns'));
  const pricesGcp = config.getOptionalConfig('migration.prices.gcp');
  const pricesCredentials = readGcpCredentials(
    pricesGcp,
    'migration.prices.gcp',
  );
  let storage: Storage | undefined;
  const storageClient = () => {
    storage ??= new Storage({
      projectId: gcs?.projectId,
      authClient: auth(gcs?.credentials ?? {}, gcs?.projectId),
      apiEndpoint: gcs?.apiEndpoint,
      // Retries are ours: with backoff, reading the rate-limit reason in the body.
      retryOptions: { autoRetry: false },
    });
    return storage;
  };
  return {
    priceSource: new CloudBillingPriceSource({
      auth: () => auth(pricesCredentials),
      retry: readRetrySettings(optional(config, 'migration.prices')),
      endpoint: pricesGcp?.getOptionalString('endpoint'),
      logger,
    }),
    targetNetworks: new ComputeTargetNetworks(config, auth),
    storage: gcsStorage(
      gcs?.settings,
      storageClient,
      gcs?.retry ?? readRetrySettings(new ConfigReader({})),
    ),
    serverReplicator(target) {
      const settings = readReplicationSettings(config, target);
      if (!settings) return undefined;
      return new MigrateToVmsServerReplicator({
        ...settings,
        auth: auth(settings.credentials, settings.project),
        logger,
        maxLagSeconds: config.getOptionalNumber(
          'migration.replication.maxLagSeconds',
        ),
      });
    },
    dnsCutover(target) {
      if (zones.length === 0) return undefined;
      const fallback = targetCredentials(config, target);
      return new CloudDnsCutover({
        zones: zones.map(zone => ({
          name: zone.name,
          project: zone.project,
          managedZone: zone.managedZone,
          apiEndpoint: zone.apiEndpoint,
          auth: auth(zone.credentials ?? fallback, zone.project),
        })),
        retry: dnsRetry,
      });
    },
  };
}
