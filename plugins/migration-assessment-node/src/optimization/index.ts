export {
  carbonCoefficients,
  estimateCarbon,
  loadCarbonData,
  type CarbonData,
  type CarbonResource,
  type ProviderCarbonData,
} from './carbon';
export { isNonProduction, isStateless } from './resourceTags';
export {
  optimizationResourcesFromAssessment,
  type OptimizationResource,
} from './optimizationResources';
export { recommendOptimizations, type RecommendOptions } from './recommend';
