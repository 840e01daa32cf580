import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { BusinessCase } from '@sirsi-nexus/plugin-migration-common';
import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { FakeMigrationApi } from '../../../__testUtils__/FakeMigrationApi';
import {
  makeArtifact,
  makeMigration,
  makePhases,
} from '../../../__testUtils__/fixtures';
import { renderPage } from '../../../__testUtils__/renderPage';
import { MigrationTabs } from '../../MigrationDetailPage/MigrationTabs';
import { BusinessCaseView } from './BusinessCaseView';

const years = [
  [39960, 18000, 60200, -38240, 39960, 78200, -38240],
  [39960, 18000, 0, 21960, 79920, 96200, -16280],
  [39960, 18000, 0, 21960, 119880, 114200, 5680],
  [39960, 18000, 0, 21960, 159840, 132200, 27640],
  [39960, 18000, 0, 21960, 199800, 150200, 49600],
].map(([onPrem, cloud, oneOff, net, cumOnPrem, cumCloud, cumSavings], i) => ({
  year: i + 1,
  onPrem,
  cloud,
  oneOff,
  netCashFlow: net,
  cumulativeOnPrem: cumOnPrem,
  cumulativeCloud: cumCloud,
  cumulativeSavings: cumSavings,
}));

const businessCase: BusinessCase = {
  schemaVersion: 1,
  generatedAt: '2025-03-01T10:03:00.000Z',
  currency: 'USD',
  status: 'complete',
  commitment: 'onDemand',
  inputs: {
    facilityOverheadPercent: 20,
    licensePerServerMonth: 50,
    idleCpuP95Percent: 10,
    oneOffPerServer: {
      rehost: 20000,
      relocate: 500,
      replatform: 3000,
      repurchase: 2000,
      refactor: 10000,
      retire: 200,
      retain: 0,
    },
    serversWithOwnCost: 1,
  },
  monthly: { onPrem: 3330, cloud: 1500 },
  oneOff: {
    total: 60200,
    byStrategy: [
      { strategy: 'rehost', servers: 3, perServer: 20000, total: 60000 },
      { strategy: 'retire', servers: 1, perServer: 200, total: 200 },
    ],
  },
  years,
  horizons: [
    { years: 1, onPrem: 39960, cloud: 78200, savings: -38240 },
    { years: 3, onPrem: 119880, cloud: 114200, savings: 5680 },
    { years: 5, onPrem: 199800, cloud: 150200, savings: 49600 },
  ],
  breakEven: { month: 33, year: 3 },
  retireCandidates: [
    {
      id: 'idle-01',
      name: 'idle-01',
      reason: 'idle',
      detail: 'CPU P95 8 % < 10 %',
      plannedStrategy: 'rehost',
      monthlySaving: 650,
      cloudMonthly: 300,
    },
  ],
  retireSavingMonthly: 650,
  assumptions: ['The one-off migration cost is paid in year 1.'],
};

describe('BusinessCaseView', () => {
  it('draws cumulative cost on-prem against cloud with the break-even, and the years below', async () => {
    await renderInTestApp(<BusinessCaseView businessCase={businessCase} />);

    const chart = screen.getByRole('img', {
      name: 'Cumulative cost per year, on-prem against cloud',
    });
    const points = [...chart.querySelectorAll('circle > title')].map(
      t => t.textContent,
    );
    expect(points).toContain('Year 5 · On-prem: $199,800.00');
    expect(points).toContain('Year 5 · Cloud (one-off included): $150,200.00');
    expect(points).toHaveLength(10);
    expect(within(chart).getByTestId('break-even')).toHaveTextContent(
      'Break-even: month 33 (year 3)',
    );
    expect(
      screen.getByText(
        /breaks even in month 33 \(year 3\); five-year savings \$49,600/,
      ),
    ).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Business case per year' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(6);
    expect(
      within(rows[3])
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      'Year 3break-even',
      '$39,960.00',
      '$18,000.00',
      '$0.00',
      '$21,960.00',
      '$119,880.00',
      '$114,200.00',
      '$5,680.00',
    ]);
    const retire = screen.getByRole('table', { name: 'Retire candidates' });
    expect(within(retire).getByText('idle-01')).toBeInTheDocument();
    expect(within(retire).getByText('$650.00')).toBeInTheDocument();
  });

  it('says why when the on-prem side is missing, and marks no break-even', async () => {
    await renderInTestApp(
      <BusinessCaseView
        businessCase={{
          ...businessCase,
          status: 'no-on-prem-cost',
          reason:
            'No on-prem cost is known: configure migration.assessment.currentCost.',
          breakEven: undefined,
          retireCandidates: [],
        }}
      />,
    );
    expect(
      screen.getByText(/The business case has no on-prem side/),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('break-even')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Retire candidates' }),
    ).not.toBeInTheDocument();
  });

  it('is shown on the Assessment tab above the assessment', async () => {
    const api = new FakeMigrationApi();
    api.putJson('mig-1', 'assessment.json', sampleAssessment);
    api.putJson('mig-1', 'business-case.json', businessCase);
    const details = {
      migration: makeMigration({ currentPhase: 'test', progress: 0.4 }),
      phases: makePhases('test'),
      artifacts: [
        makeArtifact('assessment.json', 'application/json'),
        makeArtifact('business-case.json', 'application/json'),
      ],
      events: [],
    };
    await renderPage(<MigrationTabs details={details} />, {
      api,
      path: '/migrations/mig-1?tab=assessment',
    });

    // Label queries: role queries over the whole assessment page are slow in jsdom.
    const chart = await screen.findByLabelText(
      'Cumulative cost per year, on-prem against cloud',
    );
    const waves = await screen.findByLabelText('Monthly cost per wave');
    expect(chart.compareDocumentPosition(waves)).toBe(
      Node.DOCUMENT_POSITION_FOLLOWING,
    );
  });
});
