/**
 * The Google Cloud package of SirsiNexus Migrate: everything that talks to Google Cloud's APIs, as a
 * `migration` module and a catalog discovery module.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleGcpDiscovery, migrationModuleGcp } from './module';

export {
  gcpProviderFactory,
  catalogModuleGcpDiscovery,
  migrationModuleGcp,
} from './module';
export { GcpProvider, type GcpProviderOptions } from './discovery/GcpProvider';

/**
 * Both modules: `backend.add(import('@sirsi-nexus/plugin-migration-backend-module-gcp'))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [migrationModuleGcp, catalogModuleGcpDiscovery],
});
export {
  createGcpCapabilities,
  type GcpCapabilitiesOptions,
} from './capabilities/gcpCapabilities';
export type { GcpCredentialSource } from './google/gcpAuth';
export {
  CloudBillingPriceSource,
  type CloudBillingPriceSourceOptions,
} from './pricing/CloudBillingPriceSource';
export {
  MigrateToVmsServerReplicator,
  type MigrateToVmsOptions,
} from './replication/MigrateToVmsServerReplicator';
export {
  CloudDnsCutover,
  type CloudDnsCutoverOptions,
  type CloudDnsZone,
} from './dns/CloudDnsCutover';
export {
  GcsTarget,
  UploadRestartError,
  type GcsTargetOptions,
} from './storage/GcsTarget';
