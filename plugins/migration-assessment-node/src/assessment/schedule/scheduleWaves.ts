import type {
  AssessmentSchedule,
  AssessmentScheduleEntry,
} from '@sirsi-nexus/plugin-migration-common';
import { round } from '../util/numbers';
import type { MaintenanceWindow } from './maintenanceWindows';

const HOUR = 3_600_000;
const MINUTE = 60_000;

/**
 * Hours to move `dataGiB` over `bandwidthMbps`: GiB × 8 × 1024³ bits / (Mbit/s × 10⁶) / 3600.
 */
export function transferHours(dataGiB: number, bandwidthMbps: number): number {
  return (dataGiB * 8 * 1024 ** 3) / (bandwidthMbps * 1e6) / 3600;
}

/**
 * Estimated cutover downtime of a wave in minutes: a fixed part, a part per resource (they are
 * switched one after the other), and the final sync of the data that changed since replication.
 */
export function cutoverMinutes(
  dataGiB: number,
  resources: number,
  settings: {
    bandwidthMbps: number;
    cutover: {
      baseMinutes: number;
      perResourceMinutes: number;
      changeRatePercent: number;
    };
  },
): number {
  const delta = transferHours(
    (dataGiB * settings.cutover.changeRatePercent) / 100,
    settings.bandwidthMbps,
  );
  return (
    settings.cutover.baseMinutes +
    settings.cutover.perResourceMinutes * resources +
    delta * 60
  );
}

type ScheduledWave = {
  number: number;
  transferHours: number;
  cutoverMinutes: number;
};

/** Where the cutovers stand while the waves are placed one after the other. */
interface Placement {
  /** Windows by start time. */
  windows: MaintenanceWindow[];
  /** Per window, when the cutovers placed in it so far end. */
  usedUntil: number[];
  /** Length of the longest window. */
  longest: number;
  lastCutoverEnd: number;
  /** The first wave that fits no window: the waves after it wait for it. */
  blockedBy?: number;
}

/** What every entry of a wave says, placed or not. */
type EntryBase = Pick<
  AssessmentScheduleEntry,
  'wave' | 'transferHours' | 'cutoverMinutes'
> & { replicationStart: string; replicationEnd: string };

function withoutWindows(
  p: Placement,
  base: EntryBase,
  replicationEnd: number,
  cutoverMs: number,
): AssessmentScheduleEntry {
  const start = Math.max(replicationEnd, p.lastCutoverEnd);
  p.lastCutoverEnd = start + cutoverMs;
  return {
    ...base,
    status: 'no-window',
    cutoverStart: new Date(start).toISOString(),
    cutoverEnd: new Date(p.lastCutoverEnd).toISOString(),
    note: 'No maintenance window was given: cutover assumed right after replication.',
  };
}

function doesNotFitNote(
  p: Placement,
  wave: ScheduledWave,
  cutoverMs: number,
  replicationEnd: string,
): string {
  if (cutoverMs > p.longest) {
    return `The cutover (${round(
      wave.cutoverMinutes,
      0,
    )} min) is longer than the longest window (${round(
      p.longest / MINUTE,
      0,
    )} min): add a longer window or split the wave.`;
  }
  return `No window is left after replication ends ${replicationEnd}: add later windows.`;
}

/** Puts the wave's cutover into the earliest window with room left after `earliest`. */
function intoWindow(
  p: Placement,
  base: EntryBase,
  earliest: number,
  cutoverMs: number,
): AssessmentScheduleEntry | undefined {
  for (let i = 0; i < p.windows.length; i++) {
    const w = p.windows[i];
    const start = Math.max(w.start, p.usedUntil[i], earliest);
    if (start + cutoverMs <= w.end) {
      p.usedUntil[i] = start + cutoverMs;
      p.lastCutoverEnd = start + cutoverMs;
      return {
        ...base,
        status: 'scheduled',
        window: w.text,
        cutoverStart: new Date(start).toISOString(),
        cutoverEnd: new Date(p.lastCutoverEnd).toISOString(),
        note: `Cutover in window ${w.text}.`,
      };
    }
  }
  return undefined;
}

function placeWave(
  p: Placement,
  wave: ScheduledWave,
  replicationStart: number,
): AssessmentScheduleEntry {
  const replicationEnd = replicationStart + wave.transferHours * HOUR;
  const cutoverMs = wave.cutoverMinutes * MINUTE;
  const base: EntryBase = {
    wave: wave.number,
    transferHours: round(wave.transferHours, 2),
    cutoverMinutes: round(wave.cutoverMinutes, 1),
    replicationStart: new Date(replicationStart).toISOString(),
    replicationEnd: new Date(replicationEnd).toISOString(),
  };
  if (p.windows.length === 0) {
    return withoutWindows(p, base, replicationEnd, cutoverMs);
  }
  if (p.blockedBy !== undefined) {
    return {
      ...base,
      status: 'does-not-fit',
      note: `Waits for wave ${p.blockedBy}, which has no window.`,
    };
  }
  const earliest = Math.max(replicationEnd, p.lastCutoverEnd);
  const placed = intoWindow(p, base, earliest, cutoverMs);
  if (placed) return placed;
  p.blockedBy = wave.number;
  return {
    ...base,
    status: 'does-not-fit',
    note: doesNotFitNote(p, wave, cutoverMs, base.replicationEnd),
  };
}

/**
 * Places waves into maintenance windows, in wave order. Replication shares one link, so a wave's
 * replication starts when the previous wave's ends (the first at `startAt`). Its cutover takes the
 * earliest window (or the rest of one, after earlier cutovers in it) that starts no earlier than
 * its replication end and the previous cutover, and is long enough. A wave that fits nowhere is
 * `does-not-fit`, and the waves after it wait for it. Without windows every wave is `no-window`
 * with back-to-back times as an estimate.
 */
export function scheduleWaves(
  waves: ScheduledWave[],
  windows: MaintenanceWindow[],
  options: { startAt: number; bandwidthMbps: number },
): AssessmentSchedule {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const placement: Placement = {
    windows: sorted,
    usedUntil: sorted.map(w => w.start),
    longest: sorted.reduce((m, w) => Math.max(m, w.end - w.start), 0),
    lastCutoverEnd: options.startAt,
  };
  const entries: AssessmentScheduleEntry[] = [];
  let linkFreeAt = options.startAt;
  for (const wave of waves) {
    entries.push(placeWave(placement, wave, linkFreeAt));
    linkFreeAt += wave.transferHours * HOUR;
  }

  const allPlaced = entries.every(e => e.status !== 'does-not-fit');
  return {
    bandwidthMbps: options.bandwidthMbps,
    entries,
    totalTransferHours: round(
      waves.reduce((s, w) => s + w.transferHours, 0),
      2,
    ),
    totalCutoverMinutes: round(
      waves.reduce((s, w) => s + w.cutoverMinutes, 0),
      1,
    ),
    ...(allPlaced && entries.length > 0
      ? { completesAt: entries[entries.length - 1].cutoverEnd }
      : {}),
  };
}
