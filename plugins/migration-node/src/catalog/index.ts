export { resourceEntityName, resourceEntityRef } from './entityName';
export {
  resourceToEntity,
  type ResourceEntityEnvironment,
} from './resourceToEntity';
export { entityToDiscoveredResource } from './entityToDiscoveredResource';
export { validateResourceEntity } from './validateResourceEntity';
