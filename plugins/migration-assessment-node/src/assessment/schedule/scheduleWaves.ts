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

/**
 * Places waves into maintenance windows, in wave order. Replication shares one link, so a wave's
 * replication starts when the previous wave's ends (the first at `startAt`). Its cutover takes the
 * earliest window (or the rest of one, after earlier cutovers in it) that starts no earlier than
 * its replication end and the previous cutover, and is long enough. A wave that fits nowhere is
 * `does-not-fit`, and the waves after it wait for it. Without windows every wave is `no-window`
 * with back-to-back times as an estimate.
 */
export function scheduleWaves(
  waves: Array<{
    number: number;
    transferHours: number;
    cutoverMinutes: number;
  }>,
  windows: MaintenanceWindow[],
  options: { startAt: number; bandwidthMbps: number },
): AssessmentSchedule {
  const sorted = [...windows].sort((a, b) => a.start - b.start);
  const usedUntil = sorted.map(w => w.start);
  const longest = sorted.reduce((m, w) => Math.max(m, w.end - w.start), 0);
  const entries: AssessmentScheduleEntry[] = [];
  let linkFreeAt = options.startAt;
  let lastCutoverEnd = options.startAt;
  let blockedBy: number | undefined;

  for (const wave of waves) {
    const replicationStart = linkFreeAt;
    const replicationEnd = replicationStart + wave.transferHours * HOUR;
    linkFreeAt = replicationEnd;
    const cutoverMs = wave.cutoverMinutes * MINUTE;
    const base = {
      wave: wave.number,
      transferHours: round(wave.transferHours, 2),
      cutoverMinutes: round(wave.cutoverMinutes, 1),
      replicationStart: new Date(replicationStart).toISOString(),
      replicationEnd: new Date(replicationEnd).toISOString(),
    };

    if (sorted.length === 0) {
      const start = Math.max(replicationEnd, lastCutoverEnd);
      lastCutoverEnd = start + cutoverMs;
      entries.push({
        ...base,
        status: 'no-window',
        cutoverStart: new Date(start).toISOString(),
        cutoverEnd: new Date(lastCutoverEnd).toISOString(),
        note: 'No maintenance window was given: cutover assumed right after replication.',
      });
      continue;
    }
    if (blockedBy !== undefined) {
      entries.push({
        ...base,
        status: 'does-not-fit',
        note: `Waits for wave ${blockedBy}, which has no window.`,
      });
      continue;
    }
    const earliest = Math.max(replicationEnd, lastCutoverEnd);
    let placed = false;
    for (let i = 0; i < sorted.length; i++) {
      const w = sorted[i];
      const start = Math.max(w.start, usedUntil[i], earliest);
      if (start + cutoverMs <= w.end) {
        usedUntil[i] = start + cutoverMs;
        lastCutoverEnd = start + cutoverMs;
        entries.push({
          ...base,
          status: 'scheduled',
          window: w.text,
          cutoverStart: new Date(start).toISOString(),
          cutoverEnd: new Date(lastCutoverEnd).toISOString(),
          note: `Cutover in window ${w.text}.`,
        });
        placed = true;
        break;
      }
    }
    if (!placed) {
      blockedBy = wave.number;
      entries.push({
        ...base,
        status: 'does-not-fit',
        note:
          cutoverMs > longest
            ? `The cutover (${round(
                wave.cutoverMinutes,
                0,
              )} min) is longer than the longest window (${round(
                longest / MINUTE,
                0,
              )} min): add a longer window or split the wave.`
            : `No window is left after replication ends ${base.replicationEnd}: add later windows.`,
      });
    }
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
