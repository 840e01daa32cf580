import type { ValidationCheck } from '@sirsi-nexus/plugin-migration-common';
import type { AddressPolicy } from './addressPolicy';

/** A check that runs a probe: `run` fills in its status, message, metrics and remediation. */
export interface PendingCheck {
  check: ValidationCheck;
  run: () => Promise<void>;
}

/** What every probe check runs with. */
export interface ProbeContext {
  policy: AddressPolicy;
  timeoutMs: number;
  ca?: string[];
  signal?: AbortSignal;
  /** The remediation of a probe the address policy refused. */
  refusedRemediation: string;
}

/** The time as the checks record it. */
export const now = () => new Date().toISOString();

/** Milliseconds to two decimals. */
export const round = (n: number) => Math.round(n * 100) / 100;

/** A check waiting for its probe. */
export function pendingCheck(
  check: Omit<ValidationCheck, 'status' | 'message' | 'metrics'>,
  run: (c: ValidationCheck) => Promise<void>,
): PendingCheck {
  const full: ValidationCheck = {
    ...check,
    status: 'pending',
    message: 'Waiting',
    metrics: {},
  };
  return { check: full, run: () => run(full) };
}

/** What a refused probe's remediation says: where probes may go. */
export function refusedRemediationOf(policy: AddressPolicy): string {
  return `Probes reach only the migration's target addresses and migration.validation.allowedRanges (${
    policy.describe().join(', ') || 'none'
  }); link-local and metadata addresses are never probed`;
}
