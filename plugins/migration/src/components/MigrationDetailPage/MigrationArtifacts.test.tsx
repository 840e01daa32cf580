import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import {
  makeArtifact,
  makeMigration,
  makePhases,
} from '../../__testUtils__/fixtures';
import {
  sampleAssessment,
  sampleBundleZip,
  sampleIacReport,
  sampleOptimization,
  sampleSupport,
  sampleTransfer,
  sampleValidation,
} from '../../__testUtils__/artifactFixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { Router } from '../Router';

function setup(artifacts: ArtifactSummary[]) {
  const api = new FakeMigrationApi();
  api.statuses.set('mig-1', {
    migration: makeMigration({ currentPhase: 'support', progress: 0.95 }),
    phases: makePhases('support'),
    artifacts,
  });
  return api;
}

async function openTab(api: FakeMigrationApi, tab: string) {
  await renderPage(<Router />, { api, path: `/migrations/mig-1` });
  await userEvent.click(await screen.findByRole('tab', { name: tab }));
}

describe('migration artifacts', () => {
  it('shows only the tabs of artifacts that exist', async () => {
    const api = setup([makeArtifact('validation.json', 'application/json')]);
    api.putJson('mig-1', 'validation.json', sampleValidation);
    await renderPage(<Router />, { api, path: '/migrations/mig-1' });

    const tabs = await screen.findAllByRole('tab');
    expect(tabs.map(t => t.textContent)).toEqual([
      'Validation',
      'All artifacts (1)',
      'Audit trail',
    ]);
  });

  it('renders the assessment: figures, cost per wave chart, graph, risks, 7R, compliance', async () => {
    const api = setup([makeArtifact('assessment.json', 'application/json')]);
    api.putJson('mig-1', 'assessment.json', sampleAssessment);
    await openTab(api, 'Assessment');

    expect(
      await screen.findByText('Monthly cost (on demand)'),
    ).toBeInTheDocument();
    expect(screen.getByText('$1,521')).toBeInTheDocument(); // whole units from $100
    expect(screen.getByText('72 / 100')).toBeInTheDocument();
    expect(screen.getByText(/end-of-life OS: web-01/)).toBeInTheDocument();

    const chart = screen.getByRole('img', { name: 'Monthly cost per wave' });
    const bars = [...chart.querySelectorAll('rect > title')].map(
      t => t.textContent,
    );
    expect(bars).toEqual([
      'Wave 1 · On demand: $900.00',
      'Wave 1 · 1-year commitment: $630.00',
      'Wave 1 · 3-year commitment: $450.00',
      'Wave 2 · On demand: $620.50',
      'Wave 2 · 1-year commitment: $434.35',
      'Wave 2 · 3-year commitment: $310.25',
    ]);

    await waitFor(() =>
      expect(document.querySelector('[data-node="vm-web"]')).not.toBeNull(),
    );
    expect(document.querySelector('[data-node="vm-db"]')).toHaveTextContent(
      'db-01Wave 1',
    );

    const risks = screen.getByRole('table', { name: 'Risks' });
    expect(within(risks).getAllByRole('row')[1]).toHaveTextContent(
      'Operating system end of life: Windows Server 2012 R2',
    );
    expect(
      within(risks).getByText('Hard-coded IP in the web config'),
    ).toBeInTheDocument();

    expect(screen.getByText('Replatform: 1')).toBeInTheDocument();
    const strategies = screen.getByRole('table', {
      name: 'Resources and strategies',
    });
    expect(
      within(strategies).getByText('Amazon RDS for SQL Server'),
    ).toBeInTheDocument();

    const compliance = screen.getByRole('table', { name: 'Compliance checks' });
    expect(within(compliance).getAllByRole('row')[1]).toHaveTextContent(
      'No admin ports open to the internet',
    );
    expect(
      screen.getByText('Move the database first; web-01 needs an OS upgrade.'),
    ).toBeInTheDocument();
  });

  it('names the artifact and the field when an assessment breaks the contract, then shows its JSON', async () => {
    const api = setup([makeArtifact('assessment.json', 'application/json')]);
    api.putJson('mig-1', 'assessment.json', { something: 'else' });
    await openTab(api, 'Assessment');

    expect(
      await screen.findByText('Error: Assessment cannot be shown'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /^assessment\.json does not match the phase contract at schemaVersion: .*It is shown as JSON below\.$/,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body.textContent).toContain('"something": "else"'),
    );
    expect(screen.queryByText('Monthly cost (on demand)')).toBeNull();
  });

  it('names the nested field a transfer report lacks', async () => {
    const api = setup([makeArtifact('transfer.json', 'application/json')]);
    const { objects, ...status } = sampleTransfer(1).status;
    api.putJson('mig-1', 'transfer.json', { ...sampleTransfer(1), status });
    await openTab(api, 'Transfer');

    expect(
      await screen.findByText(
        /^transfer\.json does not match the phase contract at status\.objects: /,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('progressbar', { name: /Transferred/ }),
    ).toBeNull();
  });

  it('shows the IaC report and opens the file a finding points at', async () => {
    const api = setup([
      makeArtifact('iac-bundle.zip', 'application/zip'),
      makeArtifact('iac-report.json', 'application/json'),
    ]);
    api.artifacts.set('mig-1/iac-bundle.zip', new Blob([sampleBundleZip()]));
    api.putJson('mig-1', 'iac-report.json', sampleIacReport);
    await openTab(api, 'Infrastructure as code');

    expect(
      await screen.findByText(
        /Terraform was not run: migration.iac.terraformCommand/,
      ),
    ).toBeInTheDocument();
    const tree = await screen.findByRole('list', { name: 'Bundle files' });
    expect(within(tree).getByText('wave-01/')).toBeInTheDocument();
    expect(within(tree).getByText('compute.tf')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'wave-01/security.tf:3' }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'wave-01/security.tf (line 3)',
      }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body.textContent).toContain('cidr_ipv4 = "0.0.0.0/0"'),
    );
  });

  it('says when the bundle cannot be opened', async () => {
    const api = setup([makeArtifact('iac-bundle.zip', 'application/zip')]);
    api.artifacts.set('mig-1/iac-bundle.zip', new Blob(['not a zip']));
    await openTab(api, 'Infrastructure as code');

    expect(
      await screen.findByText(/The bundle could not be opened/),
    ).toBeInTheDocument();
  });

  it('shows validation checks with where they probed and what to do', async () => {
    const api = setup([makeArtifact('validation.json', 'application/json')]);
    api.putJson('mig-1', 'validation.json', sampleValidation);
    await openTab(api, 'Validation');

    const table = await screen.findByRole('table', {
      name: 'Checks',
    });
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('TLS on web-01');
    expect(rows[1]).toHaveTextContent('10.0.1.5:443');
    expect(rows[1]).toHaveTextContent('Renew the certificate');
    expect(rows[1]).toHaveTextContent('daysLeft: -3');
    expect(rows[2]).toHaveTextContent('Checksums match');
  });

  it("shows the readiness checks and each environment's checks as checks", async () => {
    const api = setup([
      makeArtifact('readiness-checks.json', 'application/json'),
      makeArtifact('environment-dc1.json', 'application/json'),
    ]);
    api.putJson('mig-1', 'readiness-checks.json', {
      checkedAt: '2025-03-01T10:02:00.000Z',
      checks: [
        {
          id: 'owners',
          title: 'Every entity has an owner',
          status: 'warn',
          message: 'db-01 has none',
        },
      ],
    });
    api.putJson('mig-1', 'environment-dc1.json', {
      environmentId: 'dc1',
      role: 'source',
      provider: 'inventory',
      checkedAt: '2025-03-01T10:00:00.000Z',
      checks: [
        {
          id: 'inventory-file',
          title: 'Inventory file readable',
          status: 'fail',
          message: 'ENOENT',
          remediation: 'Mount the export',
        },
      ],
    });
    await openTab(api, 'All artifacts (2)');
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview readiness-checks.json' }),
    );

    const table = await screen.findByRole('table', { name: 'Checks' });
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent(
      'WarningEvery entity has an ownerdb-01 has none',
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Preview environment-dc1.json' }),
    );
    await waitFor(() =>
      expect(screen.getAllByRole('table', { name: 'Checks' })).toHaveLength(2),
    );
    expect(
      within(screen.getAllByRole('table', { name: 'Checks' })[1]).getAllByRole(
        'row',
      )[1],
    ).toHaveTextContent('FailInventory file readableENOENTMount the export');
  });

  it('shows optimisation recommendations, most impact first, with savings and carbon', async () => {
    const api = setup([makeArtifact('optimization.json', 'application/json')]);
    api.putJson('mig-1', 'optimization.json', sampleOptimization);
    await openTab(api, 'Optimization');

    expect(
      await screen.findByText('Potential savings: $250 per month'),
    ).toBeInTheDocument();
    const rows = within(
      screen.getByRole('table', { name: 'Recommendations' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Downsize db-01');
    expect(rows[1]).toHaveTextContent('$200');
    expect(rows[2]).toHaveTextContent('Buy a 1-year savings plan');
    expect(
      screen.getByText(/35.5 kg CO₂e and 120 kWh per month/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'No post-migration utilization yet: rightsizing uses the source data',
      ),
    ).toBeInTheDocument();
  });

  it('shows the support configuration and the code generated from it', async () => {
    const api = setup([makeArtifact('support.json', 'application/json')]);
    api.putJson('mig-1', 'support.json', sampleSupport);
    await openTab(api, 'Support');

    const alerts = await screen.findByRole('table', { name: 'Alerts' });
    expect(within(alerts).getByText('cpu > 90 for 10 min')).toBeInTheDocument();
    expect(
      screen.getByText('0 3 * * * (UTC), kept 30 days'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('backstage: group:default/team-webshop'),
    ).toBeInTheDocument();
    expect(screen.getByText('Prometheus alerting rules')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Memory alarms need the CloudWatch agent on each instance',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(document.body.textContent).toContain(
        'aws_cloudwatch_metric_alarm',
      ),
    );
  });

  it('follows a transfer live: a changed artifact is fetched again', async () => {
    const api = setup([
      makeArtifact('transfer.json', 'application/json', { sha256: 'first' }),
    ]);
    api.putJson('mig-1', 'transfer.json', sampleTransfer(1));
    const signals = new FakeSignalApi();
    await renderPage(<Router />, { api, signals, path: '/migrations/mig-1' });
    await userEvent.click(await screen.findByRole('tab', { name: 'Transfer' }));

    expect(await screen.findByText(/1.0 GB of 4.0 GB/)).toBeInTheDocument();
    expect(screen.getByText(/31 s left/)).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Transferred 25%' }),
    ).toBeInTheDocument();

    api.putJson('mig-1', 'transfer.json', sampleTransfer(3));
    api.statuses.get('mig-1')!.artifacts = [
      makeArtifact('transfer.json', 'application/json', { sha256: 'second' }),
    ];
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'artifact',
      artifact: 'transfer.json',
    });

    expect(await screen.findByText(/3.0 GB of 4.0 GB/)).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'web-01-disk0: 75%' }),
    ).toBeInTheDocument();
    expect(api.getArtifact).toHaveBeenCalledTimes(2);
  });

  it('renders the final report', async () => {
    const api = setup([makeArtifact('report.md', 'text/markdown')]);
    api.artifacts.set(
      'mig-1/report.md',
      new Blob([
        '# Migration report\n\n| Phase | Status |\n|---|---|\n| build | succeeded |\n',
      ]),
    );
    await openTab(api, 'Report');

    expect(
      await screen.findByRole('heading', { name: 'Migration report' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'succeeded' })).toBeInTheDocument();
  });

  it('lists every artifact, previews one on demand and downloads it', async () => {
    const api = setup([
      makeArtifact('plan-entities.json', 'application/json', { size: 2048 }),
      makeArtifact('assessment.md', 'text/markdown'),
    ]);
    api.putJson('mig-1', 'plan-entities.json', {
      entities: ['resource:default/web-01'],
    });
    api.artifacts.set(
      'mig-1/assessment.md',
      new Blob(['# Assessment\n\nTwo waves.'], { type: 'text/markdown' }),
    );
    await openTab(api, 'All artifacts (2)');

    expect(api.getArtifact).not.toHaveBeenCalled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Preview assessment.md' }),
    );
    expect(
      await screen.findByRole('heading', { name: 'Assessment' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Two waves.')).toBeInTheDocument();

    const createObjectURL = jest.fn(() => 'blob:artifact');
    const revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function assertDownload(this: HTMLAnchorElement) {
        expect(this.download).toBe('plan-entities.json');
        expect(this.href).toBe('blob:artifact');
      });
    Object.assign(URL, { createObjectURL, revokeObjectURL });

    await userEvent.click(
      screen.getByRole('button', { name: 'Preview plan-entities.json' }),
    );
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Download plan-entities.json',
      }),
    );

    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    expect(api.getArtifact).toHaveBeenCalledWith('mig-1', 'plan-entities.json');
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
    await waitFor(() =>
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:artifact'),
    );
    click.mockRestore();
  });
});
