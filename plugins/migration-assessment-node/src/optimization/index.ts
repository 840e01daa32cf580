export {
  carbonCoefficients,
  estimateCarbon,
  loadCarbonData,
  type CarbonData,
  type CarbonResource,
  type ProviderCarbonData,
} from './carbon';
export {
  isNonProduction,
  isStateless,
  optimizationResourcesFromAssessment,
  recommendOptimizations,
  type OptimizationResource,
  type RecommendOptions,
} from './recommend';
