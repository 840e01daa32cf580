export { assess, type AssessContext, type AssessInput } from './assess';
export { RISK_TOLERANCE_MAX_SCORE } from './risk/migrationRisk';
export { createAssessContext } from './createAssessContext';
export { resourcesFromEntities } from './resourcesFromEntities';
export { analyzeSelection, parseAnalyzeRequest } from './analyzeSelection';
export {
  DEFAULT_ASSESSMENT_SETTINGS,
  readAssessmentSettings,
  type AssessmentSettings,
} from './settings';
export { PriceCatalogs } from './pricing/PriceCatalogs';
export { createShippedInstanceTypeCatalog } from './pricing/instanceTypeCatalog';
export { createPricedInstanceTypeCatalog } from './pricing/pricedInstanceTypeCatalog';
export type {
  CommitmentDiscounts,
  InstanceOffer,
  RegionPricing,
  StorageOffer,
} from './pricing/RegionPricing';
export { OsLifecycleTable, type OsLifecycleEntry } from './risk/osLifecycle';
export { RISK_LEVELS, RISK_POINTS, riskLevel } from './risk/assessRisk';
export { MANAGED_DATABASES } from './strategy/targetServices';
export {
  evaluateCompliance,
  type PlannedEstate,
} from './compliance/evaluateCompliance';
export {
  buildDependencyGraph,
  reverseGraph,
  type DependencyGraph,
} from './graph/DependencyGraph';
export {
  stronglyConnectedComponents,
  type Components,
} from './graph/stronglyConnectedComponents';
export { planWaves, type WavePlan } from './graph/planWaves';
export {
  analyzeDependencies,
  type DependencyAnalysis,
} from './graph/analyzeDependencies';
export { renderAssessmentMarkdown } from './render/renderAssessmentMarkdown';
export { buildBusinessCase } from './businessCase/buildBusinessCase';
export { ON_PREM_COST_TAG } from './businessCase/estateCosts';
export {
  DEFAULT_BUSINESS_CASE_SETTINGS,
  readBusinessCaseSettings,
  type BusinessCaseSettings,
} from './businessCase/businessCaseSettings';
