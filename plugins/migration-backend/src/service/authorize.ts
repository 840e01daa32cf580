import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';
import type { Actor } from './MigrationService';

/** Who the credentials stand for, as recorded in the audit trail. */
export function actorFromCredentials(
  auth: AuthService,
  credentials: BackstageCredentials,
): Actor {
  if (auth.isPrincipal(credentials, 'user')) {
    return {
      ref: credentials.principal.userEntityRef,
      userEntityRef: credentials.principal.userEntityRef,
    };
  }
  if (auth.isPrincipal(credentials, 'service')) {
    return { ref: credentials.principal.subject };
  }
  return { ref: 'unknown' };
}

/** Throws NotAllowedError unless the permission policy allows `permission` for `credentials`. */
export async function authorizeCredentials(options: {
  credentials: BackstageCredentials;
  permission: BasicPermission;
  permissions: PermissionsService;
}): Promise<void> {
  const [decision] = await options.permissions.authorize(
    [{ permission: options.permission }],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to ${options.permission.name}`,
    );
  }
}
