import { mockCredentials } from '@backstage/backend-test-utils';
import type {
  AssessmentOverview,
  AssessmentResourcesPage,
} from '@sirsi-nexus/plugin-migration-common';
import type { Server } from 'node:http';
import request from 'supertest';
import type { KnexMigrationStore } from '../../database/KnexMigrationStore';
import { startStoreRoutesBackend } from '../../__testUtils__/storeRoutesBackend';
import { testAssessment } from '../assessment/testAssessment';

jest.setTimeout(60_000);

const GRANTS: Record<string, string[]> = {
  'user:default/reader': ['migration.read'],
  'user:default/nobody': [],
};

let store: KnexMigrationStore;

const as = (user: string) => mockCredentials.user.header(user);
const reader = as('user:default/reader');
const nobody = as('user:default/nobody');

async function createMigration(id: string, assessment?: object) {
  await store.createMigration(
    {
      id,
      title: 'Big estate',
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs: ['resource:default/vm-0000'],
      owner: 'group:default/team',
      requestedBy: 'user:default/reader',
      options: {},
      gatedPhases: [],
    },
    { actor: 'user:default/reader', action: 'migration.created' },
  );
  if (assessment) {
    await store.putArtifact({
      migrationId: id,
      name: 'assessment.json',
      mediaType: 'application/json',
      content: Buffer.from(JSON.stringify(assessment)),
      audit: { actor: 'user:default/reader', action: 'artifact.stored' },
    });
  }
}

const BIG = 'a1000000-0000-4000-8000-000000000001';
const NONE = 'a1000000-0000-4000-8000-000000000002';
const BROKEN = 'a1000000-0000-4000-8000-000000000003';

describe('assessment routes', () => {
  let server: Server;
  const get = (path: string, auth = reader) =>
    request(server)
      .get(`/api/migration/migrations/${path}`)
      .set('Authorization', auth);

  beforeAll(async () => {
    const backend = await startStoreRoutesBackend(GRANTS);
    store = backend.store;
    server = backend.server;
    await createMigration(BIG, testAssessment(250));
    await createMigration(NONE);
    await createMigration(BROKEN, { ...testAssessment(1), resources: 'x' });
  });

  it('answers the overview without the resources, with their names and risks', async () => {
    const res = await get(`${BIG}/assessment`);
    expect(res.status).toBe(200);
    const overview = res.body as AssessmentOverview;
    expect(overview.assessment).not.toHaveProperty('resources');
    expect(overview.assessment.summary.resources).toBe(250);
    expect(overview.assessment.waves).toHaveLength(25);
    expect(Object.keys(overview.names)).toHaveLength(250);
    expect(overview.names['vm-0249']).toBe('vm-0249');
    expect(overview.resourceRisks).toEqual([
      expect.objectContaining({
        id: 'os-end-of-life',
        points: 16,
        resourceCount: 125,
        resources: expect.arrayContaining(['vm-0000']),
      }),
    ]);
    expect(overview.resourceRisks[0].resources).toHaveLength(50);
  });

  it('pages the resources, 20 by default, with the total', async () => {
    const res = await get(`${BIG}/assessment/resources`);
    expect(res.status).toBe(200);
    const page = res.body as AssessmentResourcesPage;
    expect(page).toMatchObject({ totalCount: 250, offset: 0, limit: 20 });
    expect(page.items.map(r => r.id)).toEqual(
      Array.from({ length: 20 }, (_, i) => `vm-${String(i).padStart(4, '0')}`),
    );

    const last = (await get(`${BIG}/assessment/resources?offset=240&limit=50`))
      .body as AssessmentResourcesPage;
    expect(last.items).toHaveLength(10);
    expect(last.items[9].id).toBe('vm-0249');
  });

  it('sorts by a column, either way, ties in the assessment order', async () => {
    const desc = (
      await get(`${BIG}/assessment/resources?orderBy=name&order=desc&limit=3`)
    ).body as AssessmentResourcesPage;
    expect(desc.items.map(r => r.name)).toEqual([
      'vm-0249',
      'vm-0248',
      'vm-0247',
    ]);
    const byRisk = (
      await get(`${BIG}/assessment/resources?orderBy=risk&limit=250`)
    ).body as AssessmentResourcesPage;
    const scores = byRisk.items.map(r => r.risk.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const zeros = byRisk.items.filter(r => r.risk.score === 0).map(r => r.id);
    expect(zeros).toEqual([...zeros].sort());
  });

  it('filters by search text, waves and strategies, counting what matches', async () => {
    const search = (await get(`${BIG}/assessment/resources?search=VM-024`))
      .body as AssessmentResourcesPage;
    expect(search.totalCount).toBe(10);
    const filtered = (
      await get(`${BIG}/assessment/resources?wave=1,2&strategy=retire`)
    ).body as AssessmentResourcesPage;
    expect(filtered.items.map(r => r.id)).toEqual([
      'vm-0002',
      'vm-0005',
      'vm-0008',
      'vm-0011',
      'vm-0014',
      'vm-0017',
    ]);
    expect(filtered.totalCount).toBe(6);
    // Every resource that raised a factor, beyond the 50 names the overview carries.
    const risky = (
      await get(`${BIG}/assessment/resources?risk=os-end-of-life&limit=500`)
    ).body as AssessmentResourcesPage;
    expect(risky.totalCount).toBe(125);
    expect(risky.items.map(r => r.id)).toContain('vm-0248');
    expect(
      risky.items.every(r =>
        r.risk.factors.some(f => f.id === 'os-end-of-life'),
      ),
    ).toBe(true);
    const none = (await get(`${BIG}/assessment/resources?risk=public-exposure`))
      .body as AssessmentResourcesPage;
    expect(none).toMatchObject({ items: [], totalCount: 0 });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['offset=-1', 'offset'],
    ['orderBy=colour', 'orderBy'],
    ['order=up', 'order'],
    ['strategy=teleport', 'strategy'],
    ['wave=x', 'wave'],
    ['risk=scary', 'risk'],
  ])('answers 400 naming the parameter for %s', async (query, name) => {
    const res = await get(`${BIG}/assessment/resources?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toContain(name);
  });

  it('reads a re-written assessment again (the cache is keyed by its sha256)', async () => {
    const id = 'a1000000-0000-4000-8000-000000000004';
    await createMigration(id, testAssessment(20));
    expect((await get(`${id}/assessment/resources`)).body.totalCount).toBe(20);
    await store.putArtifact({
      migrationId: id,
      name: 'assessment.json',
      mediaType: 'application/json',
      content: Buffer.from(JSON.stringify(testAssessment(30))),
      audit: { actor: 'user:default/reader', action: 'artifact.stored' },
    });
    expect((await get(`${id}/assessment/resources`)).body.totalCount).toBe(30);
  });

  it('refuses a user without migration.read, before reading anything', async () => {
    for (const path of [`${BIG}/assessment`, `${BIG}/assessment/resources`]) {
      const res = await get(path, nobody);
      expect(res.status).toBe(403);
      expect(res.body.error.name).toBe('NotAllowedError');
    }
    const invalid = await get(`${BIG}/assessment/resources?limit=0`, nobody);
    expect(invalid.status).toBe(403);
  });

  it('answers 404 without a migration or an assessment, 409 for one that breaks the contract', async () => {
    expect(
      (await get('a1000000-0000-4000-8000-00000000000f/assessment')).status,
    ).toBe(404);
    expect((await get(`${NONE}/assessment/resources`)).status).toBe(404);
    const broken = await get(`${BROKEN}/assessment`);
    expect(broken.status).toBe(409);
    expect(broken.body.error.message).toContain('resources');
  });
});
