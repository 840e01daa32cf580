import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type MigrationStatusResponse,
} from '@sirsi-nexus/plugin-migration-common';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import {
  makeEvent,
  makeMigration,
  makePhases,
  makeTask,
} from '../../__testUtils__/fixtures';
import {
  createFakeAlertApi,
  renderPage,
  type RenderPageOptions,
} from '../../__testUtils__/renderPage';
import { Router } from '../Router';

const PATH = '/migrations/mig-1';

function runningStatus(): MigrationStatusResponse {
  return {
    migration: makeMigration(),
    phases: makePhases('plan'),
    artifacts: [],
  };
}

function awaitingApprovalStatus(): MigrationStatusResponse {
  return {
    migration: makeMigration({
      status: 'awaiting_approval',
      currentPhase: 'build',
      progress: 4 / 9,
    }),
    phases: makePhases('build', [], 'awaiting_approval', {
      approval: {
        migrationId: 'mig-1',
        phase: 'build',
        status: 'pending',
        requestedAt: '2025-03-01T11:00:00.000Z',
      },
    }),
    artifacts: [],
  };
}

function setup(status: MigrationStatusResponse = runningStatus()) {
  const api = new FakeMigrationApi();
  api.statuses.set('mig-1', status);
  api.events.set('mig-1', [
    makeEvent(1),
    makeEvent(2, {
      action: 'phase.started',
      phase: 'plan',
      actor: 'plugin:migration',
    }),
  ]);
  return api;
}

async function render(
  api: FakeMigrationApi,
  options: Partial<RenderPageOptions> = {},
) {
  const result = await renderPage(<Router />, { api, path: PATH, ...options });
  await screen.findByRole('heading', { level: 1, name: 'Webshop to AWS' });
  return result;
}

describe('MigrationDetailPage', () => {
  it('shows the header, the nine phases and the current phase with its tasks', async () => {
    await render(setup());

    expect(screen.getByText('dc1 → AWS eu-west-1')).toBeInTheDocument();
    const steps = within(
      screen.getByLabelText('Migration phases'),
    ).getAllByRole('button');
    expect(steps.map(s => s.textContent)).toEqual([
      expect.stringContaining('Environment'),
      expect.stringContaining('Plan'),
      expect.stringContaining('Specify'),
      expect.stringContaining('Test'),
      expect.stringContaining('Build'),
      expect.stringContaining('Transfer'),
      expect.stringContaining('Validate'),
      expect.stringContaining('Optimize'),
      expect.stringContaining('Support'),
    ]);
    expect(steps[1]).toHaveAttribute('aria-current', 'step');
    expect(steps[4]).toHaveTextContent('Needs approval');

    const tasks = screen.getByRole('list', { name: 'Tasks' });
    expect(
      within(tasks).getByText('Snapshot the selected entities'),
    ).toBeInTheDocument();
    expect(within(tasks).getByText('Read 2 of 5 entities')).toBeInTheDocument();
    expect(
      within(tasks).getByRole('progressbar', {
        name: 'Snapshot the selected entities: 40%',
      }),
    ).toHaveAttribute('aria-valuenow', '40');
  });

  it('shows another phase when its step is selected', async () => {
    await render(setup());

    await userEvent.click(screen.getByRole('button', { name: /Environment/ }));

    expect(
      screen.getByRole('heading', { level: 3, name: 'Environment' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Built-in environment')).toBeInTheDocument();
    expect(screen.queryByText('Snapshot the selected entities')).toBeNull();
  });

  it('pauses a running migration and says so', async () => {
    const api = setup();
    const alertApi = createFakeAlertApi();
    await render(api, { alertApi });

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));

    expect(api.controlMigration).toHaveBeenCalledWith('mig-1', 'pause', {});
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({ severity: 'success' }),
    );
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull();
  });

  it('asks before cancelling and records the reason', async () => {
    const api = setup();
    await render(api);

    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const dialog = screen.getByRole('dialog');
    expect(api.controlMigration).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByLabelText(/Reason/));
    await userEvent.paste('Change freeze');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    expect(api.controlMigration).toHaveBeenCalledWith('mig-1', 'cancel', {
      reason: 'Change freeze',
    });
  });

  it('shows the reason when the engine refuses a control', async () => {
    const api = setup();
    api.controlMigration.mockRejectedValueOnce(
      new Error('Cannot pause a migration that is not running'),
    );
    const alertApi = createFakeAlertApi();
    await render(api, { alertApi });

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }));

    expect(alertApi.post).toHaveBeenCalledWith({
      message:
        'Could not pause the migration: Cannot pause a migration that is not running',
      severity: 'error',
    });
  });

  it('offers only the controls the status allows', async () => {
    const status = runningStatus();
    status.migration.status = 'completed';
    status.migration.currentPhase = 'support';
    status.migration.statusReason = undefined;
    await render(setup(status));

    expect(
      screen.getByRole('button', { name: 'Roll back' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });

  it('hides the controls and retry from users without migration.execute', async () => {
    const status = awaitingApprovalStatus();
    status.phases[4].tasks = [
      makeTask({
        id: 't-b',
        phase: 'build',
        status: 'failed',
        error: 'quota exceeded',
      }),
    ];
    await render(setup(status), {
      permissions: ['migration.read', 'migration.approve'],
    });

    // The approve button proves permissions have been evaluated.
    await screen.findByRole('button', { name: 'Approve' });
    expect(screen.getByText('quota exceeded')).toBeInTheDocument();
    // usePermission serves cached answers first, then revalidates.
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull(),
    );
    expect(screen.queryByRole('button', { name: /Retry/ })).toBeNull();
  });

  it('retries a failed task', async () => {
    const status = runningStatus();
    status.migration.status = 'failed';
    status.migration.statusReason = 'Task Snapshot failed after 3 attempts';
    status.phases[1].status = 'failed';
    status.phases[1].tasks = [
      makeTask({ status: 'failed', attempts: 3, error: 'catalog unreachable' }),
    ];
    const api = setup(status);
    await render(api);

    expect(
      screen.getByText('Task Snapshot failed after 3 attempts'),
    ).toBeInTheDocument();
    expect(screen.getByText(/attempt 3 of 3/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Retry Snapshot the selected entities',
      }),
    );

    expect(api.retryTask).toHaveBeenCalledWith('mig-1', 'task-1');
  });

  it('approves a gated phase with the required comment', async () => {
    const api = setup(awaitingApprovalStatus());
    await render(api);

    expect(screen.getByText(/Waiting for approval since/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Approve' }));
    const dialog = screen.getByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Approve' });
    expect(submit).toBeDisabled();

    await userEvent.click(within(dialog).getByLabelText(/Comment/));
    await userEvent.paste('  Plan reviewed  ');
    await userEvent.click(submit);

    expect(api.decideApproval).toHaveBeenCalledWith('mig-1', 'build', {
      decision: 'approve',
      comment: 'Plan reviewed',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows who decided an approval and why', async () => {
    const status = runningStatus();
    status.migration.currentPhase = 'build';
    status.phases = makePhases(
      'build',
      [makeTask({ phase: 'build' })],
      'running',
      {
        approval: {
          migrationId: 'mig-1',
          phase: 'build',
          status: 'approved',
          requestedAt: '2025-03-01T11:00:00.000Z',
          decidedBy: 'user:default/carol',
          decidedAt: '2025-03-01T11:30:00.000Z',
          comment: 'Window agreed with the business',
        },
      },
    );
    await render(setup(status));

    expect(screen.getByText('Approved')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'carol' })).toBeInTheDocument();
    expect(
      screen.getByText('Window agreed with the business'),
    ).toBeInTheDocument();
  });

  it('tells the requester that someone else has to approve', async () => {
    await render(setup(awaitingApprovalStatus()), {
      userEntityRef: 'user:default/alice',
    });

    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled(),
    );
    expect(screen.getByRole('button', { name: 'Reject' })).toBeDisabled();
    expect(
      screen.getByText(
        'You requested this migration, so someone else has to decide.',
      ),
    ).toBeInTheDocument();
  });

  it('updates live when a signal names this migration, and ignores others', async () => {
    const api = setup();
    const signals = new FakeSignalApi();
    await render(api, { signals });
    const callsBefore = api.getMigrationStatus.mock.calls.length;

    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-other',
      type: 'task',
      progress: 0.5,
    });
    await new Promise(r => setTimeout(r, 400));
    expect(api.getMigrationStatus.mock.calls.length).toBe(callsBefore);

    const next = runningStatus();
    next.phases[1].tasks = [
      makeTask({ progress: 0.9, message: 'Read 5 of 5 entities' }),
    ];
    api.statuses.set('mig-1', next);
    api.events.set('mig-1', [
      ...api.events.get('mig-1')!,
      makeEvent(3, { action: 'task.progress', phase: 'plan' }),
    ]);
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'task',
      taskId: 'task-1',
      progress: 0.9,
    });

    expect(await screen.findByText('Read 5 of 5 entities')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', {
        name: 'Snapshot the selected entities: 90%',
      }),
    ).toBeInTheDocument();
    // Only events after the last one seen are fetched on refresh.
    expect(api.listEvents).toHaveBeenLastCalledWith('mig-1', {
      after: 2,
      limit: 1000,
    });
  });

  it('says "Pausing…" until the running tasks have stopped, then "Paused"', async () => {
    const api = setup();
    const signals = new FakeSignalApi();
    api.statuses.set('mig-1', {
      ...runningStatus(),
      migration: makeMigration({ status: 'paused', pausing: true }),
    });
    await render(api, { signals });
    expect(await screen.findByText('Pausing…')).toBeInTheDocument();

    api.statuses.set('mig-1', {
      ...runningStatus(),
      migration: makeMigration({ status: 'paused' }),
    });
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'task',
      taskId: 'task-1',
      taskStatus: 'ready',
    });
    expect(await screen.findByText('Paused')).toBeInTheDocument();
    expect(screen.queryByText('Pausing…')).not.toBeInTheDocument();
  });

  it('shows the audit trail newest first', async () => {
    await render(setup());

    await userEvent.click(screen.getByRole('tab', { name: 'Audit trail' }));

    const items = within(
      screen.getByRole('list', { name: 'Audit trail' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent(
      'Phase started · Plan by plugin:migration',
    );
    expect(items[1]).toHaveTextContent('Migration created by alice');
  });

  it('explains an unknown migration instead of a blank page', async () => {
    const api = new FakeMigrationApi();
    await renderPage(<Router />, { api, path: '/migrations/nope' });

    expect(
      await screen.findByText(/Could not load the migration/),
    ).toBeInTheDocument();
    expect(screen.getByText('No migration with id nope')).toBeInTheDocument();
  });
});
