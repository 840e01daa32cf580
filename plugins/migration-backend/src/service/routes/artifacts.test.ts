import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { KnexMigrationStore } from '../../database/KnexMigrationStore';
import { startStoreRoutesBackend } from '../../__testUtils__/storeRoutesBackend';

jest.setTimeout(60_000);

let store: KnexMigrationStore;

const MIGRATION = 'b1000000-0000-4000-8000-000000000001';
const reader = mockCredentials.user.header('user:default/reader');

/** A GET with exactly these headers, answered with the bytes as they came over the wire. */
function rawGet(
  server: Server,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers, agent: false }, res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

const assessment = Buffer.from(
  JSON.stringify({
    resources: Array.from({ length: 5_000 }, (_, i) => ({
      id: `vm-${i}`,
      name: `dc1-shop-web-${i}`,
      wave: i % 50,
    })),
  }),
);
const small = Buffer.from('{"status":"pass"}');
const sha256 = (content: Buffer) =>
  createHash('sha256').update(content).digest('hex');

describe('GET /migrations/{id}/artifacts/{name}', () => {
  let server: Server;
  let stop: () => Promise<void>;
  const url = (name: string) =>
    `/api/migration/migrations/${MIGRATION}/artifacts/${name}`;

  beforeAll(async () => {
    const started = await startStoreRoutesBackend({
      'user:default/reader': ['migration.read'],
    });
    const backend = started.backend;
    store = started.store;
    server = backend.server;
    stop = () => backend.stop();
    await store.createMigration(
      {
        id: MIGRATION,
        title: 'Big estate',
        sourceEnvironmentId: 'dc1',
        target: { provider: 'aws', region: 'eu-west-1' },
        entityRefs: ['resource:default/vm-0'],
        owner: 'group:default/team',
        requestedBy: 'user:default/reader',
        options: {},
        gatedPhases: [],
      },
      { actor: 'user:default/reader', action: 'migration.created' },
    );
    for (const [name, content] of [
      ['assessment.json', assessment],
      ['iac-report.json', small],
    ] as const) {
      await store.putArtifact({
        migrationId: MIGRATION,
        name,
        mediaType: 'application/json',
        content,
        audit: { actor: 'user:default/reader', action: 'artifact.stored' },
      });
    }
  });

  afterAll(() => stop());

  it('passes compressed content on as gzip to clients that accept it', async () => {
    const stored = await store.getStoredArtifact(MIGRATION, 'assessment.json');
    expect(stored?.encoding).toBe('gzip');

    const res = await rawGet(server, url('assessment.json'), {
      Authorization: reader,
      'Accept-Encoding': 'gzip, deflate, br',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    // The stored bytes, not compressed again.
    expect(res.body.equals(stored!.content)).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(gunzipSync(res.body).equals(assessment)).toBe(true);
    // The digest users see is that of the uncompressed content.
    expect(res.headers.etag).toBe(`"${sha256(assessment)}"`);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
  });

  it('decompresses for clients that do not accept gzip, with the same ETag', async () => {
    const res = await rawGet(server, url('assessment.json'), {
      Authorization: reader,
      'Accept-Encoding': 'identity',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(assessment)).toBe(true);
    expect(Number(res.headers['content-length'])).toBe(assessment.length);
    expect(res.headers.etag).toBe(`"${sha256(assessment)}"`);
  });

  it('serves small artifacts as they are stored', async () => {
    const res = await rawGet(server, url('iac-report.json'), {
      Authorization: reader,
      'Accept-Encoding': 'identity',
    });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(small)).toBe(true);
    expect(res.headers.etag).toBe(`"${sha256(small)}"`);
  });

  it('answers 404 for an artifact the migration does not have', async () => {
    const res = await rawGet(server, url('missing.json'), {
      Authorization: reader,
    });
    expect(res.status).toBe(404);
  });
});
