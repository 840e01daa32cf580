import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { NotAllowedError } from '@backstage/errors';
import { MIGRATION_SIGNAL_CHANNEL } from '@sirsi-nexus/plugin-migration-common';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import { makeMigration } from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { Router } from '../Router';

function setup() {
  const api = new FakeMigrationApi();
  api.migrations = [
    makeMigration(),
    makeMigration({
      id: 'mig-2',
      title: 'Billing to Azure',
      status: 'awaiting_approval',
      sourceEnvironmentId: 'dc2',
      target: { provider: 'azure', region: 'westeurope' },
      owner: 'group:default/team-billing',
      currentPhase: 'build',
      progress: 4 / 9,
    }),
  ];
  // The backend lists only the gates the user may decide.
  api.approvals = [
    {
      migrationId: 'mig-2',
      phase: 'build',
      status: 'pending',
      requestedAt: '2025-03-01T11:00:00.000Z',
      migration: api.migrations[1],
    },
  ];
  return api;
}

describe('MigrationListPage', () => {
  it('shows each migration with source → target, owner, status, phase and progress', async () => {
    const api = setup();
    await renderPage(<Router />, { api });

    const row = (await screen.findByText('Webshop to AWS')).closest('tr')!;
    expect(within(row).getByText('dc1 → AWS eu-west-1')).toBeInTheDocument();
    expect(within(row).getByText('team-webshop')).toBeInTheDocument();
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(within(row).getByText('Plan')).toBeInTheDocument();
    expect(within(row).getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '15',
    );
    expect(
      within(row).getByRole('link', { name: 'Webshop to AWS' }),
    ).toHaveAttribute('href', '/migrations/mig-1');

    const other = screen.getByText('Billing to Azure').closest('tr')!;
    expect(within(other).getByText('Awaiting approval')).toBeInTheDocument();
    expect(
      within(other).getByText('dc2 → AZURE westeurope'),
    ).toBeInTheDocument();
  });

  it('links "Request a migration" to the template and the inbox for approvers', async () => {
    await renderPage(<Router />, { api: setup() });

    // LinkButtons are anchors with the button role.
    expect(
      await screen.findByRole('button', { name: 'Request a migration' }),
    ).toHaveAttribute('href', '/create/templates/default/request-a-migration');
    expect(
      screen.getByRole('button', { name: 'Approvals inbox' }),
    ).toHaveAttribute('href', '/migrations/approvals');
  });

  it('hides the inbox link when no gate waits for the user', async () => {
    const api = setup();
    api.approvals = [];
    await renderPage(<Router />, {
      api,
      permissions: ['migration.read', 'migration.create'],
    });

    // The request button proves permissions have been evaluated.
    await screen.findByRole('button', { name: 'Request a migration' });
    // usePermission serves cached answers first, then revalidates.
    await waitFor(() =>
      expect(screen.queryByText('Approvals inbox')).toBeNull(),
    );
  });

  it('hides "Request a migration" from users who may not create migrations', async () => {
    await renderPage(<Router />, {
      api: setup(),
      permissions: ['migration.read', 'migration.approve'],
    });

    await screen.findByRole('button', { name: 'Approvals inbox' });
    await waitFor(() =>
      expect(screen.queryByText('Request a migration')).toBeNull(),
    );
  });

  it('filters by status and owner through the API and keeps the filters in the URL', async () => {
    const api = setup();
    await renderPage(<Router />, { api });
    await screen.findByText('Webshop to AWS');

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('Awaiting approval'),
    );
    await userEvent.keyboard('{Escape}');

    await waitFor(() =>
      expect(api.listMigrations).toHaveBeenLastCalledWith(
        expect.objectContaining({ status: ['awaiting_approval'] }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('Webshop to AWS')).toBeNull(),
    );
    expect(screen.getByText('Billing to Azure')).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Clear filters' }),
    );
    await screen.findByText('Webshop to AWS');

    await userEvent.click(screen.getByLabelText('Owner'));
    await userEvent.click(
      within(screen.getByRole('listbox')).getByText('team-webshop'),
    );
    await waitFor(() =>
      expect(api.listMigrations).toHaveBeenLastCalledWith(
        expect.objectContaining({ owner: 'group:default/team-webshop' }),
      ),
    );
    await waitFor(() =>
      expect(screen.queryByText('Billing to Azure')).toBeNull(),
    );
  });

  it('starts with the filters from the URL', async () => {
    const api = setup();
    await renderPage(<Router />, {
      api,
      path: '/migrations?status=running&owner=group%3Adefault%2Fteam-webshop',
    });

    await screen.findByText('Webshop to AWS');
    expect(api.listMigrations).toHaveBeenCalledWith({
      status: ['running'],
      owner: 'group:default/team-webshop',
      limit: 500,
    });
  });

  it('explains an empty list and offers to request a migration', async () => {
    const api = new FakeMigrationApi();
    await renderPage(<Router />, { api });

    expect(await screen.findByText('No migrations yet')).toBeInTheDocument();
    const links = screen.getAllByRole('button', {
      name: 'Request a migration',
    });
    expect(links).toHaveLength(2);
    links.forEach(link =>
      expect(link).toHaveAttribute(
        'href',
        '/create/templates/default/request-a-migration',
      ),
    );
  });

  it("shows the backend's error instead of a blank page", async () => {
    const api = setup();
    api.failWith = new NotAllowedError('You may not read migrations');
    await renderPage(<Router />, { api });

    expect(
      await screen.findByText(/Could not load migrations/),
    ).toBeInTheDocument();
    expect(screen.getByText('You may not read migrations')).toBeInTheDocument();
  });

  it('re-renders when a signal says a migration changed', async () => {
    const api = setup();
    const signals = new FakeSignalApi();
    await renderPage(<Router />, { api, signals });
    const row = (await screen.findByText('Webshop to AWS')).closest('tr')!;
    expect(within(row).getByText('Running')).toBeInTheDocument();
    expect(signals.listeners(MIGRATION_SIGNAL_CHANNEL)).toBe(1);

    api.migrations[0] = { ...api.migrations[0], status: 'paused' };
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'migration',
      status: 'paused',
    });

    await waitFor(() =>
      expect(
        within(screen.getByText('Webshop to AWS').closest('tr')!).getByText(
          'Paused',
        ),
      ).toBeInTheDocument(),
    );
  });
});
