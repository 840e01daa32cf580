import { screen, waitFor } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { NotFoundError } from '@backstage/errors';
import {
  MIGRATION_SIGNAL_CHANNEL,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import { FakeSignalApi } from '../../__testUtils__/FakeSignalApi';
import { makeMigration } from '../../__testUtils__/fixtures';
import { receivedAlert } from '../../__testUtils__/alertFixtures';
import {
  renderPage,
  type RenderPageOptions,
} from '../../__testUtils__/renderPage';
import { EntityMigrationCard } from './EntityMigrationCard';

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'web-01', namespace: 'default' },
  spec: { type: 'virtual-machine', owner: 'team-webshop' },
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', namespace: 'default' },
  spec: { owner: 'team-webshop' },
  relations: [
    { type: 'hasPart', targetRef: 'resource:default/web-01' },
    { type: 'hasPart', targetRef: 'resource:default/db-01' },
    { type: 'ownedBy', targetRef: 'group:default/team-webshop' },
  ],
};

function render(entity: Entity, options: Omit<RenderPageOptions, 'path'>) {
  return renderPage(
    <EntityProvider entity={entity}>
      <EntityMigrationCard />
    </EntityProvider>,
    { ...options, path: '/catalog/default/resource/web-01' },
  );
}

/** An entity presentation API that knows the catalog titles of a few entities. */
function presentationApi(titles: Record<string, string>) {
  return {
    forEntity: (ref: string) => {
      const snapshot = {
        entityRef: ref,
        primaryTitle: titles[ref] ?? ref.split('/').pop()!,
      };
      return { snapshot, promise: Promise.resolve(snapshot) };
    },
  };
}

describe('EntityMigrationCard', () => {
  it('says the entity is migrated as part of its system, with the wave and the resolved count', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [
      {
        ...makeMigration({ entityRefs: ['system:default/web-shop'] }),
        resourceCount: 13,
        involvement: {
          via: 'system',
          viaRef: 'system:default/web-shop',
          wave: 2,
        },
      } as Migration,
    ];
    await render(resource, {
      api,
      extraApis: [
        [
          entityPresentationApiRef,
          presentationApi({ 'system:default/web-shop': 'Web Shop' }),
        ],
      ],
    });

    expect(
      await screen.findByText('Migrated as part of Web Shop, wave 2'),
    ).toBeInTheDocument();
    expect(screen.getByText(/13 resources/)).toBeInTheDocument();
    expect(
      screen.queryByText('No migration touches this entity'),
    ).not.toBeInTheDocument();
  });

  it('humanizes the ref when the catalog has no title, and falls back to the requested count', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [
      {
        ...makeMigration(),
        involvement: { via: 'group', viaRef: 'group:default/team-webshop' },
      } as Migration,
    ];
    await render(resource, { api });

    expect(
      await screen.findByText('Migrated as part of Team webshop'),
    ).toBeInTheDocument();
    // No resourceCount from this backend: the two requested entities.
    expect(screen.getByText(/2 resources/)).toBeInTheDocument();
  });

  it("shows the alerts firing for the entity's parts in the current migration", async () => {
    const api = new FakeMigrationApi();
    api.migrations = [makeMigration({ id: 'mig-1', currentPhase: 'support' })];
    api.alerts.set('mig-1', [
      receivedAlert({
        resource: {
          id: 'vm-web',
          name: 'web-01',
          entityRef: 'resource:default/web-01',
        },
      }),
      receivedAlert({
        fingerprint: 'c0ffee0000000002',
        status: 'resolved',
        alertname: 'HighCpu',
        resource: {
          id: 'vm-db',
          name: 'db-01',
          entityRef: 'resource:default/db-01',
        },
      }),
      receivedAlert({
        fingerprint: 'c0ffee0000000003',
        alertname: 'Unlinked',
        instance: '10.9.9.9',
      }),
    ]);
    await render(system, { api });

    const group = await screen.findByRole('group', { name: 'Firing alerts' });
    expect(group).toHaveTextContent('1 alert firing');
    expect(group).toHaveTextContent('InstanceDown (critical): Target is down');
    expect(screen.getByText('web-01')).toBeInTheDocument();
    expect(screen.queryByText(/HighCpu/)).not.toBeInTheDocument();
    expect(screen.queryByText(/Unlinked/)).not.toBeInTheDocument();
    expect(api.getMonitoring).toHaveBeenCalledWith('mig-1');
  });

  it('shows the active migration touching the entity, before finished ones', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [
      makeMigration({
        id: 'old',
        title: 'First attempt',
        status: 'cancelled',
        updatedAt: '2025-03-02T00:00:00.000Z',
      }),
      makeMigration({
        id: 'mig-1',
        currentPhase: 'transfer',
        progress: 5.5 / 9,
      }),
    ];
    await render(resource, { api });

    const link = await screen.findByRole('link', { name: 'Webshop to AWS' });
    expect(
      screen.getByRole('heading', { level: 2, name: 'Migration' }),
    ).toBeInTheDocument();
    expect(link).toHaveAttribute('href', '/migrations/mig-1');
    expect(screen.getByText('Running')).toBeInTheDocument();
    expect(screen.getByText(/Phase: Transfer/)).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '61',
    );
    expect(
      screen.getByText(/1 other migration touches this entity/),
    ).toBeInTheDocument();
    expect(api.listMigrations).toHaveBeenCalledWith({
      entityRef: ['resource:default/web-01'],
      limit: 500,
    });
  });

  it('includes the parts of a system', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [
      makeMigration({
        entityRefs: ['resource:default/db-01'],
        title: 'Database move',
      }),
    ];
    await render(system, { api });

    expect(
      await screen.findByRole('link', { name: 'Database move' }),
    ).toBeInTheDocument();
    expect(api.listMigrations.mock.calls.map(c => c[0]!.entityRef)).toEqual([
      [
        'system:default/webshop',
        'resource:default/web-01',
        'resource:default/db-01',
      ],
    ]);
  });

  it('offers to request a migration when none touches the entity', async () => {
    await render(resource, { api: new FakeMigrationApi() });

    expect(
      await screen.findByText('No migration touches this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request a migration' }),
    ).toHaveAttribute('href', '/create/templates/default/request-a-migration');
  });

  it('shows an error panel when the backend fails', async () => {
    const api = new FakeMigrationApi();
    api.failWith = new NotFoundError('migration backend is not installed');
    await render(resource, { api });

    expect(
      await screen.findByText('migration backend is not installed'),
    ).toBeInTheDocument();
  });

  it('updates when a signal names a migration it shows', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [makeMigration()];
    const signals = new FakeSignalApi();
    await render(resource, { api, signals });
    await screen.findByText('Running');

    api.migrations = [
      makeMigration({ status: 'awaiting_approval', currentPhase: 'build' }),
    ];
    signals.publish(MIGRATION_SIGNAL_CHANNEL, {
      migrationId: 'mig-1',
      type: 'phase',
      phase: 'build',
    });

    expect(await screen.findByText('Awaiting approval')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByText(/Phase: Build/)).toBeInTheDocument(),
    );
  });
});
