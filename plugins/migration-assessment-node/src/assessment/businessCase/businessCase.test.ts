import { ConfigReader } from '@backstage/config';
import {
  MIGRATION_ARTIFACTS,
  parseArtifact,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import { NOW, testContext, vm } from '../__testUtils__/fixtures';
import { assess } from '../assess';
import { readAssessmentSettings } from '../settings';
import { buildMigrationReport } from '../../report/buildReport';
import { renderReportMarkdown } from '../../report/renderMarkdown';
import { buildBusinessCase } from './buildBusinessCase';
import {
  DEFAULT_BUSINESS_CASE_SETTINGS,
  type BusinessCaseSettings,
} from './businessCaseSettings';
import { breakEven, cashFlowYears } from './cashFlow';

const settings: BusinessCaseSettings = {
  ...DEFAULT_BUSINESS_CASE_SETTINGS,
  facilityOverheadPercent: 20,
  licensePerServerMonth: 50,
  idleCpuP95Percent: 10,
  oneOffPerServer: {
    ...DEFAULT_BUSINESS_CASE_SETTINGS.oneOffPerServer,
    rehost: 20000,
    retire: 200,
  },
};
const currentCost = {
  perVcpuMonth: 1,
  perGiBMemoryMonth: 1,
  perGiBDiskMonth: 0,
};

/**
 * Five servers: two busy web/app servers (the app server with its own on-prem cost tag), an
 * almost idle one the plan still moves, a powered-off one the plan retires, and a retained one.
 * Their costs are then set to round figures so the expected numbers can be worked out by hand.
 */
function smallEstate(): Assessment {
  const assessment = assess(
    {
      resources: [
        vm('web-01'),
        vm('app-01', { tags: { 'on-prem-monthly-cost': '900' } }),
        vm('idle-01', { utilization: { cpuP95: 8, memP95: 20, samples: 720 } }),
        vm('old-01', { specs: { powerState: 'poweredOff' } }),
        vm('keep-01', { tags: { 'migration-strategy': 'retain' } }),
      ],
      target: { provider: 'aws', region: 'us-east-1' },
      stage: 'specify',
      now: NOW,
    },
    testContext({ currentCost }),
  );
  const figures: Record<string, [current: number, cloud: number]> = {
    'web-01': [1000, 600],
    'app-01': [1000, 600],
    'idle-01': [500, 300],
    'old-01': [400, 200],
    'keep-01': [700, 350],
  };
  for (const r of assessment.resources) {
    const [current, cloud] = figures[r.id];
    const total = { onDemand: cloud, commit1y: cloud, commit3y: cloud };
    r.cost = { ...r.cost!, current, total };
  }
  return assessment;
}

describe('buildBusinessCase', () => {
  it('works out on-prem against cloud, the cash flow, break-even and retire candidates', () => {
    const assessment = smallEstate();
    expect(assessment.resources.map(r => [r.id, r.strategy.strategy])).toEqual([
      ['web-01', 'rehost'],
      ['app-01', 'rehost'],
      ['idle-01', 'rehost'],
      ['old-01', 'retire'],
      ['keep-01', 'retain'],
    ]);
    const bc = buildBusinessCase(assessment, {
      businessCase: settings,
      currentCost,
    });

    // web 1000 × 1.2 + 50, app its tag 900, idle 500 × 1.2 + 50, old 400 × 1.2 + 50; keep-01 left out.
    expect(bc.monthly).toEqual({ onPrem: 3330, cloud: 1500 });
    expect(bc.inputs.serversWithOwnCost).toBe(1);
    expect(bc.oneOff).toEqual({
      total: 60200,
      byStrategy: [
        { strategy: 'rehost', servers: 3, perServer: 20000, total: 60000 },
        { strategy: 'retire', servers: 1, perServer: 200, total: 200 },
      ],
    });
    // 60 200 / (3 330 − 1 500) = 32.9 → month 33, in year 3.
    expect(bc.breakEven).toEqual({ month: 33, year: 3 });
    expect(bc.years[0]).toEqual({
      year: 1,
      onPrem: 39960,
      cloud: 18000,
      oneOff: 60200,
      netCashFlow: -38240,
      cumulativeOnPrem: 39960,
      cumulativeCloud: 78200,
      cumulativeSavings: -38240,
    });
    expect(bc.years.map(y => y.cumulativeSavings)).toEqual([
      -38240, -16280, 5680, 27640, 49600,
    ]);
    expect(bc.horizons).toEqual([
      { years: 1, onPrem: 39960, cloud: 78200, savings: -38240 },
      { years: 3, onPrem: 119880, cloud: 114200, savings: 5680 },
      { years: 5, onPrem: 199800, cloud: 150200, savings: 49600 },
    ]);
    expect(bc.retireCandidates).toEqual([
      {
        id: 'idle-01',
        name: 'idle-01',
        reason: 'idle',
        detail: 'CPU P95 8 % < 10 %',
        plannedStrategy: 'rehost',
        monthlySaving: 650,
        cloudMonthly: 300,
      },
      {
        id: 'old-01',
        name: 'old-01',
        reason: 'powered-off',
        detail: 'power state poweredOff',
        plannedStrategy: 'retire',
        monthlySaving: 530,
        cloudMonthly: 0,
      },
    ]);
    expect(bc.retireSavingMonthly).toBe(1180);
    expect(bc.status).toBe('complete');
  });

  it("prices the cloud at the assessment's commitment term unless one is configured", () => {
    const assessment = smallEstate();
    assessment.inputs.commitmentTerm = '3y';
    for (const r of assessment.resources) {
      r.cost!.total = {
        ...r.cost!.total,
        commit3y: r.cost!.total.onDemand / 2,
      };
    }
    const fromTerm = buildBusinessCase(assessment, {
      businessCase: settings,
      currentCost,
    });
    expect(fromTerm.commitment).toBe('commit3y');
    expect(fromTerm.monthly.cloud).toBe(750);
    const configured = buildBusinessCase(assessment, {
      businessCase: { ...settings, commitment: 'onDemand' },
      currentCost,
    });
    expect(configured.commitment).toBe('onDemand');
    expect(configured.monthly.cloud).toBe(1500);
  });

  it('is marked incomplete without any on-prem cost, and refuses an assessment without costs', () => {
    const assessment = smallEstate();
    for (const r of assessment.resources) {
      delete r.cost!.current;
      delete r.tags?.['on-prem-monthly-cost'];
    }
    const bc = buildBusinessCase(assessment, { businessCase: settings });
    expect(bc.status).toBe('no-on-prem-cost');
    expect(bc.reason).toMatch(/migration\.assessment\.currentCost/);
    expect(bc.breakEven).toBeUndefined();
    expect(bc.monthly.onPrem).toBe(0);

    const plan = { ...assessment, stage: 'plan' as const, cost: undefined };
    expect(() => buildBusinessCase(plan, { businessCase: settings })).toThrow(
      /needs an assessment with costs/,
    );
  });

  it('matches the phase contract, which refuses a cash flow that is not five years', () => {
    const bc = buildBusinessCase(smallEstate(), {
      businessCase: settings,
      currentCost,
    });
    const stored = JSON.parse(JSON.stringify(bc));
    expect(parseArtifact(MIGRATION_ARTIFACTS.businessCase, stored)).toEqual(
      stored,
    );
    expect(() =>
      parseArtifact(MIGRATION_ARTIFACTS.businessCase, {
        ...stored,
        years: stored.years.slice(0, 4),
      }),
    ).toThrow(
      /^business-case\.json does not match the phase contract at years/,
    );
  });
});

describe('the business case in the migration report', () => {
  it('shows the horizons, the break-even, the cash flow and the retire candidates', () => {
    const businessCase = buildBusinessCase(smallEstate(), {
      businessCase: settings,
      currentCost,
    });
    const report = buildMigrationReport({
      migration: {
        id: 'm-1',
        title: 'Estate',
        status: 'running',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'aws', region: 'us-east-1' },
        entityRefs: [],
        owner: 'group:default/ops',
        requestedBy: 'user:default/alice',
        options: {},
        progress: 0.9,
        createdAt: '2027-01-01T08:00:00.000Z',
        updatedAt: '2027-01-01T09:00:00.000Z',
      },
      phases: [],
      businessCase,
      now: NOW,
    });
    expect(report.businessCase).toBe(businessCase);
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('## Business case');
    expect(markdown).toContain(
      '**Break-even**: month 33 (year 3) after the move starts.',
    );
    expect(markdown).toContain(
      '| 5 years | 199,800.00 USD | 150,200.00 USD | 49,600.00 USD |',
    );
    expect(markdown).toContain(
      '| 1 | 39,960.00 USD | 18,000.00 USD | 60,200.00 USD | -38,240.00 USD | -38,240.00 USD |',
    );
    expect(markdown).toContain(
      '### Retire candidates (1,180.00 USD per month)',
    );
    expect(markdown).toContain(
      '| idle-01 | idle: CPU P95 8 % \\< 10 % | rehost | 650.00 USD | 300.00 USD |',
    );
  });
});

describe('break-even', () => {
  it.each([
    [
      { onPremMonthly: 1000, cloudMonthly: 500, oneOff: 6000 },
      { month: 12, year: 1 },
    ],
    [
      { onPremMonthly: 1000, cloudMonthly: 500, oneOff: 6001 },
      { month: 13, year: 2 },
    ],
    [
      { onPremMonthly: 1000, cloudMonthly: 1000, oneOff: 0 },
      { month: 1, year: 1 },
    ],
    [{ onPremMonthly: 1000, cloudMonthly: 1000, oneOff: 1 }, undefined],
    [{ onPremMonthly: 1000, cloudMonthly: 1200, oneOff: 0 }, undefined],
    [{ onPremMonthly: 1000, cloudMonthly: 900, oneOff: 6001 }, undefined],
    [
      { onPremMonthly: 1000, cloudMonthly: 900, oneOff: 6000 },
      { month: 60, year: 5 },
    ],
  ])('%o breaks even at %o', (input, expected) => {
    expect(breakEven(input)).toEqual(expected);
  });

  it('keeps the cumulative figures consistent with the yearly ones', () => {
    const years = cashFlowYears({
      onPremMonthly: 100.1,
      cloudMonthly: 50.05,
      oneOff: 99.99,
    });
    expect(years[4].cumulativeOnPrem).toBe(6006);
    expect(years[4].cumulativeCloud).toBe(3102.99);
    expect(years.slice(1).every(y => y.oneOff === 0)).toBe(true);
  });
});

describe('business case settings', () => {
  it('reads migration.assessment.businessCase and names a bad key', () => {
    const read = (businessCase: object) =>
      readAssessmentSettings(
        new ConfigReader({ migration: { assessment: { businessCase } } }),
      ).businessCase;
    expect(
      read({ commitment: 'commit3y', oneOffPerServer: { rehost: 750 } }),
    ).toEqual({
      ...DEFAULT_BUSINESS_CASE_SETTINGS,
      commitment: 'commit3y',
      oneOffPerServer: {
        ...DEFAULT_BUSINESS_CASE_SETTINGS.oneOffPerServer,
        rehost: 750,
      },
    });
    expect(() => read({ commitment: 'commit2y' })).toThrow(
      'Invalid config migration.assessment.businessCase.commitment: must be one of onDemand, commit1y, commit3y, got commit2y',
    );
    expect(() => read({ idleCpuP95Percent: 120 })).toThrow(
      'Invalid config migration.assessment.businessCase.idleCpuP95Percent: must be a number between 0 and 100, got 120',
    );
  });
});
