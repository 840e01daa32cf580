import { PriceCatalogs } from '../assessment/pricing/PriceCatalogs';
import { carbonCoefficients, estimateCarbon, loadCarbonData } from './carbon';
import type { OptimizationResource } from './optimizationResources';
import { recommendOptimizations } from './recommend';
import { isNonProduction, isStateless } from './resourceTags';

const pricing = PriceCatalogs.load().forRegion('aws', 'us-east-1');
const carbon = loadCarbonData();
const target = { provider: 'aws' as const, region: 'us-east-1' };

const compute = (hourly: number) => ({
  onDemand: hourly * 730,
  commit1y: hourly * 730 * 0.65,
  commit3y: hourly * 730 * 0.45,
});

const web: OptimizationResource = {
  id: 'vm-web',
  name: 'web-01',
  kind: 'vm',
  tags: { tier: 'web', environment: 'production' },
  instanceType: 'm5.xlarge',
  family: 'm5',
  architecture: 'x86_64',
  vcpus: 4,
  memoryGiB: 16,
  hourlyPrice: 0.192,
  compute: compute(0.192),
  disks: [{ name: 'root', sizeGiB: 100, storageClass: 'gp3', monthlyPrice: 8 }],
  postMigrationUtilization: { cpuP95: 20, memP95: 30 },
  migrated: true,
};
const db: OptimizationResource = {
  id: 'vm-db',
  name: 'orders-db',
  kind: 'vm',
  tags: { environment: 'production', role: 'database' },
  instanceType: 'r5.xlarge',
  family: 'r5',
  architecture: 'x86_64',
  vcpus: 4,
  memoryGiB: 32,
  hourlyPrice: 0.252,
  compute: compute(0.252),
  disks: [
    { name: 'data', sizeGiB: 500, storageClass: 'io2', monthlyPrice: 712.5 },
  ],
  postMigrationUtilization: { cpuP95: 60, memP95: 85, iopsP95: 1200 },
  migrated: true,
};
const dev: OptimizationResource = {
  id: 'vm-dev',
  name: 'shop-dev',
  kind: 'vm',
  tags: { env: 'Dev' },
  instanceType: 't3.large',
  family: 't3',
  vcpus: 2,
  memoryGiB: 8,
  hourlyPrice: 0.0832,
  compute: compute(0.0832),
  disks: [],
  migrated: true,
};
const retired: OptimizationResource = {
  ...dev,
  id: 'vm-old',
  name: 'old-box',
  migrated: false,
};

describe('recommendOptimizations', () => {
  const report = recommendOptimizations({
    target,
    resources: [web, db, dev, retired],
    pricing,
    carbon,
    now: new Date('2027-01-01T00:00:00Z'),
  });
  const find = (id: string) => report.recommendations.find(r => r.id === id);

  it('rightsizes from post-migration utilization with headroom', () => {
    const r = find('rightsizing.vm-web')!;
    // 4 vCPU × 20 % × 1.25 = 1 vCPU, 16 GiB × 30 % × 1.25 = 6 GiB → m5.large (2 vCPU, 8 GiB).
    expect(r).toMatchObject({
      category: 'cost',
      type: 'rightsizing',
      automationCapable: true,
    });
    expect(r.metrics.suggestedType).toBe('m5.large');
    expect(r.estimatedMonthlySavings).toBeCloseTo((0.192 - 0.096) * 730, 2);
    expect(r.impact).toBe('high');
    // orders-db is busy enough to stay as it is.
    expect(find('rightsizing.vm-db')).toBeUndefined();
  });

  it('suggests spot for stateless production tiers and schedules for non-production', () => {
    expect(find('spot.vm-web')).toMatchObject({
      type: 'spot',
      automationCapable: true,
    });
    expect(find('spot.vm-db')).toBeUndefined();
    const schedule = find('schedule.vm-dev')!;
    expect(schedule.estimatedMonthlySavings).toBeCloseTo(
      0.0832 * 730 * (1 - 60 / 168),
      2,
    );
    expect(find('schedule.vm-web')).toBeUndefined();
    expect(report.recommendations.some(r => r.resource === 'old-box')).toBe(
      false,
    );
  });

  it('recommends commitments only for steady production machines', () => {
    const c = find('commitment.compute')!;
    expect(c.metrics.machines).toBe(1);
    expect(c.recommendation).toMatch(/orders-db/);
    expect(c.estimatedMonthlySavings).toBeCloseTo(0.252 * 730 * 0.35, 2);
    expect(c.automationCapable).toBe(false);
  });

  it('moves an over-provisioned disk to a cheaper class that still meets its IOPS', () => {
    const s = find('storage.vm-db.data')!;
    expect(s.metrics).toMatchObject({
      currentClass: 'io2',
      suggestedClass: 'gp3',
      iopsP95: 1200,
    });
    expect(s.estimatedMonthlySavings).toBeCloseTo(712.5 - 500 * 0.08, 2);
  });

  it('totals the cost savings and sorts by impact', () => {
    const cost = report.recommendations.filter(
      r => r.category === 'cost' && r.estimatedMonthlySavings,
    );
    expect(report.totalEstimatedMonthlySavings).toBeCloseTo(
      cost.reduce((s, r) => s + r.estimatedMonthlySavings!, 0),
      1,
    );
    const impacts = report.recommendations.map(r => r.impact);
    expect(impacts).toEqual(
      [...impacts].sort(
        (a, b) =>
          ['high', 'medium', 'low'].indexOf(a) -
          ['high', 'medium', 'low'].indexOf(b),
      ),
    );
    expect(report.currency).toBe('USD');
  });

  it('estimates carbon with the CCF formula and the region grid intensity', () => {
    const estimate = report.carbon!;
    const webRow = estimate.perResource.find(r => r.resource === 'web-01')!;
    // 4 vCPU × 730 h × (0.74 + 0.2 × (3.5 − 0.74)) W + 0.0977 TB × 730 h × 1.2 Wh × 2, × PUE 1.135
    const kwh =
      ((4 * 730 * (0.74 + 0.2 * 2.76)) / 1000 +
        ((100 / 1024) * 730 * 1.2 * 2) / 1000) *
      1.135;
    expect(webRow.kwhPerMonth).toBeCloseTo(kwh, 2);
    expect(webRow.kgCo2ePerMonth).toBeCloseTo(kwh * 0.000379069 * 1000, 2);
    expect(webRow.utilizationSource).toBe('measured');
    // The dev machine without measurements uses CCF's 50 % and its scheduled hours.
    const devRow = estimate.perResource.find(r => r.resource === 'shop-dev')!;
    expect(devRow).toMatchObject({
      utilization: 0.5,
      utilizationSource: 'default',
    });
    expect(estimate.coefficients).toMatchObject({
      pue: 1.135,
      gridTonsCo2ePerKwh: 0.000379069,
      regionFallback: false,
    });
    expect(estimate.coefficients.sources.join(' ')).toMatch(
      /cloudcarbonfootprint\.org/,
    );
    expect(find('carbon.estimate')!.category).toBe('sustainability');
  });

  it('names a cleaner region nearby and notes what it could not evaluate', () => {
    const eu = recommendOptimizations({
      target: { provider: 'aws', region: 'eu-central-1' },
      resources: [{ ...dev, tags: {}, postMigrationUtilization: undefined }],
      carbon,
    });
    const cleaner = eu.recommendations.find(r => r.id === 'carbon.region')!;
    expect(cleaner.metrics.region).toBe('eu-north-1');
    expect(eu.notes!.join(' ')).toMatch(
      /Rightsizing needs utilization measured at the target/,
    );
    expect(
      eu.recommendations.find(r => r.type === 'rightsizing'),
    ).toBeUndefined();
  });
});

describe('carbon', () => {
  it('falls back to the provider average for unknown regions', () => {
    const c = carbonCoefficients(carbon, 'gcp', 'mars-north1')!;
    expect(c.regionFallback).toBe(true);
    expect(c.gridTonsCo2ePerKwh).toBe(
      carbon.providers.gcp.gridTonsCo2ePerKwh.unknown,
    );
    expect(carbonCoefficients(carbon, 'gcp', 'europe-west1')!.pue).toBe(1.08);
  });

  it('is proportional to the vCPU-hours', () => {
    const c = carbonCoefficients(carbon, 'azure', 'westeurope')!;
    const one = estimateCarbon(
      [{ name: 'a', vcpus: 2, memoryGb: 4, utilization: 0.3, storage: [] }],
      c,
      {
        defaultUtilization: 0.5,
        replication: 3,
      },
    );
    const two = estimateCarbon(
      [{ name: 'a', vcpus: 4, memoryGb: 4, utilization: 0.3, storage: [] }],
      c,
      {
        defaultUtilization: 0.5,
        replication: 3,
      },
    );
    expect(two.kgCo2ePerMonth).toBeCloseTo(one.kgCo2ePerMonth * 2, 2);
  });
});

describe('tag rules', () => {
  it('recognises non-production and stateless tiers', () => {
    expect(isNonProduction({ tags: { Environment: 'staging' } })).toBe(true);
    expect(isNonProduction({ tags: { environment: 'production' } })).toBe(
      false,
    );
    expect(isStateless({ kind: 'vm', tags: { stateless: 'true' } })).toBe(true);
    expect(isStateless({ kind: 'database', tags: { tier: 'web' } })).toBe(
      false,
    );
  });
});
