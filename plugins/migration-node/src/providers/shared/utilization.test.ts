import { ConfigReader } from '@backstage/config';
import {
  measureInBatches,
  percentile,
  readUtilizationSettings,
  utilizationWindow,
  UtilizationRun,
} from './utilization';

describe('readUtilizationSettings', () => {
  it('defaults to on over 14 days', () => {
    expect(readUtilizationSettings(new ConfigReader({}))).toEqual({
      enabled: true,
      windowDays: 14,
    });
  });

  it('reads the off switch and the window', () => {
    expect(
      readUtilizationSettings(
        new ConfigReader({ utilization: { enabled: false, windowDays: 30 } }),
      ),
    ).toEqual({ enabled: false, windowDays: 30 });
  });

  it('refuses windows that are not whole days from 1 to 60', () => {
    for (const windowDays of [0, 1.5, 61]) {
      expect(() =>
        readUtilizationSettings(
          new ConfigReader({ utilization: { windowDays } }),
        ),
      ).toThrow('utilization.windowDays must be a whole number of days');
    }
  });
});

describe('utilizationWindow', () => {
  it('ends at the last full hour and spans the configured days', () => {
    const w = utilizationWindow(
      { enabled: true, windowDays: 14 },
      Date.parse('2026-12-06T09:41:17Z'),
    );
    expect(w.end.toISOString()).toBe('2026-12-06T09:00:00.000Z');
    expect(w.start.toISOString()).toBe('2026-11-22T09:00:00.000Z');
    expect(w.seconds).toBe(1_209_600);
    expect(w.duration).toBe('P14D');
  });
});

describe('percentile', () => {
  it('takes the nearest rank, a value that was measured', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile([10, 20, 30], 95)).toBe(30);
    expect(percentile([7], 95)).toBe(7);
  });

  it('ignores gaps and has no answer without values', () => {
    expect(percentile([NaN, 4, Infinity], 95)).toBe(4);
    expect(percentile([], 95)).toBeUndefined();
  });
});

describe('measureInBatches', () => {
  const resource = (id: string, kind: 'vm' | 'disk' = 'vm') => ({
    provider: 'aws' as const,
    environmentId: 'e',
    externalId: id,
    kind,
    name: id,
    specs: {},
    tags: {},
    dependsOn: [],
  });
  async function* stream() {
    yield resource('a');
    yield resource('vol', 'disk');
    yield resource('b');
    yield resource('c');
    yield resource('d');
  }

  it('measures VMs in batches up to the capacity and passes everything else through', async () => {
    const batches: string[][] = [];
    const out: string[] = [];
    for await (const r of measureInBatches(stream(), {
      capacity: 4,
      weight: vm => (vm.externalId === 'b' ? 3 : 1),
      measure: async vms => {
        batches.push(vms.map(v => v.externalId));
        for (const v of vms) v.utilization = { cpuP95: 1 };
      },
    })) {
      out.push(`${r.externalId}${r.utilization ? '*' : ''}`);
    }
    expect(batches).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(out).toEqual(['vol', 'a*', 'b*', 'c*', 'd*']);
  });
});

describe('UtilizationRun', () => {
  function run() {
    const warnings: string[] = [];
    const utilizationRun = new UtilizationRun({
      source: 'CloudWatch',
      environmentId: 'aws-prod',
      reporter: { warn: m => warnings.push(m), count: () => {} },
      isFatal: e => (e as Error).name === 'ExpiredToken',
      describe: e => `${(e as Error).name}: ${(e as Error).message}`,
      remediation: 'Grant cloudwatch:GetMetricData',
    });
    return { utilizationRun, warnings };
  }
  const failure = (name: string) =>
    Object.assign(new Error(`${name} happened`), { name });

  it('passes results through while the service answers', async () => {
    const { utilizationRun, warnings } = run();
    await expect(utilizationRun.guard(async () => 42)).resolves.toBe(42);
    expect(utilizationRun.active).toBe(true);
    expect(warnings).toEqual([]);
  });

  it('stops after the first failure with one warning, however many calls fail', async () => {
    const { utilizationRun, warnings } = run();
    const results = await Promise.all([
      utilizationRun.guard(() => Promise.reject(failure('AccessDenied'))),
      utilizationRun.guard(() => Promise.reject(failure('AccessDenied'))),
    ]);
    expect(results).toEqual([undefined, undefined]);
    expect(utilizationRun.active).toBe(false);
    expect(warnings).toEqual([
      'aws-prod: CloudWatch utilization not measured (AccessDenied: AccessDenied happened); VMs are sized as allocated. Grant cloudwatch:GetMetricData, or set utilization.enabled: false.',
    ]);
  });

  it('rethrows fatal errors and aborts', async () => {
    const { utilizationRun, warnings } = run();
    await expect(
      utilizationRun.guard(() => Promise.reject(failure('ExpiredToken'))),
    ).rejects.toThrow('ExpiredToken happened');
    await expect(
      utilizationRun.guard(() => Promise.reject(failure('AbortError'))),
    ).rejects.toThrow('AbortError happened');
    expect(utilizationRun.active).toBe(true);
    expect(warnings).toEqual([]);
  });
});
