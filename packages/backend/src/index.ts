/*
 * The SirsiNexus Migrate backend: Backstage's core plugins plus the migration suite.
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDemoApprover } from './modules/authModuleDemoApprover';
import { permissionModuleMigrationPolicy } from './modules/permissionModuleMigrationPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: guest sign-in for the demo portal (see README for real providers)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleDemoApprover);

// catalog, with the cloud/inventory discovery of SirsiNexus Migrate
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@sirsi-nexus/plugin-catalog-backend-module-cloud-discovery'),
);

// scaffolder, with the migration:* actions
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@sirsi-nexus/plugin-scaffolder-backend-module-migration'));

// permissions
backend.add(import('@backstage/plugin-permission-backend'));
// approvals and on-demand discovery for platform teams, the rest for everyone
backend.add(permissionModuleMigrationPolicy);

// the migration engine and API
backend.add(import('@sirsi-nexus/plugin-migration-backend'));
// one package per source or target: each adds its migration module and its catalog discovery
// module (install only the clouds you use)
backend.add(import('@sirsi-nexus/plugin-migration-backend-module-inventory'));
backend.add(import('@sirsi-nexus/plugin-migration-backend-module-aws'));
backend.add(import('@sirsi-nexus/plugin-migration-backend-module-azure'));
backend.add(import('@sirsi-nexus/plugin-migration-backend-module-gcp'));

// supporting plugins
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
