import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { MigrationClient, migrationApiRef } from './api';
import { Router } from './components/Router';
import {
  entityContentRouteRef,
  rootRouteRef,
  selectedTemplateRouteRef,
} from './routes';

/**
 * The SirsiNexus Migrate frontend plugin.
 *
 * @public
 */
export const migrationPlugin = createPlugin({
  id: 'migration',
  apis: [
    createApiFactory({
      api: migrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MigrationClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
  externalRoutes: {
    selectedTemplate: selectedTemplateRouteRef,
  },
});

/**
 * The migration pages, mounted at `/migrations` in the app: the list at `/migrations`, the
 * approvals inbox at `/migrations/approvals` and one migration at `/migrations/:id`.
 *
 * @public
 */
export const MigrationsPage = migrationPlugin.provide(
  createRoutableExtension({
    name: 'MigrationsPage',
    // The router is a few lines that lazy-load each page; loading it eagerly saves a round trip
    // before a page's own chunk can be requested.
    component: () => Promise.resolve(Router),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity page card with the current migration touching the entity or its parts.
 *
 * @public
 */
export const EntityMigrationCard = migrationPlugin.provide(
  createComponentExtension({
    name: 'EntityMigrationCard',
    component: {
      lazy: () =>
        import('./components/EntityMigrationCard').then(
          m => m.EntityMigrationCard,
        ),
    },
  }),
);

/**
 * Entity page tab listing every migration of the entity and its parts.
 *
 * @public
 */
export const EntityMigrationContent = migrationPlugin.provide(
  createRoutableExtension({
    name: 'EntityMigrationContent',
    component: () =>
      import('./components/EntityMigrationContent').then(
        m => m.EntityMigrationContent,
      ),
    mountPoint: entityContentRouteRef,
  }),
);
