import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConflictError } from '@backstage/errors';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type PendingApproval,
} from '@sirsi-nexus/plugin-migration-common';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import {
  makeArtifact,
  makeMigration,
  makePhases,
} from '../../__testUtils__/fixtures';
import {
  sampleAssessment,
  sampleIacReport,
} from '../../__testUtils__/artifactFixtures';
import {
  createFakeAlertApi,
  renderPage,
  type RenderPageOptions,
} from '../../__testUtils__/renderPage';
import { Router } from '../Router';

function pending(id: string, title: string): PendingApproval {
  const migration = makeMigration({
    id,
    title,
    status: 'awaiting_approval',
    currentPhase: 'build',
  });
  return {
    migrationId: id,
    phase: 'build',
    status: 'pending',
    requestedAt: '2025-03-01T11:00:00.000Z',
    migration,
  };
}

function setup() {
  const api = new FakeMigrationApi();
  api.approvals = [
    pending('mig-1', 'Webshop to AWS'),
    pending('mig-2', 'Billing to AWS'),
  ];
  for (const approval of api.approvals) {
    api.statuses.set(approval.migrationId, {
      migration: approval.migration,
      phases: makePhases('build', [], 'awaiting_approval'),
      artifacts:
        approval.migrationId === 'mig-1'
          ? [
              makeArtifact('assessment.json', 'application/json'),
              makeArtifact('iac-report.json', 'application/json'),
            ]
          : [],
    });
  }
  api.putJson('mig-1', 'assessment.json', sampleAssessment);
  api.putJson('mig-1', 'iac-report.json', sampleIacReport);
  return api;
}

async function render(
  api: FakeMigrationApi,
  options: Partial<RenderPageOptions> = {},
) {
  return renderPage(<Router />, {
    api,
    path: '/migrations/approvals',
    ...options,
  });
}

function card(title: string): HTMLElement {
  return screen.getByRole('article', { name: `${title}: build` });
}

describe('ApprovalsPage', () => {
  it('shows pending gates with the plan summary an approver needs', async () => {
    await render(setup());

    await screen.findByRole('article', { name: 'Webshop to AWS: build' });
    const first = card('Webshop to AWS');
    expect(
      within(first).getByRole('link', { name: 'Webshop to AWS' }),
    ).toHaveAttribute('href', '/migrations/mig-1');
    expect(
      within(first).getByText(/Build phase · waiting since/),
    ).toBeInTheDocument();
    expect(
      within(first).getByText('Datacenter lease ends'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(within(first).getByText('$1,521')).toBeInTheDocument(),
    );
    expect(within(first).getByText('72 / 100 (high)')).toBeInTheDocument();
    expect(within(first).getByText('2 (2 resources)')).toBeInTheDocument();
    expect(within(first).getByText('1 passed')).toBeInTheDocument();
    expect(within(first).getByText('1 failed')).toBeInTheDocument();

    const second = card('Billing to AWS');
    await waitFor(() =>
      expect(within(second).getByText('not produced yet')).toBeInTheDocument(),
    );
    expect(within(second).getByText('no report yet')).toBeInTheDocument();
  });

  it('approves with the required comment and removes the card', async () => {
    const api = setup();
    const alertApi = createFakeAlertApi();
    await render(api, { alertApi });
    await screen.findByRole('article', { name: 'Webshop to AWS: build' });

    await userEvent.click(
      within(card('Webshop to AWS')).getByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Approve' });
    expect(submit).toBeDisabled();
    await userEvent.click(within(dialog).getByLabelText(/Comment/));
    await userEvent.paste('Costs and risks reviewed');
    await userEvent.click(submit);

    expect(api.decideApproval).toHaveBeenCalledWith('mig-1', 'build', {
      decision: 'approve',
      comment: 'Costs and risks reviewed',
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('article', { name: 'Webshop to AWS: build' }),
      ).toBeNull(),
    );
    expect(card('Billing to AWS')).toBeInTheDocument();
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: 'Approved the Build phase of “Webshop to AWS”',
        severity: 'success',
      }),
    );
  });

  it('rejects with a comment', async () => {
    const api = setup();
    await render(api);
    await screen.findByRole('article', { name: 'Billing to AWS: build' });

    await userEvent.click(
      within(card('Billing to AWS')).getByRole('button', { name: 'Reject' }),
    );
    const dialog = screen.getByRole('dialog');
    expect(dialog).toHaveTextContent('The migration stops as failed');
    await userEvent.click(within(dialog).getByLabelText(/Comment/));
    await userEvent.paste('No rollback plan');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Reject' }),
    );

    expect(api.decideApproval).toHaveBeenCalledWith('mig-2', 'build', {
      decision: 'reject',
      comment: 'No rollback plan',
    });
  });

  it('does not accept a comment of only spaces', async () => {
    const api = setup();
    await render(api);
    await screen.findByRole('article', { name: 'Webshop to AWS: build' });

    await userEvent.click(
      within(card('Webshop to AWS')).getByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText(/Comment/));
    await userEvent.paste('   ');
    await userEvent.tab();

    expect(
      within(dialog).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByText(/A comment is required/),
    ).toBeInTheDocument();
    expect(api.decideApproval).not.toHaveBeenCalled();
  });

  it("keeps the dialog open with the engine's reason when the decision is refused", async () => {
    const api = setup();
    api.decideApproval.mockRejectedValueOnce(
      new ConflictError('The build phase of mig-1 was already decided'),
    );
    await render(api);
    await screen.findByRole('article', { name: 'Webshop to AWS: build' });

    await userEvent.click(
      within(card('Webshop to AWS')).getByRole('button', { name: 'Approve' }),
    );
    const dialog = screen.getByRole('dialog');
    await userEvent.click(within(dialog).getByLabelText(/Comment/));
    await userEvent.paste('ok');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Approve' }),
    );

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'The build phase of mig-1 was already decided',
    );
    // The dialog hides the page from the accessibility tree while it is open.
    expect(
      screen.getByRole('article', {
        name: 'Webshop to AWS: build',
        hidden: true,
      }),
    ).toBeInTheDocument();
  });

  it('lets requesters see but not decide their own migrations', async () => {
    await render(setup(), { userEntityRef: 'user:default/alice' });
    await screen.findByRole('article', { name: 'Webshop to AWS: build' });

    await waitFor(() =>
      expect(
        within(card('Webshop to AWS')).getByRole('button', { name: 'Approve' }),
      ).toBeDisabled(),
    );
  });

  it('shows a non-approver the gates with the decision buttons disabled and why', async () => {
    // migration.approve is decided per migration: the page asks it for each card's migration.
    const api = setup();
    await render(api, { permissions: ['migration.read'] });

    await screen.findByRole('article', { name: 'Webshop to AWS: build' });
    const first = card('Webshop to AWS');
    await waitFor(() =>
      expect(
        within(first).getByText(
          'Deciding this gate is for platform teams (migration.approve).',
        ),
      ).toBeInTheDocument(),
    );
    expect(
      within(first).getByRole('button', { name: 'Approve' }),
    ).toBeDisabled();
    expect(
      within(first).getByRole('button', { name: 'Reject' }),
    ).toBeDisabled();
  });

  it('counts resolved resources on each card, not requested entities', async () => {
    const api = setup();
    api.approvals[0].migration = {
      ...api.approvals[0].migration,
      entityRefs: ['system:default/web-shop'],
      resourceCount: 13,
    };
    await render(api);

    await screen.findByRole('article', { name: 'Webshop to AWS: build' });
    expect(
      within(card('Webshop to AWS')).getByText(
        /dc1 → AWS eu-west-1 · 13 resources ·/,
      ),
    ).toBeInTheDocument();
  });

  it('says when nothing is waiting', async () => {
    const api = new FakeMigrationApi();
    await render(api);

    expect(
      await screen.findByText('Nothing waits for your decision'),
    ).toBeInTheDocument();
  });

  it('picks up a new gate when a signal announces it', async () => {
    const api = setup();
    api.approvals = [];
    const signals = new FakeSignalApi();
    await render(api, { signals });
    await screen.findByText('Nothing waits for your decision');

    api.approvals = [pending('mig-1', 'Webshop to AWS')];
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'approval',
      phase: 'build',
    });

    expect(
      await screen.findByRole('article', { name: 'Webshop to AWS: build' }),
    ).toBeInTheDocument();
  });
});
