import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  createCloudCapabilityLookup,
  createMockTaskContext,
  type ManifestChunk,
  type ManifestObject,
  type TaskContext,
  type TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  FileSource,
  FileTarget,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import knexFactory, { type Knex } from 'knex';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../__testUtils__/testDatabases';
import { isPermanentError } from '../../engine/taskErrors';
import { readExecutionConfig } from '../config';
import { claimedTaskContext } from './__testUtils__/claimedTaskContext';
import { planEntities, vm } from './__testUtils__/flowHarness';
import { moveData } from './moveData';
import {
  TRANSFER_JOURNAL,
  TransferManifestStore,
} from './transferManifestStore';

jest.setTimeout(120_000);

const KiB = 1024;
const MiB = 1024 * KiB;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-checkpoints-'));
  await fs.mkdir(path.join(dir, 'source'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function randomFile(name: string, size: number) {
  const file = path.join(dir, 'source', name);
  await fs.writeFile(file, randomBytes(size));
  return file;
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

/** The task context with the bytes of its checkpoint writes counted (journal + manifest artifact). */
function countingCheckpoints(ctx: TaskContext) {
  const counted = { bytes: 0, journalWrites: 0, manifestArtifacts: 0 };
  const size = (value: JsonValue) => JSON.stringify(value).length;
  const counting: TaskContext = {
    ...ctx,
    journal: {
      read: name => ctx.journal.read(name),
      async reset(name, base) {
        counted.bytes += size(base);
        counted.journalWrites++;
        await ctx.journal.reset(name, base);
      },
      async append(name, records) {
        counted.bytes += records.reduce<number>((n, r) => n + size(r), 0);
        counted.journalWrites++;
        await ctx.journal.append(name, records);
      },
    },
    artifacts: {
      ...ctx.artifacts,
      async put(name, data, options) {
        if (name === MIGRATION_ARTIFACTS.transferManifest.name) {
          counted.bytes += JSON.stringify(data, null, 2).length;
          counted.manifestArtifacts++;
        }
        return ctx.artifacts.put(name, data, options);
      },
    },
  };
  return { ctx: counting, counted };
}

/** A file target that counts chunk writes and read-backs. */
class CountingTarget implements TransferTarget {
  readonly rewritableAfterComplete = true;
  writes: number[] = [];
  readBacks = 0;
  constructor(private readonly inner: FileTarget) {}
  get description() {
    return this.inner.description;
  }
  begin(o: ManifestObject) {
    return this.inner.begin(o);
  }
  writeChunk(o: ManifestObject, c: ManifestChunk, data: Buffer) {
    this.writes.push(c.index);
    return this.inner.writeChunk(o, c, data);
  }
  flush(o: ManifestObject) {
    return this.inner.flush(o);
  }
  complete(o: ManifestObject) {
    return this.inner.complete(o);
  }
  readBack(o: ManifestObject, c: ManifestChunk) {
    this.readBacks++;
    return this.inner.readBack(o, c);
  }
  discard() {
    return this.inner.discard();
  }
  close() {
    return this.inner.close();
  }
}

/** The transfer settings of the tests: sources under `<dir>/source`, 256 KiB chunks. */
const transferConfig = () =>
  readExecutionConfig(
    mockServices.rootConfig({
      data: {
        migration: {
          transfer: {
            stagingDir: path.join(dir, 'staging'),
            allowedSourceRoots: [path.join(dir, 'source')],
            chunkSizeMiB: 0.25,
          },
        },
      },
    }),
  );

const auditRows = async (knex: Knex, migrationId: string) =>
  (await knex('audit_events')
    .where({ migration_id: migrationId })
    .orderBy('id')
    .select('action', 'detail')) as Array<{ action: string; detail: string }>;

describe('transfer checkpoints on the database', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'keeps progress in the task journal: checkpoint bytes within 1 % of the data, audit rows within the objects + 10, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const { ctx: real, migrationId } = await claimedTaskContext(knex);
      const files = [
        await randomFile('orders.dump', 6 * MiB + 77),
        await randomFile('logs.tar', 2 * MiB),
      ];
      await real.artifacts.put(
        MIGRATION_ARTIFACTS.planEntities.name,
        planEntities([
          vm('db-01', { tags: { 'transfer-source': `file://${files[0]}` } }),
          vm('log-01', { tags: { 'transfer-source': `file://${files[1]}` } }),
        ]),
      );
      const before = (await auditRows(knex, migrationId)).length;
      const { ctx, counted } = countingCheckpoints(real);

      const result = await moveData(
        ctx,
        transferConfig(),
        createCloudCapabilityLookup({}),
      );

      expect(result.objects).toBe(2);
      const data = 8 * MiB + 77;
      expect(counted.bytes / data).toBeLessThanOrEqual(0.01);
      // The manifest artifact is written whole when the run starts and when it ends.
      expect(counted.manifestArtifacts).toBe(2);
      const audit = (await auditRows(knex, migrationId)).slice(before);
      expect(audit.length).toBeLessThanOrEqual(2 + 10);
      expect(audit.every(a => a.action === 'artifact.stored')).toBe(true);

      // The journal holds the final manifest as its base, the artifact the same manifest.
      const journal = await real.journal.read(TRANSFER_JOURNAL);
      expect(journal!.records).toEqual([]);
      const manifest = await new TransferManifestStore(real).load();
      expect(
        manifest!.objects.every(
          o => o.verified && o.chunks.every(c => c.done && c.verified),
        ),
      ).toBe(true);
      expect(
        await real.artifacts.getJson(MIGRATION_ARTIFACTS.transferManifest.name),
      ).toEqual(JSON.parse(JSON.stringify(manifest)));
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'tries a failed journal write again without sending a chunk again, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const { ctx: real } = await claimedTaskContext(knex);
      let appends = 0;
      const ctx: TaskContext = {
        ...real,
        journal: {
          ...real.journal,
          async append(name, records) {
            // Every other write fails after it reached the database, like a lost connection.
            await real.journal.append(name, records);
            if (++appends % 2 === 1) throw new Error('Connection terminated');
          },
        },
      };
      const source = await randomFile('b.img', 24 * 64 * KiB);
      const target = new CountingTarget(
        new FileTarget(path.join(dir, 'b.out')),
      );
      const mover = new DataMover({
        store: new TransferManifestStore(ctx),
        chunkSize: 64 * KiB,
        checkpoint: { intervalMs: 0, retryDelayMs: 1 },
      });

      const status = await mover.run([
        { id: 'b', name: 'b', source: new FileSource(source), target },
      ]);

      expect(status.errors).toEqual([]);
      expect([...target.writes].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 24 }, (_, i) => i),
      );
      expect(mover.checkpointStats().failedAttempts).toBeGreaterThan(0);
      const manifest = await new TransferManifestStore(real).load();
      expect(manifest!.objects[0].chunks.every(c => c.done && c.verified)).toBe(
        true,
      );
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'resumes from the journal with the progress recorded after the manifest, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const { ctx } = await claimedTaskContext(knex);
      const source = await randomFile('a.img', 32 * 64 * KiB);
      const target = path.join(dir, 'a.out');
      const controller = new AbortController();
      let written = 0;
      await expect(
        new DataMover({
          store: new TransferManifestStore(ctx),
          chunkSize: 64 * KiB,
          concurrency: 1,
          onChunkWritten: () => {
            if (++written === 10) controller.abort(new Error('paused'));
          },
        }).run(
          [
            {
              id: 'a',
              name: 'a',
              source: new FileSource(source),
              target: new FileTarget(target),
            },
          ],
          controller.signal,
        ),
      ).rejects.toThrow('paused');

      const counting = new CountingTarget(new FileTarget(target));
      const status = await new DataMover({
        store: new TransferManifestStore(ctx),
        chunkSize: 64 * KiB,
      }).run([
        {
          id: 'a',
          name: 'a',
          source: new FileSource(source),
          target: counting,
        },
      ]);

      expect(status.objects[0].verified).toBe(true);
      expect(counting.writes.sort((a, b) => a - b)).toEqual(
        Array.from({ length: 22 }, (_, i) => i + 10),
      );
      expect(await sha256(target)).toBe(await sha256(source));
      await knex.destroy();
    },
  );
});

describe('transfer checkpoints while PostgreSQL terminates connections', () => {
  const databases = createTestDatabases(['POSTGRES_15']);

  /**
   * From a connection of its own, terminates every other backend of the database, over and over
   * until stopped: after a random pause of 50–250 ms it waits (up to 50 ms, polling every 2 ms)
   * for one of them to be in the middle of a statement or transaction, so that most terminations
   * hit a write in flight, and then terminates them all, idle pool connections included.
   */
  function terminateStorm(knex: Knex) {
    const killer = knexFactory({
      client: 'pg',
      connection: knex.client.config.connection,
      pool: { min: 1, max: 1 },
    });
    let stopped = false;
    const counts = { rounds: 0, terminated: 0, busy: 0 };
    const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));
    const busy = async () => {
      const { rows } = await killer.raw(
        `select count(*) as n from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid() and state <> 'idle'`,
      );
      return Number(rows[0].n);
    };
    const running = (async () => {
      while (!stopped) {
        await sleep(50 + Math.random() * 200);
        let found = 0;
        for (let waited = 0; waited < 50 && !found; waited += 2) {
          found = await busy();
          if (!found) await sleep(2);
        }
        const { rows } = await killer.raw(
          `select count(*) filter (where pg_terminate_backend(pid)) as n
             from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid()`,
        );
        counts.rounds++;
        counts.terminated += Number(rows[0].n);
        if (found) counts.busy++;
      }
    })();
    return {
      async stop() {
        stopped = true;
        await running;
        await killer.destroy();
        return counts;
      },
    };
  }

  it('re-sends no byte and spends no chunk attempt on checkpoint writes that fail', async () => {
    const knex = await initMigratedDatabase(databases, 'POSTGRES_15');
    const { ctx } = await claimedTaskContext(knex);
    const chunks = 48;
    const source = await randomFile('storm.img', chunks * 128 * KiB);
    const target = new CountingTarget(
      new FileTarget(path.join(dir, 'storm.out'), { durable: true }),
    );
    const mover = new DataMover({
      store: new TransferManifestStore(ctx),
      chunkSize: 128 * KiB,
      concurrency: 3,
      bandwidthLimitBytesPerSecond: 3 * MiB,
      checkpoint: { intervalMs: 50 },
    });

    const storm = terminateStorm(knex);
    let status;
    try {
      status = await mover.run([
        { id: 'storm', name: 'storm', source: new FileSource(source), target },
      ]);
    } finally {
      const counts = await storm.stop();
      expect(counts.rounds).toBeGreaterThan(10);
      expect(counts.terminated).toBeGreaterThan(10);
      expect(counts.busy).toBeGreaterThan(5);
    }

    expect(status.objects[0].verified).toBe(true);
    // Every chunk went to the target once, on its first attempt.
    expect([...target.writes].sort((a, b) => a - b)).toEqual(
      Array.from({ length: chunks }, (_, i) => i),
    );
    expect(status.errors).toEqual([]);
    const stats = mover.checkpointStats();
    expect(stats.progressWrites).toBeGreaterThan(5);
    // The storm did hit checkpoint writes; they were tried again on their own.
    expect(stats.failedAttempts).toBeGreaterThanOrEqual(1);
    expect(await sha256(path.join(dir, 'storm.out'))).toBe(
      await sha256(source),
    );
    const manifest = await new TransferManifestStore(ctx).load();
    expect(manifest!.objects[0].chunks.every(c => c.done && c.verified)).toBe(
      true,
    );
    await knex.destroy();
  });
});

describe('a transfer source that cannot be read', () => {
  it('fails the task for good at once, naming the file and the source roots', async () => {
    const missing = path.join(dir, 'source', 'gone.dump');
    const { ctx } = createMockTaskContext({
      migration: { options: { rehearsal: true } },
      artifacts: {
        [MIGRATION_ARTIFACTS.planEntities.name]: planEntities([
          vm('db-01', { tags: { 'transfer-source': `file://${missing}` } }),
        ]),
      },
    });

    const error = await moveData(
      ctx,
      transferConfig(),
      createCloudCapabilityLookup({}),
    ).catch(e => e);

    expect(error.name).toBe('NotFoundError');
    expect(isPermanentError(error)).toBe(true);
    expect(error.message).toBe(
      `Source file ${missing} does not exist (source roots: ${path.join(
        dir,
        'source',
      )})`,
    );
  });
});
