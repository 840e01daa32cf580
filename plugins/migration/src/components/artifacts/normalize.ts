/**
 * Tolerant readers for artifact JSON. Artifacts are written by executors that evolve on their own
 * schedule, so views read fields defensively and fall back to showing the raw JSON.
 */

/** A plain object, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** An array, or an empty one. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The first of `keys` holding a non-empty string (numbers are stringified). */
export function pickString(
  obj: Record<string, unknown> | undefined,
  ...keys: string[]
): string | undefined {
  if (!obj) return undefined;
  for (const key of keys) {
    const v = obj[key];
    if (typeof v === 'string' && v.length > 0) return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/** The first of `keys` holding a finite number (numeric strings count). */
export function pickNumber(
  obj: Record<string, unknown> | undefined,
  ...keys: string[]
): number | undefined {
  if (!obj) return undefined;
  for (const key of keys) {
    const v = obj[key];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
    if (
      typeof v === 'string' &&
      v.trim() !== '' &&
      Number.isFinite(Number(v))
    ) {
      return Number(v);
    }
  }
  return undefined;
}

/** The first of `keys` holding an array. */
export function pickArray(
  obj: Record<string, unknown> | undefined,
  ...keys: string[]
): unknown[] | undefined {
  if (!obj) return undefined;
  for (const key of keys) {
    if (Array.isArray(obj[key])) return obj[key] as unknown[];
  }
  return undefined;
}

/** The first of `keys` holding an object. */
export function pickRecord(
  obj: Record<string, unknown> | undefined,
  ...keys: string[]
): Record<string, unknown> | undefined {
  if (!obj) return undefined;
  for (const key of keys) {
    const r = asRecord(obj[key]);
    if (r) return r;
  }
  return undefined;
}

/** Outcome of a check, whichever words the producer used. */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'pending' | 'running';

/** Maps `passed`, `warning`, `error`, `FAILED`… to a {@link CheckOutcome}. */
export function normalizeOutcome(value: unknown): CheckOutcome {
  const s = String(value ?? '').toLowerCase();
  if (
    ['pass', 'passed', 'ok', 'success', 'succeeded', 'compliant'].includes(s)
  ) {
    return 'pass';
  }
  if (['warn', 'warning', 'warnings', 'partial', 'info'].includes(s)) {
    return 'warn';
  }
  if (['running', 'in_progress', 'in-progress'].includes(s)) return 'running';
  if (['pending', 'skipped', 'not_run', 'unknown', ''].includes(s)) {
    return 'pending';
  }
  return 'fail';
}

/** A check as the views render it. */
export interface NormalizedCheck {
  id: string;
  title: string;
  outcome: CheckOutcome;
  category?: string;
  message?: string;
  remediation?: string;
  file?: string;
  line?: number;
  /** What was probed (host:port, URL, object) when not a file. */
  target?: string;
  metrics?: Record<string, unknown>;
}

/** Reads one check from any of the shapes the producers use. */
export function normalizeCheck(value: unknown, index: number): NormalizedCheck {
  const c = asRecord(value) ?? {};
  const location = pickRecord(c, 'location', 'range', 'source');
  const start = pickRecord(location, 'start');
  return {
    id: pickString(c, 'id', 'ruleId', 'rule', 'name') ?? String(index),
    title:
      pickString(c, 'title', 'name', 'check', 'rule', 'ruleId', 'id') ??
      `Check ${index + 1}`,
    outcome: normalizeOutcome(c.status ?? c.outcome ?? c.result ?? c.severity),
    category: pickString(c, 'category', 'kind', 'type', 'group'),
    message: pickString(
      c,
      'message',
      'detail',
      'details',
      'description',
      'summary',
    ),
    remediation: pickString(
      c,
      'remediation',
      'fix',
      'mitigation',
      'suggestion',
    ),
    file:
      pickString(c, 'file', 'path', 'filename') ??
      pickString(location, 'file', 'path', 'filename'),
    line:
      pickNumber(c, 'line', 'lineNumber') ??
      pickNumber(location, 'line') ??
      pickNumber(start, 'line'),
    target: pickString(c, 'target', 'endpoint'),
    metrics: pickRecord(c, 'metrics', 'measurements'),
  };
}

/** Finds the list of checks in an artifact, whatever it is called. */
export function findChecks(doc: unknown): NormalizedCheck[] {
  if (Array.isArray(doc)) return doc.map(normalizeCheck);
  const r = asRecord(doc);
  const list =
    pickArray(
      r,
      'checks',
      'results',
      'findings',
      'policyChecks',
      'policy',
      'items',
    ) ?? [];
  return list.map(normalizeCheck);
}
