import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import { makeMigration } from '../../__testUtils__/fixtures';
import { renderPage } from '../../__testUtils__/renderPage';
import { EntityMigrationContent } from './EntityMigrationContent';

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', title: 'Webshop', namespace: 'default' },
  spec: { owner: 'team-webshop' },
  relations: [{ type: 'hasPart', targetRef: 'resource:default/db-01' }],
};

describe('EntityMigrationContent', () => {
  it('lists every migration of the entity and its parts once, active first', async () => {
    const api = new FakeMigrationApi();
    api.migrations = [
      makeMigration({
        id: 'done',
        title: 'Done earlier',
        status: 'completed',
        entityRefs: ['system:default/webshop', 'resource:default/db-01'],
        updatedAt: '2025-03-05T00:00:00.000Z',
      }),
      makeMigration({
        id: 'live',
        title: 'Database move',
        entityRefs: ['resource:default/db-01'],
      }),
      makeMigration({
        id: 'other',
        title: 'Unrelated',
        entityRefs: ['resource:default/x'],
      }),
    ];
    await renderPage(
      <EntityProvider entity={system}>
        <EntityMigrationContent />
      </EntityProvider>,
      { api, path: '/catalog/default/system/webshop/migrations' },
    );

    expect(
      await screen.findByText('Migrations of Webshop'),
    ).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['Database move', 'Done earlier']);
  });

  it('explains the empty state with a request link', async () => {
    await renderPage(
      <EntityProvider entity={system}>
        <EntityMigrationContent />
      </EntityProvider>,
      {
        api: new FakeMigrationApi(),
        path: '/catalog/default/system/webshop/migrations',
      },
    );

    expect(
      await screen.findByText('No migration touches this entity or its parts'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Request a migration' }),
    ).toBeInTheDocument();
  });
});
