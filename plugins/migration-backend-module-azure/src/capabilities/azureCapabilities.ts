import type { BlobServiceClient } from '@azure/storage-blob';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import type { CloudCapabilities } from '@sirsi-nexus/plugin-migration-node';
import {
  AzureAccessResolver,
  type AzureCredentialFactory,
} from '../access/azureAccess';
import { AzureDnsCutover } from '../dns/AzureDnsCutover';
import { AzureTargetNetworks } from '../networks/AzureTargetNetworks';
import { AzureRetailPriceSource } from '../pricing/AzureRetailPriceSource';
import { readAzureDnsZones } from '../dns/dnsZones';
import { readSiteRecoverySettings } from '../replication/replicationSettings';
import { SiteRecoveryServerReplicator } from '../replication/SiteRecoveryServerReplicator';
import {
  blobObjectStorage,
  blobServiceClient,
  readBlobSettings,
} from '../storage/blobStorage';

/**
 * Options of {@link createAzureCapabilities}.
 *
 * @public
 */
export interface AzureCapabilitiesOptions {
  config: Config;
  logger?: LoggerService;
  /** Replaces the credentials built from config (tests, custom auth). */
  credentialFor?: AzureCredentialFactory;
}

/**
 * Azure's capabilities: Blob Storage as the data destination (`migration.transfer.blob`), server
 * migration through Azure Migrate on Site Recovery (`migration.replication.azure`, or an Azure
 * environment's `azure.replication`) and the DNS cutover on Azure DNS (`migration.dns.zones[]`
 * with `provider: azure`), and the instance prices of the public Azure Retail Prices API for the
 * scheduled price refresh. Credentials are those of the configured Azure environment (an explicit
 * `environment` key, else the migration's target environment), or the default credential chain.
 *
 * @throws InputError at start-up when a block is misconfigured, naming the key.
 *
 * @public
 */
export function createAzureCapabilities(
  options: AzureCapabilitiesOptions,
): CloudCapabilities {
  const { config, logger } = options;
  const access = new AzureAccessResolver(config, options.credentialFor);
  const blob = readBlobSettings(config);
  const zones = readAzureDnsZones(config);
  // Validates the shared replication block now rather than at the first migration.
  readSiteRecoverySettings(config);
  let blobClient: BlobServiceClient | undefined;
  return {
    priceSource: new AzureRetailPriceSource({ logger }),
    targetNetworks: new AzureTargetNetworks(access),
    storage: blobObjectStorage(blob, () => {
      blobClient ??= blobServiceClient(
        blob!,
        () =>
          access.resolve({
            environment: blob!.environment,
            field: 'migration.transfer.blob',
          }).credential,
      );
      return blobClient;
    }),
    serverReplicator(target) {
      const settings = readSiteRecoverySettings(config, target.environmentId);
      if (!settings) return undefined;
      return new SiteRecoveryServerReplicator({
        settings,
        access: access.resolve({
          environment: settings.environment,
          target: target.environmentId,
          field: settings.field,
          retry: settings.config,
        }),
        logger,
      });
    },
    dnsCutover(target) {
      if (!zones.length) return undefined;
      return new AzureDnsCutover({
        zones,
        accessFor: zone =>
          access.resolve({
            environment: zone.environment,
            target: target.environmentId,
            field: zone.field,
            retry: zone.config,
          }),
      });
    },
  };
}
