import {
  parseIsoDuration,
  parseMaintenanceWindows,
} from './maintenanceWindows';
import { cutoverMinutes, scheduleWaves, transferHours } from './scheduleWaves';

const settings = {
  bandwidthMbps: 1000,
  cutover: { baseMinutes: 30, perResourceMinutes: 5, changeRatePercent: 2 },
};

describe('maintenance windows', () => {
  it('parses start/end and start/duration intervals', () => {
    expect(parseIsoDuration('PT6H')).toBe(6 * 3600_000);
    expect(parseIsoDuration('P1DT30M')).toBe((24 * 60 + 30) * 60_000);
    expect(parseIsoDuration('P')).toBeUndefined();
    const [a, b] = parseMaintenanceWindows([
      '2026-07-04T22:00:00Z/2026-07-05T04:00:00Z',
      '2026-07-11T22:00:00+02:00/PT4H',
    ]);
    expect(b.end - b.start).toBe(4 * 3600_000);
    expect(new Date(b.start).toISOString()).toBe('2026-07-11T20:00:00.000Z');
    expect(a.end - a.start).toBe(6 * 3600_000);
  });

  it('names the bad window', () => {
    expect(() =>
      parseMaintenanceWindows(['2026-07-04T22:00:00Z/PT1H', 'tomorrow']),
    ).toThrow(
      /options\.maintenanceWindows\[1\] "tomorrow" is not an ISO-8601 interval/,
    );
    expect(() => parseMaintenanceWindows(['2026-07-04T22:00:00/PT1H'])).toThrow(
      /time zone/,
    );
    expect(() =>
      parseMaintenanceWindows(['2026-07-04T22:00:00Z/2026-07-04T21:00:00Z']),
    ).toThrow(/ends before it starts/);
  });
});

describe('transfer and cutover estimates', () => {
  it('derives hours from data volume and bandwidth', () => {
    // 1 TiB over 1 Gbit/s: 1024 × 8 × 1024³ / 10⁹ s ≈ 2.44 h
    expect(transferHours(1024, 1000)).toBeCloseTo(2.4433, 3);
    // 30 + 5 × 4 + final sync of 2 % of 1 TiB (≈ 2.93 min)
    expect(cutoverMinutes(1024, 4, settings)).toBeCloseTo(52.93, 1);
  });
});

describe('scheduleWaves', () => {
  const startAt = Date.parse('2026-07-01T00:00:00Z');

  it('places waves into windows after their replication, several per window when they fit', () => {
    const windows = parseMaintenanceWindows([
      '2026-07-04T22:00:00Z/PT4H',
      '2026-07-11T22:00:00Z/PT4H',
    ]);
    const schedule = scheduleWaves(
      [
        { number: 1, transferHours: 10, cutoverMinutes: 60 },
        { number: 2, transferHours: 1, cutoverMinutes: 90 },
        { number: 3, transferHours: 200, cutoverMinutes: 60 },
      ],
      windows,
      { startAt, bandwidthMbps: 1000 },
    );
    const [w1, w2, w3] = schedule.entries;
    expect(w1).toMatchObject({
      status: 'scheduled',
      replicationStart: '2026-07-01T00:00:00.000Z',
      replicationEnd: '2026-07-01T10:00:00.000Z',
      cutoverStart: '2026-07-04T22:00:00.000Z',
      cutoverEnd: '2026-07-04T23:00:00.000Z',
    });
    // Same window, right after wave 1's cutover.
    expect(w2).toMatchObject({
      status: 'scheduled',
      cutoverStart: '2026-07-04T23:00:00.000Z',
    });
    // 200 h of replication end 2026-07-09T19:00Z → next window
    expect(w3).toMatchObject({
      status: 'scheduled',
      window: '2026-07-11T22:00:00Z/PT4H',
    });
    expect(schedule.completesAt).toBe('2026-07-11T23:00:00.000Z');
    expect(schedule.totalTransferHours).toBe(211);
  });

  it('reports a wave that fits no window and holds back the waves after it', () => {
    const windows = parseMaintenanceWindows(['2026-07-04T22:00:00Z/PT2H']);
    const schedule = scheduleWaves(
      [
        { number: 1, transferHours: 1, cutoverMinutes: 180 },
        { number: 2, transferHours: 1, cutoverMinutes: 10 },
      ],
      windows,
      { startAt, bandwidthMbps: 1000 },
    );
    expect(schedule.entries[0].status).toBe('does-not-fit');
    expect(schedule.entries[0].note).toContain(
      'longer than the longest window (120 min)',
    );
    expect(schedule.entries[1]).toMatchObject({
      status: 'does-not-fit',
      note: 'Waits for wave 1, which has no window.',
    });
    expect(schedule.completesAt).toBeUndefined();
  });

  it('estimates back-to-back times without windows', () => {
    const schedule = scheduleWaves(
      [
        { number: 1, transferHours: 2, cutoverMinutes: 30 },
        { number: 2, transferHours: 1, cutoverMinutes: 30 },
      ],
      [],
      { startAt, bandwidthMbps: 1000 },
    );
    expect(schedule.entries.map(e => e.status)).toEqual([
      'no-window',
      'no-window',
    ]);
    expect(schedule.entries[1].cutoverStart).toBe('2026-07-01T03:00:00.000Z');
    expect(schedule.completesAt).toBe('2026-07-01T03:30:00.000Z');
  });
});
