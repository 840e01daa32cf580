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
