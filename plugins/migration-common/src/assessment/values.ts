/**
 * Version of the `assessment.json` format.
 *
 * @public
 */
export const ASSESSMENT_SCHEMA_VERSION = 1;

/**
 * The seven migration strategies ("7 Rs").
 *
 * @public
 */
export const MIGRATION_STRATEGIES = [
  'rehost',
  'replatform',
  'refactor',
  'repurchase',
  'retire',
  'retain',
  'relocate',
] as const;

/** @public */
export type MigrationStrategy = (typeof MIGRATION_STRATEGIES)[number];

/**
 * Named risk factors the rules can raise. Each comes with points and a mitigation.
 *
 * @public
 */
export const RISK_FACTOR_IDS = [
  'os-end-of-life',
  'os-approaching-end-of-life',
  'os-unsupported-on-target',
  'disk-over-target-limit',
  'high-fan-in',
  'public-exposure',
  'admin-port-open-to-internet',
  'missing-utilization',
  'licensing-windows',
  'licensing-sql-server',
  'data-residency-conflict',
  'cyclic-dependency',
  'unresolved-dependency',
] as const;

/** @public */
export type RiskFactorId = (typeof RISK_FACTOR_IDS)[number];
