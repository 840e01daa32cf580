import {
  createPlugin,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';

/**
 * The SirsiNexus Migrate frontend plugin.
 *
 * @public
 */
export const migrationPlugin = createPlugin({
  id: 'migration',
  routes: {
    root: rootRouteRef,
  },
});

/**
 * The migrations page, mounted at `/migrations` in the app.
 *
 * @public
 */
export const MigrationsPage = migrationPlugin.provide(
  createRoutableExtension({
    name: 'MigrationsPage',
    component: () =>
      import('./components/MigrationsPage').then(m => m.MigrationsPage),
    mountPoint: rootRouteRef,
  }),
);
