/**
 * The Azure package of SirsiNexus Migrate: everything that talks to Azure's APIs, as a
 * `migration` module and a catalog discovery module.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleAzureDiscovery, migrationModuleAzure } from './module';

export {
  azureProviderFactory,
  catalogModuleAzureDiscovery,
  migrationModuleAzure,
} from './module';
export {
  AzureProvider,
  type AzureProviderOptions,
} from './discovery/AzureProvider';
export {
  createAzureCapabilities,
  type AzureCapabilitiesOptions,
} from './capabilities/azureCapabilities';
export type { AzureAccess, AzureCredentialFactory } from './access/azureAccess';
export {
  AzureRetailPriceSource,
  type AzureRetailPriceSourceOptions,
} from './pricing/AzureRetailPriceSource';
export {
  SiteRecoveryServerReplicator,
  type SiteRecoveryServerReplicatorOptions,
} from './replication/SiteRecoveryServerReplicator';
export type { SiteRecoverySettings } from './replication/replicationSettings';
export {
  AzureDnsCutover,
  type AzureDnsCutoverOptions,
} from './dns/AzureDnsCutover';
export type { AzureDnsZone } from './dns/dnsZones';
export { BlobTarget, type BlobTargetOptions } from './storage/BlobTarget';

/**
 * Both modules: `backend.add(import('@sirsi-nexus/plugin-migration-backend-module-azure'))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [migrationModuleAzure, catalogModuleAzureDiscovery],
});
