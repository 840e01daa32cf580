/**
 * The SirsiNexus Migrate frontend plugin for Backstage's new frontend system: the migrations
 * pages, their nav item, the entity card and the entity tab as extensions, and the migration
 * client as an API. Apps on the legacy system keep using the package's main entry point.
 *
 * @packageDocumentation
 */
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { MigrationClient, migrationApiRef } from './api';
import { canBeMigrated } from './entityFilter';
import {
  entityContentRouteRef,
  rootRouteRef,
  selectedTemplateRouteRef,
} from './routes';

/**
 * The migration client (`migrationApiRef`), talking to the `migration` backend plugin.
 *
 * @alpha
 */
export const migrationApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: migrationApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new MigrationClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * `/migrations` with its nested routes: the list, the approvals inbox (`/migrations/approvals`)
 * and one migration (`/migrations/:id`). Its title and icon are the app's nav item.
 *
 * @alpha
 */
export const migrationsPage = PageBlueprint.make({
  params: {
    path: '/migrations',
    title: 'Migrations',
    icon: <CloudUploadIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    // The pages draw their own header.
    noHeader: true,
    loader: () => import('./components/Router').then(m => <m.Router />),
  },
});

/**
 * The entity page card: the current migration touching the entity or its parts, and how the
 * entity is involved. Shown on entities a migration can touch.
 *
 * @alpha
 */
export const entityMigrationCard = EntityCardBlueprint.make({
  name: 'migration',
  params: {
    filter: canBeMigrated,
    loader: () =>
      import('./components/EntityMigrationCard').then(m => (
        <m.EntityMigrationCard />
      )),
  },
});

/**
 * The entity page tab: every migration of the entity and its parts.
 *
 * @alpha
 */
export const entityMigrationContent = EntityContentBlueprint.make({
  name: 'migrations',
  params: {
    path: '/migrations',
    title: 'Migrations',
    routeRef: entityContentRouteRef,
    filter: canBeMigrated,
    loader: () =>
      import('./components/EntityMigrationContent').then(m => (
        <m.EntityMigrationContent />
      )),
  },
});

/**
 * The SirsiNexus Migrate plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'migration',
  title: 'Migrations',
  icon: <CloudUploadIcon fontSize="inherit" />,
  routes: {
    root: rootRouteRef,
    entityContent: entityContentRouteRef,
  },
  externalRoutes: {
    selectedTemplate: selectedTemplateRouteRef,
  },
  extensions: [
    migrationApi,
    migrationsPage,
    entityMigrationCard,
    entityMigrationContent,
  ],
});
