export type {
  CloudProvider,
  CloudProviderLookup,
  DiscoverOptions,
  DiscoveryReporter,
} from './types';
export {
  CloudProviderRegistry,
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
  backoffDelay,
  readRetrySettings,
  sleep,
  withRetry,
  type RetrySettings,
} from './shared/retry';
export {
  RuleDependencies,
  type AdmissionRule,
  type DerivedDependency,
} from './shared/ruleDependencies';
export {
  measureInBatches,
  percentile,
  readUtilizationSettings,
  utilizationWindow,
  UtilizationRun,
  type MeasureInBatchesOptions,
  type UtilizationRunOptions,
  type UtilizationSettings,
} from './shared/utilization';
