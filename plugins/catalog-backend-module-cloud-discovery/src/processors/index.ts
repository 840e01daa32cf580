export {
  CloudInventoryProcessor,
  CLOUD_INVENTORY_LOCATION_TYPE,
} from './CloudInventoryProcessor';
