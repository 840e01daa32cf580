import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Knex } from 'knex';
import { KnexMigrationStore } from './KnexMigrationStore';
import { COMPRESS_MIN_BYTES } from './knex/artifactEncoding';
import { migrationsDir } from './migrateDatabase';
import { MIGRATION_ROW } from '../__testUtils__/migrationRow';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

const ENCODING_MIGRATION = '20261206100000_artifact_content_encoding.js';

const actor = { actor: 'user:default/alice', action: 'artifact.stored' };

const sha256 = (content: Buffer) =>
  createHash('sha256').update(content).digest('hex');

/** JSON text of `count` resources, the kind of content that compresses well. */
function bigJson(count: number): Buffer {
  const resources = Array.from({ length: count }, (_, i) => ({
    id: `vm-${i}`,
    name: `dc1-shop-web-${String(i).padStart(5, '0')}`,
    cpus: (i % 16) + 1,
    memoryMiB: 1024 * ((i % 8) + 1),
    wave: i % 40,
  }));
  return Buffer.from(JSON.stringify({ resources }), 'utf8');
}

/** The row as the database holds it. */
async function storedRow(knex: Knex, migrationId: string, name: string) {
  const row = await knex('artifacts')
    .where({ migration_id: migrationId, name })
    .first('content', 'content_encoding', 'size', 'sha256');
  return {
    content: Buffer.from(row.content),
    encoding: row.content_encoding as string,
    size: Number(row.size),
    sha256: row.sha256 as string,
  };
}

describe('KnexArtifactRecords', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnexMigrationStore;
    let migrationId: string;

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
      store = new KnexMigrationStore(knex);
      const { migration } = await store.createMigration(
        {
          id: randomUUID(),
          title: 'Move the webshop',
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs: ['resource:default/web-01'],
          owner: 'group:default/team-webshop',
          requestedBy: 'user:default/alice',
          options: {},
          gatedPhases: [],
        },
        { ...actor, action: 'migration.created' },
      );
      migrationId = migration.id;
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('stores a large JSON artifact gzip-compressed and reads back the same bytes', async () => {
      const content = bigJson(20_000);
      expect(content.length).toBeGreaterThan(COMPRESS_MIN_BYTES);

      const summary = await store.putArtifact({
        migrationId,
        name: 'assessment.json',
        mediaType: 'application/json',
        content,
        audit: actor,
      });
      // What users see describes the uncompressed content.
      expect(summary).toMatchObject({
        size: content.length,
        sha256: sha256(content),
      });

      const row = await storedRow(knex, migrationId, 'assessment.json');
      expect(row.encoding).toBe('gzip');
      expect(row.content.length).toBeLessThan(content.length / 4);
      expect(gunzipSync(row.content).equals(content)).toBe(true);
      expect(row).toMatchObject({
        size: content.length,
        sha256: sha256(content),
      });

      const read = await store.getArtifact(migrationId, 'assessment.json');
      expect(read?.content.equals(content)).toBe(true);
      expect(read?.summary).toMatchObject({
        size: content.length,
        sha256: sha256(content),
        mediaType: 'application/json',
      });

      const stored = await store.getStoredArtifact(
        migrationId,
        'assessment.json',
      );
      expect(stored?.encoding).toBe('gzip');
      expect(stored?.content.equals(row.content)).toBe(true);
      expect(stored?.summary.sha256).toBe(sha256(content));
    });

    it('stores small artifacts and compressed media types as they are', async () => {
      const small = Buffer.from('{"waves":[]}');
      await store.putArtifact({
        migrationId,
        name: 'small.json',
        mediaType: 'application/json',
        content: small,
        audit: actor,
      });
      // Random bytes under a zip media type: gzip would gain nothing.
      const zip = Buffer.concat([
        Buffer.from('PK\u0003\u0004'),
        Buffer.alloc(COMPRESS_MIN_BYTES * 2, 7),
      ]);
      await store.putArtifact({
        migrationId,
        name: 'bundle.zip',
        mediaType: 'application/zip',
        content: zip,
        audit: actor,
      });

      for (const [name, content] of [
        ['small.json', small],
        ['bundle.zip', zip],
      ] as const) {
        const row = await storedRow(knex, migrationId, name);
        expect(row.encoding).toBe('identity');
        expect(row.content.equals(content)).toBe(true);
        const read = await store.getArtifact(migrationId, name);
        expect(read?.content.equals(content)).toBe(true);
        expect(read?.summary.sha256).toBe(sha256(content));
      }
    });

    it('keeps content that does not shrink uncompressed', async () => {
      // Random bytes: nothing repeats for gzip to find.
      const noise = randomBytes(COMPRESS_MIN_BYTES * 2);
      await store.putArtifact({
        migrationId,
        name: 'noise.bin',
        mediaType: 'application/octet-stream',
        content: noise,
        audit: actor,
      });
      const row = await storedRow(knex, migrationId, 'noise.bin');
      expect(row.encoding).toBe('identity');
      expect(
        (await store.getArtifact(migrationId, 'noise.bin'))?.content.equals(
          noise,
        ),
      ).toBe(true);
    });

    it('replaces a compressed artifact with a small one and the other way round', async () => {
      const big = bigJson(5_000);
      const put = (content: Buffer) =>
        store.putArtifact({
          migrationId,
          name: 'report.json',
          mediaType: 'application/json',
          content,
          audit: actor,
        });
      await put(big);
      expect((await storedRow(knex, migrationId, 'report.json')).encoding).toBe(
        'gzip',
      );
      const small = Buffer.from('{"status":"pass"}');
      await put(small);
      expect(await storedRow(knex, migrationId, 'report.json')).toMatchObject({
        encoding: 'identity',
        size: small.length,
      });
      expect(
        (await store.getArtifact(migrationId, 'report.json'))?.content.equals(
          small,
        ),
      ).toBe(true);
      await put(big);
      expect(
        (await store.getArtifact(migrationId, 'report.json'))?.content.equals(
          big,
        ),
      ).toBe(true);
    });

    it('lists artifacts with the uncompressed size', async () => {
      const listed = await store.listArtifacts(migrationId);
      const assessment = listed.find(a => a.name === 'assessment.json');
      expect(assessment?.size).toBe(bigJson(20_000).length);
    });
  });

  it.each(databases.eachSupportedId())(
    'reads rows written before the encoding column as they are, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      // The schema before the encoding column, as an existing installation has it.
      await knex.migrate.down({
        directory: migrationsDir,
        name: ENCODING_MIGRATION,
      });
      expect(await knex.schema.hasColumn('artifacts', 'content_encoding')).toBe(
        false,
      );
      const content = bigJson(5_000);
      await knex('migrations').insert(MIGRATION_ROW);
      await knex('artifacts').insert({
        migration_id: 'm1',
        name: 'assessment.json',
        media_type: 'application/json',
        sha256: sha256(content),
        size: content.length,
        content,
        created_at: 1,
      });

      await knex.migrate.latest({ directory: migrationsDir });
      const store = new KnexMigrationStore(knex);
      const read = await store.getStoredArtifact('m1', 'assessment.json');
      expect(read?.encoding).toBe('identity');
      expect(read?.content.equals(content)).toBe(true);
      expect(
        (await store.getArtifact('m1', 'assessment.json'))?.content.equals(
          content,
        ),
      ).toBe(true);

      // Going back decompresses what was stored compressed, so nothing is lost.
      await store.putArtifact({
        migrationId: 'm1',
        name: 'plan-entities.json',
        mediaType: 'application/json',
        content,
        audit: actor,
      });
      await knex.migrate.down({
        directory: migrationsDir,
        name: ENCODING_MIGRATION,
      });
      expect(await knex.schema.hasColumn('artifacts', 'content_encoding')).toBe(
        false,
      );
      const back = await knex('artifacts')
        .where({ migration_id: 'm1', name: 'plan-entities.json' })
        .first('content');
      expect(Buffer.from(back.content).equals(content)).toBe(true);
      await knex.destroy();
    },
  );
});
