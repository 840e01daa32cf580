import type { Config } from '@backstage/config';
import {
  COMMITMENT_TERMS,
  COMMITMENT_TYPES,
  type CommitmentTerm,
  type CommitmentType,
  type MigrationOptions,
} from '@sirsi-nexus/plugin-migration-common';
import {
  DEFAULT_BUSINESS_CASE_SETTINGS,
  readBusinessCaseSettings,
  type BusinessCaseSettings,
} from './businessCase/businessCaseSettings';

/**
 * Tunables of the assessment, from `migration.assessment` (see config.d.ts and docs/assessment.md).
 *
 * @public
 */
export interface AssessmentSettings {
  /** Headroom over observed P95 utilization (Azure Migrate's default is 1.3). */
  comfortFactor: number;
  /** Floor of a rightsized machine. */
  minVcpus: number;
  minMemoryGiB: number;
  /** Most resources in one wave (a move group larger than this gets a wave of its own). */
  maxWaveSize: number;
  /** Dependents a resource needs to count as a shared service. */
  sharedServiceMinFanIn: number;
  /** Bandwidth available for replication, in megabits per second. */
  bandwidthMbps: number;
  /** Whether burstable instance families (t3, B-series, shared-core e2) may be chosen. */
  allowBurstable: boolean;
  /** The commitment the totals are read at, unless the request chooses one. */
  commitmentTerm: CommitmentTerm;
  /**
   * Whether the 1- and 3-year columns are priced as reservations or savings plans, unless the
   * request chooses (Google Cloud has no savings plan for instances: committed use prices there).
   */
  commitmentType: CommitmentType;
  /** Windows licenses are brought (Hybrid Benefit / BYOL) unless the request says otherwise. */
  hybridBenefit: boolean;
  cutover: {
    /** Fixed part of every cutover: freeze, DNS switch, smoke tests. */
    baseMinutes: number;
    /** Per resource: stop, final sync, boot and health check. */
    perResourceMinutes: number;
    /** Share of the data that changes between replication and cutover, in percent. */
    changeRatePercent: number;
  };
  /** Current (on-prem) monthly cost rates; enables the savings delta. */
  currentCost?: {
    perVcpuMonth: number;
    perGiBMemoryMonth: number;
    perGiBDiskMonth: number;
  };
  /** How the business case (on-prem against cloud over five years) is worked out. */
  businessCase: BusinessCaseSettings;
  /** JSON or YAML price catalog(s) replacing the shipped ones for their provider. */
  catalogFile?: string;
  /** Security posture the target is planned with (and the IaC generator carries out). */
  security: {
    encryptionAtRest: boolean;
    encryptionInTransit: boolean;
    auditLogging: boolean;
  };
}

/**
 * The defaults of {@link AssessmentSettings}.
 *
 * @public
 */
export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = {
  comfortFactor: 1.3,
  minVcpus: 1,
  minMemoryGiB: 0.5,
  maxWaveSize: 50,
  sharedServiceMinFanIn: 5,
  bandwidthMbps: 1000,
  allowBurstable: false,
  commitmentTerm: 'none',
  commitmentType: 'reservation',
  hybridBenefit: false,
  cutover: { baseMinutes: 30, perResourceMinutes: 5, changeRatePercent: 2 },
  businessCase: DEFAULT_BUSINESS_CASE_SETTINGS,
  security: {
    encryptionAtRest: true,
    encryptionInTransit: true,
    auditLogging: true,
  },
};

function numberIn(
  config: Config | undefined,
  key: string,
  prefix: string,
  fallback: number,
  check: { min: number; max?: number; integer?: boolean },
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  const ok =
    Number.isFinite(value) &&
    value >= check.min &&
    (check.max === undefined || value <= check.max) &&
    (!check.integer || Number.isInteger(value));
  if (!ok) {
    const range =
      check.max === undefined
        ? `at least ${check.min}`
        : `between ${check.min} and ${check.max}`;
    throw new Error(
      `Invalid config ${prefix}.${key}: must be ${
        check.integer ? 'an integer' : 'a number'
      } ${range}, got ${value}`,
    );
  }
  return value;
}

function securityOf(
  security: Config | undefined,
): AssessmentSettings['security'] {
  const d = DEFAULT_ASSESSMENT_SETTINGS.security;
  return {
    encryptionAtRest:
      security?.getOptionalBoolean('encryptionAtRest') ?? d.encryptionAtRest,
    encryptionInTransit:
      security?.getOptionalBoolean('encryptionInTransit') ??
      d.encryptionInTransit,
    auditLogging:
      security?.getOptionalBoolean('auditLogging') ?? d.auditLogging,
  };
}

/** A config string that must be one of `values`; the fallback when unset. */
function oneOf<T extends string>(
  config: Config | undefined,
  key: string,
  prefix: string,
  values: readonly T[],
  fallback: T,
): T {
  const value = config?.getOptionalString(key);
  if (value === undefined) return fallback;
  if (!(values as readonly string[]).includes(value)) {
    throw new Error(
      `Invalid config ${prefix}.${key}: must be one of ${values.join(
        ', ',
      )}, got ${value}`,
    );
  }
  return value as T;
}

/**
 * The settings with what the request chose (comfort factor, commitment term and type, Hybrid
 * Benefit)
 * over the operator's defaults.
 */
export function settingsForRequest(
  settings: AssessmentSettings,
  options: MigrationOptions | undefined,
): AssessmentSettings {
  return {
    ...settings,
    comfortFactor: options?.comfortFactor ?? settings.comfortFactor,
    commitmentTerm: options?.commitmentTerm ?? settings.commitmentTerm,
    commitmentType: options?.commitmentType ?? settings.commitmentType,
    hybridBenefit: options?.hybridBenefit ?? settings.hybridBenefit,
  };
}

/** `migration.assessment.cutover`. */
function cutoverOf(
  cutover: Config | undefined,
  prefix: string,
): AssessmentSettings['cutover'] {
  const d = DEFAULT_ASSESSMENT_SETTINGS.cutover;
  return {
    baseMinutes: numberIn(cutover, 'baseMinutes', prefix, d.baseMinutes, {
      min: 0,
    }),
    perResourceMinutes: numberIn(
      cutover,
      'perResourceMinutes',
      prefix,
      d.perResourceMinutes,
      { min: 0 },
    ),
    changeRatePercent: numberIn(
      cutover,
      'changeRatePercent',
      prefix,
      d.changeRatePercent,
      { min: 0, max: 100 },
    ),
  };
}

/**
 * Reads {@link AssessmentSettings} from the root config (`migration.assessment`).
 *
 * @throws Error naming the config key when a value is out of range.
 * @public
 */
export function readAssessmentSettings(config: Config): AssessmentSettings {
  const prefix = 'migration.assessment';
  const c = config.getOptionalConfig(prefix);
  const d = DEFAULT_ASSESSMENT_SETTINGS;
  const cutover = c?.getOptionalConfig('cutover');
  const current = c?.getOptionalConfig('currentCost');

  const settings: AssessmentSettings = {
    comfortFactor: numberIn(c, 'comfortFactor', prefix, d.comfortFactor, {
      min: 1,
      max: 5,
    }),
    minVcpus: d.minVcpus,
    minMemoryGiB: d.minMemoryGiB,
    maxWaveSize: numberIn(c, 'maxWaveSize', prefix, d.maxWaveSize, {
      min: 1,
      integer: true,
    }),
    sharedServiceMinFanIn: numberIn(
      c,
      'sharedServiceMinFanIn',
      prefix,
      d.sharedServiceMinFanIn,
      { min: 2, integer: true },
    ),
    bandwidthMbps: numberIn(c, 'bandwidthMbps', prefix, d.bandwidthMbps, {
      min: 0.001,
    }),
    allowBurstable: c?.getOptionalBoolean('allowBurstable') ?? d.allowBurstable,
    commitmentTerm: oneOf(
      c,
      'commitmentTerm',
      prefix,
      COMMITMENT_TERMS,
      d.commitmentTerm,
    ),
    commitmentType: oneOf(
      c,
      'commitmentType',
      prefix,
      COMMITMENT_TYPES,
      d.commitmentType,
    ),
    hybridBenefit: c?.getOptionalBoolean('hybridBenefit') ?? d.hybridBenefit,
    cutover: cutoverOf(cutover, `${prefix}.cutover`),
    businessCase: readBusinessCaseSettings(
      c?.getOptionalConfig('businessCase'),
    ),
    catalogFile: c?.getOptionalString('catalogFile'),
    security: securityOf(c?.getOptionalConfig('security')),
  };
  if (current) {
    const p = `${prefix}.currentCost`;
    settings.currentCost = {
      perVcpuMonth: numberIn(current, 'perVcpuMonth', p, 0, { min: 0 }),
      perGiBMemoryMonth: numberIn(current, 'perGiBMemoryMonth', p, 0, {
        min: 0,
      }),
      perGiBDiskMonth: numberIn(current, 'perGiBDiskMonth', p, 0, { min: 0 }),
    };
  }
  return settings;
}
