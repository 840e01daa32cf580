import { screen, within } from '@testing-library/react';
import type { Entity } from '@backstage/catalog-model';
import {
  coreExtensionData,
  type ExtensionDefinition,
} from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import migrationPlugin, {
  entityMigrationCard,
  entityMigrationContent,
  migrationsPage,
} from './alpha';
import { migrationApiRef } from './api';
import { rootRouteRef } from './routes';
import { FakeMigrationApi } from './__testUtils__/FakeMigrationApi';
import { makeMigration } from './__testUtils__/fixtures';

const resource: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: { name: 'dc1-shop-web-01', namespace: 'default' },
  spec: { type: 'virtual-machine', owner: 'team-webshop' },
};

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'alice', namespace: 'default' },
  spec: {},
};

function fakeApi() {
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
    },
  ];
  return api;
}

function apis(api: FakeMigrationApi) {
  return [
    [migrationApiRef, api],
    [
      permissionApiRef,
      mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
    ],
  ] as const;
}

/** Where the catalog plugin would mount entity pages, for the entity links. */
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

/** Renders an extension's element on an entity's page in a new-frontend-system test app. */
async function renderOnEntityPage(
  extension: ExtensionDefinition<any>,
  entity: Entity,
  api: FakeMigrationApi,
) {
  const tester = createExtensionTester(extension);
  return renderInTestApp(
    <EntityProvider entity={entity}>{tester.reactElement()}</EntityProvider>,
    // The migrations page is mounted too, so the card links to migrations.
    {
      apis: apis(api),
      mountedRoutes: { ...mountedRoutes, '/migrations': rootRouteRef },
    },
  );
}

describe('the /alpha plugin for the new frontend system', () => {
  it('is the migration plugin', () => {
    expect(migrationPlugin.pluginId).toBe('migration');
  });

  it('renders the migrations page at /migrations in a new-system app', async () => {
    await renderTestApp({
      features: [migrationPlugin],
      initialRouteEntries: ['/migrations'],
      apis: apis(fakeApi()),
      mountedRoutes,
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Migrations' }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Webshop to AWS')).toBeInTheDocument();
    // The page's title and icon are the app's nav item.
    const nav = screen.getByRole('navigation', { name: 'sidebar nav' });
    expect(
      within(nav).getByRole('link', { name: /Migrations/ }),
    ).toHaveAttribute('href', '/migrations');
  });

  it("renders a migration's page on the page's nested route", async () => {
    const api = fakeApi();
    api.statuses.set('mig-1', {
      migration: api.migrations[0],
      phases: [],
      artifacts: [],
    });
    await renderTestApp({
      features: [migrationPlugin],
      initialRouteEntries: ['/migrations/mig-1'],
      apis: apis(api),
      mountedRoutes,
    });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Webshop to AWS' }),
    ).toBeInTheDocument();
  });

  it('gives the app a nav item: the page has a title and an icon', () => {
    const tester = createExtensionTester(migrationsPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/migrations');
    expect(tester.get(coreExtensionData.title)).toBe('Migrations');
    expect(tester.get(coreExtensionData.icon)).toBeTruthy();
  });

  it('renders the entity card, saying how the entity is involved', async () => {
    await renderOnEntityPage(entityMigrationCard, resource, fakeApi());

    expect(
      await screen.findByText('Migrated as part of Web shop, wave 2'),
    ).toBeInTheDocument();
    expect(screen.getByText(/13 resources/)).toBeInTheDocument();
  });

  it('shows the card only on entities a migration can touch', () => {
    const filter = createExtensionTester(entityMigrationCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    expect(filter?.(resource)).toBe(true);
    expect(filter?.(user)).toBe(false);
  });

  it('renders the entity content: the migrations of the entity', async () => {
    await renderOnEntityPage(entityMigrationContent, resource, fakeApi());

    expect(
      await screen.findByText('Migrations of dc1-shop-web-01'),
    ).toBeInTheDocument();
    expect(await screen.findByText('Webshop to AWS')).toBeInTheDocument();
    expect(
      screen.getByText('Migrated as part of Web shop, wave 2'),
    ).toBeInTheDocument();
  });
});
