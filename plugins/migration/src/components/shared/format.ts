import { ResponseError } from '@backstage/errors';
import type {
  Migration,
  MigrationStatus,
} from '@sirsi-nexus/plugin-migration-common';

/** Statuses after which a migration no longer changes on its own. */
export const FINAL_STATUSES: readonly MigrationStatus[] = [
  'completed',
  'failed',
  'cancelled',
  'rolled_back',
];

/** Whether the migration is still moving or waiting for someone. */
export function isActive(migration: Migration): boolean {
  return !FINAL_STATUSES.includes(migration.status);
}

/** `awaiting_approval` → `Awaiting approval`. */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A timestamp in the reader's locale; empty for missing or invalid input. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** `0.4567` → `46%`. */
export function formatPercent(fraction: number | undefined): string {
  return `${Math.round(clamp01(fraction ?? 0) * 100)}%`;
}

/** Clamps to 0–1, treating non-numbers as 0. */
export function clamp01(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/** Bytes in the largest unit that keeps the number ≥ 1. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/**
 * A money amount, e.g. `$1,235` (whole units from 100 up, unless `exact`) or `$12.50`; the
 * currency defaults to USD.
 */
export function formatMoney(
  amount: number,
  currency = 'USD',
  options: { exact?: boolean } = {},
): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: amount >= 100 && !options.exact ? 0 : 2,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** `aws eu-west-1` style summary of where a migration goes. */
export function describeTarget(migration: Migration): string {
  const { provider, region, environmentId } = migration.target;
  const where = `${provider.toUpperCase()} ${region}`;
  return environmentId ? `${where} (${environmentId})` : where;
}

/**
 * What went wrong, in the backend's words when the error came from it (a `ResponseError`'s
 * message is only the HTTP status; the reason is in its cause).
 */
export function errorMessage(error: unknown): string {
  if (ResponseError.is(error)) {
    return error.cause?.message || error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
