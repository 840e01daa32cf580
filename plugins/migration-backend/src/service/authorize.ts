import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  isResourcePermission,
  type BasicPermission,
  type PermissionCondition,
  type PermissionCriteria,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { PermissionRule } from '@backstage/plugin-permission-node';
import { MIGRATION_RESOURCE_TYPE } from '@sirsi-nexus/plugin-migration-common';
import type { MigrationRowFilter } from '../database/MigrationStore';
import { toMigrationRowFilter } from '../database/permissionFilter';
import type { Actor } from './MigrationService';
import {
  migrationRules,
  type MigrationRuleQuery,
} from './permissions/migrationRules';

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

/**
 * Throws NotAllowedError unless the permission policy allows `permission` for `credentials`. A
 * `migration` resource permission asked without a migration passes when the policy allows it
 * for some migrations (conditionally): use {@link authorizeMigration} for one migration and
 * {@link authorizeMigrationList} to filter a list.
 */
export async function authorizeCredentials(options: {
  credentials: BackstageCredentials;
  permission:
    | BasicPermission
    | ResourcePermission<typeof MIGRATION_RESOURCE_TYPE>;
  permissions: PermissionsService;
}): Promise<void> {
  const { permission } = options;
  if (isResourcePermission(permission, MIGRATION_RESOURCE_TYPE)) {
    await authorizeMigrationList({ ...options, permission });
    return;
  }
  const [decision] = await options.permissions.authorize([{ permission }], {
    credentials: options.credentials,
  });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(`You are not allowed to ${permission.name}`);
  }
}

const rulesByName = new Map<
  string,
  PermissionRule<any, MigrationRuleQuery, string, any>
>(Object.values(migrationRules).map(rule => [rule.name, rule]));

type NonEmpty = [
  PermissionCriteria<MigrationRuleQuery>,
  ...PermissionCriteria<MigrationRuleQuery>[],
];

/** The conditions of a decision as queries, through the migration rules. */
function toRuleQueries(
  criteria: PermissionCriteria<PermissionCondition>,
): PermissionCriteria<MigrationRuleQuery> {
  if ('allOf' in criteria) {
    return { allOf: criteria.allOf.map(toRuleQueries) as NonEmpty };
  }
  if ('anyOf' in criteria) {
    return { anyOf: criteria.anyOf.map(toRuleQueries) as NonEmpty };
  }
  if ('not' in criteria) return { not: toRuleQueries(criteria.not) };
  const rule = rulesByName.get(criteria.rule);
  if (!rule || criteria.resourceType !== MIGRATION_RESOURCE_TYPE) {
    // A policy naming a rule this plugin does not have fails closed.
    throw new NotAllowedError(
      `The permission policy named an unknown migration rule "${criteria.rule}"`,
    );
  }
  return rule.toQuery(criteria.params);
}

/**
 * Throws NotAllowedError unless the permission policy allows `permission` (a `migration`
 * resource permission) on the migration `migrationId` for `credentials`; conditions of the
 * policy are applied to the migration by the permission framework.
 */
export async function authorizeMigration(options: {
  credentials: BackstageCredentials;
  permission: ResourcePermission<typeof MIGRATION_RESOURCE_TYPE>;
  migrationId: string;
  permissions: PermissionsService;
}): Promise<void> {
  const [decision] = await options.permissions.authorize(
    [{ permission: options.permission, resourceRef: options.migrationId }],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `You are not allowed to ${options.permission.name}`,
    );
  }
}

/**
 * Authorizes `permission` for a list of migrations: throws NotAllowedError when the policy
 * denies it, returns nothing when it allows every migration, and the filter of the migrations
 * it allows when it answers with conditions.
 */
export async function authorizeMigrationList(options: {
  credentials: BackstageCredentials;
  permission: ResourcePermission<typeof MIGRATION_RESOURCE_TYPE>;
  permissions: PermissionsService;
}): Promise<MigrationRowFilter | undefined> {
  const [decision] = await options.permissions.authorizeConditional(
    [{ permission: options.permission }],
    { credentials: options.credentials },
  );
  if (decision.result === AuthorizeResult.DENY) {
    throw new NotAllowedError(
      `You are not allowed to ${options.permission.name}`,
    );
  }
  if (decision.result === AuthorizeResult.CONDITIONAL) {
    return toMigrationRowFilter(toRuleQueries(decision.conditions));
  }
  return undefined;
}
