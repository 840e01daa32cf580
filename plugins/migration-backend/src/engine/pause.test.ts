import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type {
  ManifestStore,
  TaskContext,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  FileSource,
  FileTarget,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import type { Knex } from 'knex';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  stopEnginesAndCancel,
  waitFor,
  waitForStatus,
  type TestEngine,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

jest.setTimeout(90_000);

const CHUNK = 64 * 1024;
const CHUNKS = 40;

/** The manifest kept as an artifact of the migration, so a resumed run continues from it. */
function artifactManifestStore(ctx: TaskContext): ManifestStore {
  return {
    load: () => ctx.artifacts.getJson<TransferManifest>('test-manifest.json'),
    save: async manifest => {
      await ctx.artifacts.put(
        'test-manifest.json',
        JSON.parse(JSON.stringify(manifest)),
      );
    },
  };
}

function sha256(content: Buffer) {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * Pausing a migration stops its running data transfer at the next part instead of letting it
 * run to the end: the task is handed back (not failed, its attempt not used) and resume finishes
 * the file from the checkpoint.
 */
describe('pausing a migration mid-transfer', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let dir: string;
    const running: TestEngine[] = [];

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
    });

    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pause-'));
    });

    afterEach(async () => {
      await stopEnginesAndCancel(running, knex);
      await fs.rm(dir, { recursive: true, force: true });
    });

    /** A transfer task of one file through a real DataMover, throttled so it takes seconds. */
    async function transferExecutors() {
      const source = path.join(dir, 'disk.img');
      const target = path.join(dir, 'staging', 'disk.img');
      const content = randomBytes(CHUNK * CHUNKS);
      await fs.writeFile(source, content);
      const writes: Array<{
        chunk: number;
        afterPause: boolean;
        afterAbort: boolean;
      }> = [];
      const state = { paused: false };
      const { executors } = countingExecutors({
        environment: {
          // One attempt: a pause that counted as a failed attempt would fail the migration.
          maxAttempts: 1,
          async run(ctx) {
            const fileTarget = new FileTarget(target);
            const mover = new DataMover({
              store: artifactManifestStore(ctx),
              chunkSize: CHUNK,
              concurrency: 1,
              bandwidthLimitBytesPerSecond: 8 * CHUNK,
              onChunkWritten: (_id, chunk) =>
                writes.push({
                  chunk: chunk.index,
                  afterPause: state.paused,
                  afterAbort: ctx.signal.aborted,
                }),
            });
            const status = await mover.run(
              [
                {
                  id: 'disk',
                  name: 'disk.img',
                  source: new FileSource(source),
                  target: fileTarget,
                },
              ],
              ctx.signal,
            );
            return { bytes: status.totalBytes };
          },
        },
      });
      return { executors, writes, state, content, target };
    }

    it.each([
      ['on the replica running the task', 'same'],
      ['from another replica (seen at the next heartbeat)', 'other'],
    ])('stops target writes within one part %s', async (_title, via) => {
      const { executors, writes, state, content, target } =
        await transferExecutors();
      const worker = createTestEngine({ knex, executors, workerId: 'worker' });
      running.push(worker);
      await worker.engine.start();
      const api =
        via === 'same'
          ? worker
          : createTestEngine({
              knex,
              executors,
              workerId: 'api',
              engine: { workerEnabled: false },
            });
      const { migration } = await api.service.create(createRequest(), alice);
      await waitFor(() => writes.length >= 5, 20_000, 'five parts written');

      state.paused = true;
      const paused = await api.service.pause(migration.id, alice);
      expect(paused).toMatchObject({ status: 'paused', pausing: true });

      // The task is handed back: ready, not failed, its attempt not used.
      const task = await waitFor(
        async () => {
          const row = await knex('tasks')
            .where({ migration_id: migration.id, phase: 'environment' })
            .first();
          return row.status === 'ready' ? row : undefined;
        },
        10_000,
        'the transfer task to be handed back',
      );
      expect(task).toMatchObject({ attempts: 0, error: null });
      expect(task.message).toMatch(/^Paused/);
      const stopped = await api.store.getMigration(migration.id);
      expect(stopped?.status).toBe('paused');
      expect(stopped?.pausing).toBeUndefined();
      await waitFor(() => worker.engine.worker.runningCount === 0);

      // Once the run learnt of the pause (at once on its own replica, at the next heartbeat on
      // another), at most the part in flight was written.
      expect(writes.filter(w => w.afterAbort).length).toBeLessThanOrEqual(1);
      // On its own replica the run learns of the pause within the call itself.
      const sincePause = writes.filter(w =>
        via === 'same' ? w.afterPause : w.afterAbort,
      );
      expect(sincePause.length).toBeLessThanOrEqual(1);
      const writtenBeforeResume = writes.length;
      expect(writtenBeforeResume).toBeLessThan(CHUNKS);
      const events = await api.store.listAuditEvents(migration.id, {
        limit: 500,
      });
      expect(events.map(e => e.action)).toContain('task.released');
      expect(events.map(e => e.action)).not.toContain('task.failed');

      state.paused = false;
      await api.service.resume(migration.id, alice);
      await waitForStatus(api.store, migration.id, 'completed', 30_000);

      expect(sha256(await fs.readFile(target))).toBe(sha256(content));
      // Resumed from the checkpoint: the parts written before the pause were not sent again.
      const resent = writes
        .slice(writtenBeforeResume)
        .filter(w =>
          writes
            .slice(0, writtenBeforeResume - 1)
            .some(before => before.chunk === w.chunk),
        );
      expect(resent).toEqual([]);
      const done = await knex('tasks')
        .where({ migration_id: migration.id, phase: 'environment' })
        .first();
      expect(done).toMatchObject({ status: 'succeeded', attempts: 1 });
    });
  });
});
