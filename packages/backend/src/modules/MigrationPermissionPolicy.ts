import type { UserInfoService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  type PolicyDecision,
} from '@backstage/plugin-permission-common';
import type {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  migrationAdminPermission,
  migrationApprovePermission,
} from '@sirsi-nexus/plugin-migration-common';

/** The permissions only platform teams hold. */
const PLATFORM_ONLY = new Set([
  migrationApprovePermission.name,
  migrationAdminPermission.name,
]);

/**
 * The portal's permission policy: deciding approval gates (`migration.approve`) and on-demand
 * discovery (`migration.admin`) are for members of the platform groups; everything else is
 * allowed to every signed-in user. Separation of duties (a requester never approves their own
 * migration) is enforced by the engine on top of this.
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
    if (!PLATFORM_ONLY.has(request.permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (!user) {
      return { result: AuthorizeResult.DENY };
    }
    const { ownershipEntityRefs } = await this.options.userInfo.getUserInfo(
      user.credentials,
    );
    return ownershipEntityRefs.some(ref => this.platformGroups.has(ref))
      ? { result: AuthorizeResult.ALLOW }
      : { result: AuthorizeResult.DENY };
  }
}
