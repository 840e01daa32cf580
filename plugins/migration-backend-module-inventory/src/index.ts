/**
 * The on-premises inventory package of SirsiNexus Migrate: RVTools, Azure Migrate and
 * SirsiNexus inventory files as a `migration` module and a catalog discovery module (with the
 * `cloud-inventory` location type).
 *
 * @packageDocumentation
 */
import { createBackendFeatureLoader } from '@backstage/backend-plugin-api';
import {
  catalogModuleInventoryDiscovery,
  migrationModuleInventory,
} from './module';

export {
  catalogModuleInventoryDiscovery,
  inventoryProviderFactory,
  migrationModuleInventory,
} from './module';
export {
  CLOUD_INVENTORY_LOCATION_TYPE,
  CloudInventoryProcessor,
} from './processor/CloudInventoryProcessor';
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

/**
 * Both modules: `backend.add(import('@sirsi-nexus/plugin-migration-backend-module-inventory'))`.
 *
 * @public
 */
export default createBackendFeatureLoader({
  loader: () => [migrationModuleInventory, catalogModuleInventoryDiscovery],
});
