import { InputError } from '@backstage/errors';
import {
  COMMITMENT_TERMS,
  COMMITMENT_TYPES,
  COMPLIANCE_PROFILES,
  RISK_TOLERANCES,
  TARGET_PROVIDERS,
  type CommitmentTerm,
  type CommitmentType,
  type ComplianceProfile,
  type MigrationOptions,
  type MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** Input fields every action that names a selection and a target shares. */
export const selectionInput = {
  entityRefs: (z: Z) =>
    z
      .array(z.string().min(1))
      .min(1)
      .describe('Catalog refs of the Resources (or Systems) to migrate'),
  targetProvider: (z: Z) => z.enum(TARGET_PROVIDERS).describe('Target cloud'),
  targetRegion: (z: Z) =>
    z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{1,40}$/,
        'must be a region name such as eu-west-1',
      )
      .describe('Target region, e.g. eu-west-1, westeurope, europe-west1'),
  targetEnvironmentId: (z: Z) =>
    z
      .string()
      .min(1)
      .optional()
      .describe('Configured target environment id, if any'),
  sourceEnvironmentId: (z: Z) =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        'Source environment; by default the one the selected resources were discovered in',
      ),
  complianceProfile: (z: Z) =>
    z.enum(COMPLIANCE_PROFILES).optional().describe('Compliance profile'),
};

/** How much risk the requester accepts. */
export const riskToleranceInput = (z: Z) =>
  z.enum(RISK_TOLERANCES).optional().describe('Risk the requester accepts');

/**
 * The pricing choices of the assessment; the operator's defaults when left out (template forms
 * send an empty string for an untouched field, which counts as left out).
 */
export const pricingInput = {
  comfortFactor: (z: Z) =>
    z
      .union([z.number().min(1).max(5), z.literal('')])
      .optional()
      .describe('Headroom over P95 utilization for rightsizing (1–5)'),
  commitmentTerm: (z: Z) =>
    z
      .union([z.enum(COMMITMENT_TERMS), z.literal('')])
      .optional()
      .describe(
        'Commitment the totals are read at: none, 1y or 3y (priced as commitmentType says)',
      ),
  commitmentType: (z: Z) =>
    z
      .union([z.enum(COMMITMENT_TYPES), z.literal('')])
      .optional()
      .describe(
        'Prices of the 1- and 3-year totals: reservation (AWS Reserved Instances, Azure Reserved VM Instances, GCP committed use) or savings-plan (AWS Compute Savings Plans, Azure savings plan; GCP has none and keeps committed use)',
      ),
  hybridBenefit: (z: Z) =>
    z
      .union([z.boolean(), z.literal('')])
      .optional()
      .describe(
        'Windows licenses are brought (Azure Hybrid Benefit, BYOL): no license cost',
      ),
};

/** Optional scheduling fields. */
export const windowInput = {
  maintenanceWindowStart: (z: Z) =>
    z
      .string()
      .optional()
      .describe('Start of the preferred maintenance window (ISO date-time)'),
  maintenanceWindowEnd: (z: Z) =>
    z
      .string()
      .optional()
      .describe('End of the preferred maintenance window (ISO date-time)'),
};

/** The target of the inputs. */
export function targetOf(input: {
  targetProvider: MigrationTarget['provider'];
  targetRegion: string;
  targetEnvironmentId?: string;
}): MigrationTarget {
  return {
    provider: input.targetProvider,
    region: input.targetRegion,
    ...(input.targetEnvironmentId
      ? { environmentId: input.targetEnvironmentId }
      : {}),
  };
}

/**
 * The maintenance window as an ISO-8601 interval; none when both ends are empty (template
 * forms send empty strings for untouched fields).
 */
export function maintenanceWindowsOf(input: {
  maintenanceWindowStart?: string;
  maintenanceWindowEnd?: string;
}): string[] {
  const start = input.maintenanceWindowStart?.trim();
  const end = input.maintenanceWindowEnd?.trim();
  if (!start && !end) return [];
  if (!start || !end) {
    throw new InputError(
      `${
        start ? 'maintenanceWindowEnd' : 'maintenanceWindowStart'
      }: give both ends of the maintenance window`,
    );
  }
  const from = Date.parse(start);
  const to = Date.parse(end);
  if (!Number.isFinite(from))
    throw new InputError('maintenanceWindowStart: not a date-time');
  if (!Number.isFinite(to))
    throw new InputError('maintenanceWindowEnd: not a date-time');
  if (to <= from) {
    throw new InputError(
      'maintenanceWindowEnd: must be after maintenanceWindowStart',
    );
  }
  return [`${new Date(from).toISOString()}/${new Date(to).toISOString()}`];
}

/** Migration options from the inputs, leaving out what was not given. */
export function optionsOf(input: {
  complianceProfile?: ComplianceProfile;
  maintenanceWindowStart?: string;
  maintenanceWindowEnd?: string;
  justification?: string;
  comfortFactor?: number | '';
  commitmentTerm?: CommitmentTerm | '';
  commitmentType?: CommitmentType | '';
  hybridBenefit?: boolean | '';
}): MigrationOptions {
  const windows = maintenanceWindowsOf(input);
  const { comfortFactor, commitmentTerm, commitmentType, hybridBenefit } =
    input;
  return {
    ...(typeof comfortFactor === 'number' ? { comfortFactor } : {}),
    ...(commitmentTerm ? { commitmentTerm } : {}),
    ...(commitmentType ? { commitmentType } : {}),
    ...(typeof hybridBenefit === 'boolean' ? { hybridBenefit } : {}),
    ...(input.complianceProfile
      ? { complianceProfile: input.complianceProfile }
      : {}),
    ...(windows.length ? { maintenanceWindows: windows } : {}),
    ...(input.justification?.trim()
      ? { justification: input.justification.trim() }
      : {}),
  };
}
