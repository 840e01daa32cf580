import type {
  AuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { JsonObject } from '@backstage/types';
import type { MigrationService } from '../service/MigrationService';

/** What the migration actions need. */
export interface MigrationActionDeps {
  actionsRegistry: ActionsRegistryService;
  service: MigrationService;
  permissions: PermissionsService;
  auth: AuthService;
}

/** A JSON copy of a typed value, as action output. */
export function json<T>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value));
}
