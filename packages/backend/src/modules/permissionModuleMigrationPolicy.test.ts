import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  migrationAdminPermission,
  migrationApprovePermission,
  migrationCreatePermission,
  migrationReadPermission,
} from '@sirsi-nexus/plugin-migration-common';
import permissionPlugin from '@backstage/plugin-permission-backend';
import request from 'supertest';
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
    const res = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({ items: [{ id: '1', permission }] });
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
