import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  isResourcePermission,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';
import { migrationRules } from '@sirsi-nexus/plugin-migration-backend';
import {
  migrationAdminPermission,
  migrationApprovePermission,
  migrationCreatePermission,
  migrationExecutePermission,
  migrationReadPermission,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
import { MigrationPermissionPolicy } from './MigrationPermissionPolicy';
import { permissionModuleMigrationPolicy } from './permissionModuleMigrationPolicy';

/** Alex is in the platform group, Sam in a product team. */
const memberships: Record<string, string[]> = {
  'user:default/alex': ['user:default/alex', 'group:default/platform-team'],
  'user:default/sam': ['user:default/sam', 'group:default/team-webshop'],
};

const userInfoFactory = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: memberships[userEntityRef] ?? [userEntityRef],
      };
    },
  }),
});

describe('permissionModuleMigrationPolicy', () => {
  async function decide(user: string, permissionName: string) {
    const { server } = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleMigrationPolicy,
        userInfoFactory,
        mockServices.rootConfig.factory({
          data: {
            permission: {
              enabled: true,
              migrationPolicy: {
                platformGroups: ['group:default/platform-team'],
              },
            },
          },
        }),
      ],
    });
    const permission = [
      migrationApprovePermission,
      migrationAdminPermission,
      migrationCreatePermission,
      migrationReadPermission,
    ].find(p => p.name === permissionName)!;
    // Users must name the migration of a resource permission.
    const resourceRef = isResourcePermission(permission)
      ? 'some-migration'
      : undefined;
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ items: [{ id: '1', permission, resourceRef }] });
    expect(res.status).toBe(200);
    return res.body.items[0].result;
  }

  it('gives approvals and admin to the platform groups only', async () => {
    expect(await decide('user:default/alex', 'migration.approve')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('user:default/alex', 'migration.admin')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('user:default/sam', 'migration.approve')).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide('user:default/sam', 'migration.admin')).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('lets every user request and read migrations', async () => {
    expect(await decide('user:default/sam', 'migration.create')).toBe(
      AuthorizeResult.ALLOW,
    );
    expect(await decide('user:default/sam', 'migration.read')).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});

describe('MigrationPermissionPolicy on migration.execute', () => {
  const policy = new MigrationPermissionPolicy({
    platformGroups: ['group:default/platform-team'],
    userInfo: {
      async getUserInfo(credentials) {
        const ref = (credentials.principal as { userEntityRef: string })
          .userEntityRef;
        return { userEntityRef: ref, ownershipEntityRefs: memberships[ref] };
      },
    },
  });
  const decide = (user: string) =>
    policy.handle(
      { permission: migrationExecutePermission },
      {
        credentials: mockCredentials.user(user),
        info: { userEntityRef: user, ownershipEntityRefs: memberships[user] },
      },
    );

  /** Whether the conditions of a decision hold for a migration, through the plugin's rules. */
  function holds(
    criteria: PermissionCriteria<PermissionCondition>,
    migration: Pick<Migration, 'owner' | 'requestedBy'>,
  ): boolean {
    if ('anyOf' in criteria)
      return criteria.anyOf.some(c => holds(c, migration));
    if ('allOf' in criteria)
      return criteria.allOf.every(c => holds(c, migration));
    if ('not' in criteria) return !holds(criteria.not, migration);
    const rule = Object.values(migrationRules).find(
      r => r.name === criteria.rule,
    )!;
    return rule.apply(migration as Migration, criteria.params as any);
  }

  it('lets the platform groups control every migration', async () => {
    expect(await decide('user:default/alex')).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets the owning team and the requester control theirs, and nobody else', async () => {
    const decision = await decide('user:default/sam');
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    if (decision.result !== AuthorizeResult.CONDITIONAL) return;
    expect(decision).toMatchObject({
      pluginId: 'migration',
      resourceType: 'migration',
    });
    const someoneElse = 'user:default/kim';
    expect(
      holds(decision.conditions, {
        owner: 'group:default/team-webshop',
        requestedBy: someoneElse,
      }),
    ).toBe(true);
    expect(
      holds(decision.conditions, {
        owner: 'group:default/team-b',
        requestedBy: 'user:default/sam',
      }),
    ).toBe(true);
    expect(
      holds(decision.conditions, {
        owner: 'group:default/team-b',
        requestedBy: someoneElse,
      }),
    ).toBe(false);
  });
});
