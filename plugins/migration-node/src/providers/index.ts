export type {
  CloudProvider,
  CloudProviderLookup,
  DiscoverOptions,
  DiscoveryReporter,
} from './types';
export {
  CloudProviderRegistry,
  defaultCloudProviderFactories,
  type CloudProviderFactory,
  type CloudProviderFactoryOptions,
} from './registry';
export {
  cloudDiscoveryProvidersExtensionPoint,
  createCloudProviderFactoryCollector,
  migrationCloudProvidersExtensionPoint,
  type CloudProviderFactoryCollector,
  type CloudProvidersExtensionPoint,
} from './extensionPoint';
export {
  InventoryProvider,
  type InventoryProviderOptions,
} from './inventory/InventoryProvider';
export {
  readInventory,
  type ReadInventoryOptions,
} from './inventory/readInventory';
export {
  fileInventorySource,
  urlInventorySource,
  type InventorySource,
} from './inventory/sources';
export {
  INVENTORY_FORMATS,
  type InventoryFormat,
} from './inventory/formats/types';
export {
  inventorySchema,
  type InventoryDocumentEnvironment,
} from './inventory/formats/inventoryDocument';
export { AwsProvider, type AwsProviderOptions } from './aws/AwsProvider';
export {
  AzureProvider,
  type AzureProviderOptions,
} from './azure/AzureProvider';
export { GcpProvider, type GcpProviderOptions } from './gcp/GcpProvider';
export type { RetrySettings } from './shared/retry';
