/**
 * The clouds a migration can move to.
 *
 * @public
 */
export const TARGET_PROVIDERS = ['aws', 'azure', 'gcp'] as const;

/** @public */
export type TargetProvider = (typeof TARGET_PROVIDERS)[number];

/**
 * Compliance profiles the assessment, the IaC checks and validation evaluate.
 *
 * @public
 */
export const COMPLIANCE_PROFILES = ['none', 'gdpr', 'soc2', 'hipaa'] as const;

/** @public */
export type ComplianceProfile = (typeof COMPLIANCE_PROFILES)[number];

/**
 * Risk levels of a resource, a wave or a migration, lowest first.
 *
 * @public
 */
export const RISK_LEVEL_VALUES = ['low', 'medium', 'high'] as const;

/** @public */
export type RiskLevel = (typeof RISK_LEVEL_VALUES)[number];

/**
 * How much risk the requester accepts (`options.riskTolerance`).
 *
 * @public
 */
export const RISK_TOLERANCES = RISK_LEVEL_VALUES;

/** @public */
export type RiskTolerance = RiskLevel;

/**
 * Commitment terms the assessment can price with (`options.commitmentTerm`): pay as you go, or
 * a 1- or 3-year reservation / savings plan / committed use discount.
 *
 * @public
 */
export const COMMITMENT_TERMS = ['none', '1y', '3y'] as const;

/** @public */
export type CommitmentTerm = (typeof COMMITMENT_TERMS)[number];

/**
 * Kinds of commitment the 1- and 3-year totals are priced with (`options.commitmentType`): a
 * `reservation` (Azure Reserved VM Instances, AWS Standard Reserved Instances, GCP resource-based
 * committed use) binds one instance type in one region; a `savings-plan` (Azure savings plan for
 * compute, AWS Compute Savings Plans) commits an hourly spend across types and regions for a
 * smaller discount. Google Cloud has no savings plan for Compute Engine instances: there a
 * savings plan is priced at the committed use prices, and the assessment says so.
 *
 * @public
 */
export const COMMITMENT_TYPES = ['reservation', 'savings-plan'] as const;

/** @public */
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];
