import type { Config } from '@backstage/config';
import {
  MIGRATION_STRATEGIES,
  type BusinessCaseCommitment,
  type MigrationStrategy,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * How the business case is worked out, from `migration.assessment.businessCase` (see config.d.ts
 * and docs/assessment.md). The on-prem rates themselves are `migration.assessment.currentCost`.
 *
 * @public
 */
export interface BusinessCaseSettings {
  /**
   * The cloud price the cash flow uses; unset, the assessment's commitment term (the request's
   * option, else `migration.assessment.commitmentTerm`) decides.
   */
  commitment?: BusinessCaseCommitment;
  /** Facility overhead (power, cooling, space, hardware support) on top of the on-prem rates, in percent. */
  facilityOverheadPercent: number;
  /** Licences paid per on-prem server and month (hypervisor, backup, monitoring agents). */
  licensePerServerMonth: number;
  /** A running server whose CPU P95 is below this percentage is a retire candidate. */
  idleCpuP95Percent: number;
  /** One-off migration cost per server (VM or database) by its strategy. */
  oneOffPerServer: Record<MigrationStrategy, number>;
}

/** {@link BusinessCaseSettings} with the commitment decided. */
export type ResolvedBusinessCaseSettings = BusinessCaseSettings & {
  commitment: BusinessCaseCommitment;
};

/**
 * The defaults of {@link BusinessCaseSettings}: no overhead or licence on top of the rates, and
 * one-off costs as rough planning figures per server, meant to be replaced by the team's own.
 *
 * @public
 */
export const DEFAULT_BUSINESS_CASE_SETTINGS: BusinessCaseSettings = {
  facilityOverheadPercent: 0,
  licensePerServerMonth: 0,
  idleCpuP95Percent: 5,
  oneOffPerServer: {
    rehost: 1000,
    relocate: 500,
    replatform: 3000,
    repurchase: 2000,
    refactor: 10000,
    retire: 200,
    retain: 0,
  },
};

const COMMITMENTS: readonly BusinessCaseCommitment[] = [
  'onDemand',
  'commit1y',
  'commit3y',
];

function nonNegative(
  config: Config | undefined,
  key: string,
  path: string,
  fallback: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || value > max) {
    const range = Number.isFinite(max) ? `between 0 and ${max}` : 'at least 0';
    throw new Error(
      `Invalid config ${path}.${key}: must be a number ${range}, got ${value}`,
    );
  }
  return value;
}

/**
 * Reads {@link BusinessCaseSettings} from `migration.assessment.businessCase` (defaults for what
 * is not set).
 *
 * @throws Error naming the config key when a value is out of range.
 * @public
 */
export function readBusinessCaseSettings(
  config: Config | undefined,
): BusinessCaseSettings {
  const path = 'migration.assessment.businessCase';
  const d = DEFAULT_BUSINESS_CASE_SETTINGS;
  const commitment = config?.getOptionalString('commitment');
  if (
    commitment !== undefined &&
    !COMMITMENTS.includes(commitment as BusinessCaseCommitment)
  ) {
    throw new Error(
      `Invalid config ${path}.commitment: must be one of ${COMMITMENTS.join(
        ', ',
      )}, got ${commitment}`,
    );
  }
  const oneOff = config?.getOptionalConfig('oneOffPerServer');
  return {
    ...(commitment ? { commitment: commitment as BusinessCaseCommitment } : {}),
    facilityOverheadPercent: nonNegative(
      config,
      'facilityOverheadPercent',
      path,
      d.facilityOverheadPercent,
      1000,
    ),
    licensePerServerMonth: nonNegative(
      config,
      'licensePerServerMonth',
      path,
      d.licensePerServerMonth,
    ),
    idleCpuP95Percent: nonNegative(
      config,
      'idleCpuP95Percent',
      path,
      d.idleCpuP95Percent,
      100,
    ),
    oneOffPerServer: Object.fromEntries(
      MIGRATION_STRATEGIES.map(s => [
        s,
        nonNegative(oneOff, s, `${path}.oneOffPerServer`, d.oneOffPerServer[s]),
      ]),
    ) as Record<MigrationStrategy, number>,
  };
}
