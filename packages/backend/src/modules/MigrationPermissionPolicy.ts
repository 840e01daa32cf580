import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isResourcePermission,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createMigrationConditionalDecision,
  migrationConditions,
} from '@sirsi-nexus/plugin-migration-backend';
import {
  MIGRATION_RESOURCE_TYPE,
  migrationAdminPermission,
  migrationApprovePermission,
  migrationExecutePermission,
} from '@sirsi-nexus/plugin-migration-common';

/** The permissions only platform teams hold. */
const PLATFORM_ONLY = new Set([
  migrationApprovePermission.name,
  migrationAdminPermission.name,
]);

/**
 * The portal's permission policy:
 *
 * - deciding approval gates (`migration.approve`) and on-demand discovery (`migration.admin`)
 *   are for members of the platform groups;
 * - controlling a migration (`migration.execute`: pause, resume, cancel, retry, roll back) is for
 *   members of its owning team and whoever requested it (the `isOwner` and `isRequester` rules),
 *   and for the platform groups;
 * - everything else (reading, requesting) is allowed to every signed-in user.
 *
 * Separation of duties (a requester never approves their own migration) is enforced by the
 * engine on top of this.
 */
export class MigrationPermissionPolicy implements PermissionPolicy {
  private readonly platformGroups: Set<string>;

  constructor(
    private readonly options: {
      platformGroups: string[];
      userInfo: UserInfoService;
    },
  ) {
    this.platformGroups = new Set(options.platformGroups);
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    const execute =
      permission.name === migrationExecutePermission.name &&
      isResourcePermission(permission, MIGRATION_RESOURCE_TYPE);
    if (!PLATFORM_ONLY.has(permission.name) && !execute) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.options.userInfo.getUserInfo(user.credentials);
    if (ownershipEntityRefs.some(ref => this.platformGroups.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!execute) {
      return { result: AuthorizeResult.DENY };
    }
    return createMigrationConditionalDecision(permission, {
      anyOf: [
        migrationConditions.isOwner({ claims: ownershipEntityRefs }),
        migrationConditions.isRequester({ userEntityRef }),
      ],
    });
  }
}
