import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  MIGRATION_RESOURCE_TYPE,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import { z } from 'zod';

/**
 * A condition of the migration rules as a query: the migration's `owner` or `requestedBy` is
 * one of `values` (compared lower-case). `database/permissionFilter.ts` turns it into SQL.
 *
 * @public
 */
export interface MigrationRuleQuery {
  column: 'owner' | 'requested_by';
  values: string[];
}

/**
 * The `migration` resource type of the permission framework: migrations by id, queried with
 * {@link MigrationRuleQuery}.
 *
 * @public
 */
export const migrationResourceRef = createPermissionResourceRef<
  Migration,
  MigrationRuleQuery
>().with({ pluginId: 'migration', resourceType: MIGRATION_RESOURCE_TYPE });

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
const within = (ref: string, refs: string[]) =>
  refs.map(lower).includes(lower(ref));

const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description:
    "The migration's owner is the user or one of the user's ownership refs (pass the user's ownershipEntityRefs as claims)",
  resourceRef: migrationResourceRef,
  paramsSchema: z.object({
    claims: z
      .array(z.string())
      .describe("The user's entity ref and ownership entity refs"),
  }),
  apply: (migration, { claims }) => within(migration.owner, claims),
  toQuery: ({ claims }) => ({ column: 'owner', values: claims }),
});

const isRequester = createPermissionRule({
  name: 'IS_REQUESTER',
  description: 'The migration was requested by the user',
  resourceRef: migrationResourceRef,
  paramsSchema: z.object({
    userEntityRef: z.string().describe("The user's entity ref"),
  }),
  apply: (migration, { userEntityRef }) =>
    within(migration.requestedBy, [userEntityRef]),
  toQuery: ({ userEntityRef }) => ({
    column: 'requested_by',
    values: [userEntityRef],
  }),
});

const isOwnedByOneOfGroups = createPermissionRule({
  name: 'IS_OWNED_BY_ONE_OF_GROUPS',
  description:
    "The migration's owner is one of the given groups (e.g. the user's groups, or a fixed list)",
  resourceRef: migrationResourceRef,
  paramsSchema: z.object({
    groups: z.array(z.string()).describe('Group entity refs'),
  }),
  apply: (migration, { groups }) => within(migration.owner, groups),
  toQuery: ({ groups }) => ({ column: 'owner', values: groups }),
});

/**
 * The rules of the `migration` resource type, registered through the permissions registry.
 *
 * @public
 */
export const migrationRules = { isOwner, isRequester, isOwnedByOneOfGroups };

const { conditions, createConditionalDecision } = createConditionExports({
  resourceRef: migrationResourceRef,
  rules: migrationRules,
});

/**
 * Conditions on a migration for permission policies, e.g.
 * `migrationConditions.isOwner({ claims: user.info.ownershipEntityRefs })`.
 *
 * @public
 */
export const migrationConditions = conditions;

/**
 * Wraps conditions on migrations into a conditional decision for `migration.read`,
 * `migration.execute` or `migration.approve`.
 *
 * @public
 */
export const createMigrationConditionalDecision = createConditionalDecision;
