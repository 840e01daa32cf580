/**
 * The AWS package of SirsiNexus Migrate: everything that talks to AWS's APIs, as a
 * `migration` module and a catalog discovery module.
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import { catalogModuleAwsDiscovery, migrationModuleAws } from './module';

export {
  awsProviderFactory,
  catalogModuleAwsDiscovery,
  migrationModuleAws,
} from './module';
export { AwsProvider, type AwsProviderOptions } from './discovery/AwsProvider';

/**
 * Both modules: `backend.add(import('@sirsi-nexus/plugin-migration-backend-module-aws'))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [migrationModuleAws, catalogModuleAwsDiscovery],
});
export {
  createAwsCapabilities,
  type AwsClients,
} from './capabilities/awsCapabilities';
export {
  createAwsTargetClients,
  type AwsTargetClients,
} from './clients/targetClients';
export {
  MgnServerReplicator,
  type MgnServerReplicatorOptions,
} from './replication/MgnServerReplicator';
export {
  Route53DnsCutover,
  type Route53DnsCutoverOptions,
} from './dns/Route53DnsCutover';
export type { Route53Zone } from './dns/route53Zones';
export { S3Target, type S3TargetOptions } from './storage/s3Target';
export {
  AwsPriceListSource,
  type AwsPriceListSourceOptions,
} from './pricing/AwsPriceListSource';
export {
  AwsImageCopier,
  type AwsImageCopierOptions,
} from './imageCopy/imageCopy';
