import type {
  DnsCutoverPlan,
  DnsCutoverStep,
  DnsRecordChange,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * A record to move, as known before cutover.
 *
 * @public
 */
export interface DnsRecordInput {
  name: string;
  type?: DnsRecordChange['type'];
  currentValues: string[];
  /** Addresses or names at the target; unknown until the build phase created them. */
  targetValues?: string[];
  /** Current TTL in seconds (default 3600). */
  ttl?: number;
}

/**
 * Options of {@link buildDnsCutoverPlan}.
 *
 * @public
 */
export interface DnsCutoverOptions {
  records: DnsRecordInput[];
  /** Planned cutover (ISO time), usually the start of the first maintenance window. */
  cutoverAt?: string;
  /** TTL during the cutover window, in seconds (default 60). */
  cutoverTtl?: number;
  /** How long to keep the low TTL after the switch before restoring it, in seconds (default 24 h). */
  observeSeconds?: number;
  now?: Date;
}

function duration(seconds: number) {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** The change of one record; the type guessed from its values when not given. */
function recordChange(r: DnsRecordInput, cutoverTtl: number): DnsRecordChange {
  const targetValues = r.targetValues ?? [];
  const looksLikeName = [...r.currentValues, ...targetValues].some(
    v => /[a-z]/i.test(v) && !v.includes(':'),
  );
  const ipv6 = targetValues.some(v => v.includes(':'));
  const type = r.type ?? (looksLikeName ? 'CNAME' : (ipv6 && 'AAAA') || 'A');
  return {
    name: r.name,
    type,
    currentValues: r.currentValues,
    targetValues,
    currentTtl: r.ttl ?? 3600,
    cutoverTtl: Math.min(cutoverTtl, r.ttl ?? 3600),
  };
}

/** When a step happens: an ISO time around the cutover, or relative (`T-2h`) without one. */
function stepTime(cutover: Date | undefined) {
  return (offsetSeconds: number) => {
    if (cutover)
      return new Date(cutover.getTime() + offsetSeconds * 1000).toISOString();
    if (offsetSeconds === 0) return 'T';
    return offsetSeconds < 0
      ? `T-${duration(-offsetSeconds)}`
      : `T+${duration(offsetSeconds)}`;
  };
}

function cutoverSteps(
  names: string[],
  at: (offsetSeconds: number) => string,
  timing: { lead: number; cutoverTtl: number; observe: number },
): DnsCutoverStep[] {
  const { lead, cutoverTtl, observe } = timing;
  return [
    {
      order: 1,
      action: 'lower-ttl',
      at: at(-lead),
      description: `Lower the TTL of ${names.length} record(s) to ${cutoverTtl}s, two old TTLs ahead so every cache expires the long TTL before the switch`,
      records: names,
    },
    {
      order: 2,
      action: 'verify',
      at: at(-600),
      description:
        'Check that authoritative and public resolvers serve the low TTL and that the target endpoints pass validation',
      records: names,
    },
    {
      order: 3,
      action: 'switch',
      at: at(0),
      description: 'Point the records at the target values',
      records: names,
    },
    {
      order: 4,
      action: 'monitor',
      at: at(cutoverTtl),
      description: `Watch error rates and latency at the target; traffic has moved once ${cutoverTtl}s have passed. Revert if validation fails`,
      records: names,
    },
    {
      order: 5,
      action: 'restore-ttl',
      at: at(observe),
      description:
        'Raise the TTL back to its original value once the target has run cleanly',
      records: names,
    },
  ];
}

function revertSteps(names: string[]): DnsCutoverStep[] {
  return [
    {
      order: 1,
      action: 'switch',
      at: 'on failure, before the TTL is restored',
      description:
        'Point the records back at their current (source) values; the low TTL makes the revert take effect within a minute',
      records: names,
    },
    {
      order: 2,
      action: 'verify',
      at: 'after the revert',
      description:
        'Confirm resolvers answer with the source values and the source serves traffic',
      records: names,
    },
    {
      order: 3,
      action: 'restore-ttl',
      at: 'once stable',
      description: 'Raise the TTL back to its original value',
      records: names,
    },
  ];
}

/**
 * Builds the DNS cutover runbook: lower the TTL early enough that every cache has seen it (two of
 * the old TTLs before the switch), verify, switch, monitor, restore the TTL; and the revert.
 *
 * @public
 */
export function buildDnsCutoverPlan(
  options: DnsCutoverOptions,
): DnsCutoverPlan {
  const cutoverTtl = options.cutoverTtl ?? 60;
  const warnings = options.records
    .filter(r => (r.targetValues ?? []).length === 0)
    .map(
      r =>
        `${r.name}: the target address is not known yet; fill it in from the build outputs before the switch`,
    );
  const records = options.records.map(r => recordChange(r, cutoverTtl));
  const names = records.map(r => r.name);
  const lead = Math.max(0, ...records.map(r => r.currentTtl)) * 2;
  const cutover = options.cutoverAt ? new Date(options.cutoverAt) : undefined;
  if (cutover && Number.isNaN(cutover.getTime())) {
    throw new RangeError(`cutoverAt '${options.cutoverAt}' is not a date`);
  }
  if (
    cutover &&
    cutover.getTime() - lead * 1000 < (options.now ?? new Date()).getTime()
  ) {
    warnings.push(
      `The TTL must be lowered ${duration(
        lead,
      )} before the cutover, which is already past; move the cutover or accept that some resolvers keep the old address for up to ${duration(
        lead / 2,
      )}`,
    );
  }
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    cutoverAt: cutover?.toISOString(),
    records,
    steps: cutoverSteps(names, stepTime(cutover), {
      lead,
      cutoverTtl,
      observe: options.observeSeconds ?? 86_400,
    }),
    revert: revertSteps(names),
    warnings,
  };
}
