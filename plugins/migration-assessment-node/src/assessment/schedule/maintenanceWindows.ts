import { InputError } from '@backstage/errors';

/** A parsed maintenance window. */
export interface MaintenanceWindow {
  /** As given. */
  text: string;
  start: number;
  end: number;
}

const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of an ISO-8601 duration with weeks, days, hours, minutes, seconds (no months or years). */
export function parseIsoDuration(text: string): number | undefined {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [w, d, h, min, sec] = m.slice(1).map(v => (v ? Number(v) : 0));
  return ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + sec) * 1000;
}

function parseInstant(text: string): number | undefined {
  // Require a date and a time with an offset or Z so windows are not read in the server's zone.
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(
      text,
    )
  ) {
    return undefined;
  }
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Parses maintenance windows given as ISO-8601 intervals, `start/end` or `start/duration`
 * (e.g. `2026-01-10T22:00:00Z/2026-01-11T04:00:00Z` or `2026-01-10T22:00:00Z/PT6H`).
 *
 * @throws InputError naming `options.maintenanceWindows[i]` for the first bad one.
 */
export function parseMaintenanceWindows(
  windows: readonly string[] | undefined,
): MaintenanceWindow[] {
  return (windows ?? []).map((text, i) => {
    const field = `options.maintenanceWindows[${i}]`;
    if (typeof text !== 'string') {
      throw new InputError(`${field} must be an ISO-8601 interval string`);
    }
    const [a, b, ...rest] = text.split('/');
    if (!a || !b || rest.length > 0) {
      throw new InputError(
        `${field} "${text}" is not an ISO-8601 interval (start/end or start/duration)`,
      );
    }
    const start = parseInstant(a);
    if (start === undefined) {
      throw new InputError(
        `${field} "${text}": start "${a}" is not a date-time with a time zone (e.g. 2026-01-10T22:00:00Z)`,
      );
    }
    let end: number | undefined;
    if (b.startsWith('P')) {
      const ms = parseIsoDuration(b);
      end = ms === undefined ? undefined : start + ms;
    } else {
      end = parseInstant(b);
    }
    if (end === undefined) {
      throw new InputError(
        `${field} "${text}": end "${b}" is neither a date-time with a time zone nor a duration like PT6H`,
      );
    }
    if (end <= start) {
      throw new InputError(`${field} "${text}" ends before it starts`);
    }
    return { text, start, end };
  });
}
