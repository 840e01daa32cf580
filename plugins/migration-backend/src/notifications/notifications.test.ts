import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { TASK_TYPES } from '@sirsi-nexus/plugin-migration-common';
import request from 'supertest';
import { waitFor } from '../__testUtils__/engineHarness';
import { quickExecutors, SECRET } from '../__testUtils__/quickExecutors';
import { migrationPlugin } from '../plugin';

jest.setTimeout(60_000);

const user = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {},
});

const group = (name: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});

describe('migration notifications through the notifications backend', () => {
  async function start() {
    const { server } = await startTestBackend({
      features: [
        migrationPlugin,
        notificationsPlugin,
        quickExecutors,
        catalogServiceMock.factory({
          entities: [
            user('alice'),
            user('bob'),
            user('carol'),
            user('dave'),
            // alice requests and is a platform engineer too: separation of duties leaves her out.
            group('platform-engineering', ['alice', 'bob']),
            group('team-shop', ['carol']),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            migration: {
              environments: [
                { id: 'lab', provider: 'fake', fake: { region: 'lab-1' } },
              ],
              approvals: {
                phases: ['build'],
                approverGroups: ['group:default/platform-engineering'],
              },
              engine: { pollIntervalMs: 50, janitorIntervalMs: 100 },
            },
          },
        }),
      ],
    });
    return server;
  }

  const as = (name: string) =>
    mockCredentials.user.header(`user:default/${name}`);

  async function notificationsOf(server: any, name: string) {
    const res = await request(server)
      .get('/api/notifications/notifications')
      .set('Authorization', as(name));
    expect(res.status).toBe(200);
    return res.body.notifications as Array<{
      user: string;
      origin: string;
      payload: Record<string, any>;
    }>;
  }

  async function waitForNotification(server: any, name: string, title: RegExp) {
    return waitFor(
      async () =>
        (await notificationsOf(server, name)).find(n =>
          title.test(n.payload.title),
        ),
      20_000,
      `${name}'s notification ${title}`,
    );
  }

  async function requestMigration(server: any, title: string) {
    const res = await request(server)
      .post('/api/migration/migrations')
      .set('Authorization', as('alice'))
      .send({
        title,
        sourceEnvironmentId: 'lab',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs: ['resource:default/web-01'],
        owner: 'group:default/team-shop',
        options: { justification: `db password=${SECRET}` },
      });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  function expectNoSecrets(notifications: Array<{ payload: object }>) {
    const text = JSON.stringify(notifications);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('abc.def.ghi');
    expect(text).not.toContain('justification');
    expect(text).not.toMatch(/\n\s+at /);
  }

  it('tells approvers once per gate, then requester and owner of the decision, the end and the rollback', async () => {
    const server = await start();
    const id = await requestMigration(server, 'Move the web shop');

    const gate = await waitForNotification(server, 'bob', /^Approval needed/);
    expect(gate.origin).toBe('plugin:migration');
    expect(gate.payload).toMatchObject({
      title: 'Approval needed: build phase of Move the web shop',
      link: '/migrations/approvals',
      severity: 'high',
      topic: `migration:${id}`,
    });
    expect(gate.payload.description).toContain(
      'Plan: 13 resources in 3 waves, about 1,235 USD a month.',
    );
    // The janitor re-evaluates the waiting migration several times meanwhile.
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(
      (await notificationsOf(server, 'bob')).filter(n =>
        /^Approval needed/.test(n.payload.title),
      ),
    ).toHaveLength(1);
    // Neither the requester (separation of duties), nor the owner, nor anyone else.
    for (const name of ['alice', 'carol', 'dave']) {
      expect(await notificationsOf(server, name)).toEqual([]);
    }

    const decided = await request(server)
      .post(`/api/migration/migrations/${id}/approvals/build`)
      .set('Authorization', as('bob'))
      .send({ decision: 'approve', comment: 'Looks fine' });
    expect(decided.status).toBe(200);
    for (const name of ['alice', 'carol']) {
      const approved = await waitForNotification(server, name, /^Approved/);
      expect(approved.payload).toMatchObject({
        title: 'Approved: build phase of Move the web shop',
        description: 'user:default/bob approved the build phase: "Looks fine"',
        link: `/migrations/${id}`,
        severity: 'normal',
        topic: `migration:${id}`,
      });
      const completed = await waitForNotification(server, name, /^Completed/);
      expect(completed.payload).toMatchObject({
        link: `/migrations/${id}`,
        severity: 'normal',
        topic: `migration:${id}`,
      });
    }

    const rollback = await request(server)
      .post(`/api/migration/migrations/${id}/rollback`)
      .set('Authorization', as('alice'))
      .send({ reason: 'Back out' });
    expect(rollback.status).toBe(200);
    const rolledBack = await waitForNotification(server, 'carol', /^Rolled/);
    expect(rolledBack.payload).toMatchObject({
      title: 'Rolled back: Move the web shop',
      link: `/migrations/${id}`,
      topic: `migration:${id}`,
    });

    expect(await notificationsOf(server, 'dave')).toEqual([]);
    const bobs = await notificationsOf(server, 'bob');
    expect(bobs.map(n => n.payload.title)).toEqual([
      'Approval needed: build phase of Move the web shop',
    ]);
    for (const name of ['alice', 'bob', 'carol']) {
      expectNoSecrets(await notificationsOf(server, name));
    }
  });

  it('names the failing task and its scrubbed error, and tells of a rejection', async () => {
    const server = await start();
    const failing = await requestMigration(server, 'Failing move');
    const failed = await waitForNotification(server, 'carol', /^Failed/);
    expect(failed.payload).toMatchObject({
      title: 'Failed: Failing move',
      link: `/migrations/${failing}`,
      severity: 'high',
      topic: `migration:${failing}`,
    });
    expect(failed.payload.description).toContain(
      `The test phase failed at task "Quick ${TASK_TYPES.testCheckReadiness}"`,
    );
    expect(failed.payload.description).toContain(
      'Cannot reach the target: password=[redacted]',
    );
    await waitForNotification(server, 'alice', /^Failed/);

    const rejectedId = await requestMigration(server, 'Rejected move');
    await waitForNotification(server, 'bob', /^Approval needed/);
    const decided = await request(server)
      .post(`/api/migration/migrations/${rejectedId}/approvals/build`)
      .set('Authorization', as('bob'))
      .send({ decision: 'reject', comment: `Not now, token=${SECRET}` });
    expect(decided.status).toBe(200);
    const rejected = await waitForNotification(server, 'alice', /^Rejected/);
    expect(rejected.payload).toMatchObject({
      title: 'Rejected: build phase of Rejected move',
      link: `/migrations/${rejectedId}`,
      severity: 'high',
      topic: `migration:${rejectedId}`,
    });
    await waitForNotification(server, 'carol', /^Rejected/);
    // A rejection stops the migration: no separate "failed" notification for it.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(
      (await notificationsOf(server, 'alice')).map(n => n.payload.title),
    ).toEqual(expect.not.arrayContaining(['Failed: Rejected move']));
    for (const name of ['alice', 'bob', 'carol']) {
      expectNoSecrets(await notificationsOf(server, name));
    }
  });
});
