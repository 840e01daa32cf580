import {
  createExternalRouteRef,
  createRouteRef,
  createSubRouteRef,
} from '@backstage/core-plugin-api';

/** Route of the migrations list page (`/migrations` in the app). */
export const rootRouteRef = createRouteRef({ id: 'migration' });

/** Route of the approvals inbox, below the list page. */
export const approvalsRouteRef = createSubRouteRef({
  id: 'migration/approvals',
  parent: rootRouteRef,
  path: '/approvals',
});

/** Route of one migration, below the list page. */
export const migrationRouteRef = createSubRouteRef({
  id: 'migration/detail',
  parent: rootRouteRef,
  path: '/:id',
});

/** Route of the migrations tab on entity pages. */
export const entityContentRouteRef = createRouteRef({
  id: 'migration/entity-content',
});

/**
 * The scaffolder's page of one template; bound by the app to
 * `scaffolderPlugin.routes.selectedTemplate`. When unbound, links fall back to
 * {@link REQUEST_MIGRATION_TEMPLATE_PATH}.
 */
export const selectedTemplateRouteRef = createExternalRouteRef({
  id: 'migration/selected-template',
  params: ['namespace', 'templateName'],
  optional: true,
});

/** The "Request a migration" software template. */
export const REQUEST_MIGRATION_TEMPLATE = {
  namespace: 'default',
  templateName: 'request-a-migration',
} as const;

/** Where "Request a migration" points when the scaffolder route is not bound. */
export const REQUEST_MIGRATION_TEMPLATE_PATH =
  '/create/templates/default/request-a-migration';
