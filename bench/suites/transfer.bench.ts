/**
 * The data mover against `cp` + `sha256sum` and rclone on the same disk, and the cost of a crash.
 *
 * 1. A 2 GiB file moved with verification versus two peers (issue 16 item 3), local file to
 *    local directory as the mover's target: SHA-256 of each 8 MiB chunk as it is read (the
 *    manifest's digests), written, read back into a second buffer at once and compared byte for
 *    byte with the source's (a local file target can be read before completion). Peers: `cp` of
 *    the same file followed by `sha256sum` of the copy, and `rclone copy --checksum` (rclone's
 *    defaults; it checks the copy's MD5 against the source's). Throughput of each, best of three
 *    rounds (the contestants alternate in the orders of `copyPeers.ts` `ROUNDS`, each run after
 *    the previous target is removed and synced and the source read into the page cache again —
 *    rclone drops it from the cache as it reads);
 *    target ≥ 1.0× each peer. Notes: the mover before (`verifyOnWrite: false`), same rounds.
 *    Without rclone installed its row says the peer is unavailable.
 * 2. Kill-and-resume: the mover runs in a child process that is SIGKILLed a quarter of the way
 *    through; a second run resumes from the manifest. Printed: bytes the killed run had finished
 *    writing that the resumed run sent again (target ≤ one chunk).
 * 3. Checkpoints through the backend: `transfer.data` (moveData) moves 1 GiB in 1 MiB chunks with
 *    a real task context on a fresh PostgreSQL database. Printed: the bytes its checkpoints wrote
 *    (task journal + manifest artifact) per byte moved (target ≤ 1 %), and the audit rows the
 *    transfer added (target ≤ objects + 10). Baseline: the code before, which saved the whole
 *    manifest as an artifact after every chunk — (chunks + 5) saves of the final manifest as the
 *    artifact stores it (pretty JSON), one audit row each; measured on that code: 1,029 saves,
 *    182 MB (17 % of 1 GiB), 1,029 rows.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import type { BenchRow, BenchSuite } from '../lib';
import { copyRounds, settle } from './copyPeers';
import { bestMiBPerSecond, seconds, timed } from '../lib';
import { randomUUID } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import knexFactory, { type Knex } from 'knex';
import { MIGRATION_ARTIFACTS } from '../../plugins/migration-common/src';
import {
  createCloudCapabilityLookup,
  type TaskContext,
  type TransferManifest,
} from '../../plugins/migration-node/src';
import {
  DataMover,
  FileManifestStore,
  FileSource,
  FileTarget,
  MemoryManifestStore,
} from '../../plugins/migration-transfer-node/src/transfer';
import { applyDatabaseMigrations } from '../../plugins/migration-backend/src/database/migrateDatabase';
import { readExecutionConfig } from '../../plugins/migration-backend/src/executors/config';
import { moveData } from '../../plugins/migration-backend/src/executors/transfer/moveData';
import { claimedTaskContext } from '../../plugins/migration-backend/src/executors/transfer/__testUtils__/claimedTaskContext';
import {
  planEntities,
  vm,
} from '../../plugins/migration-backend/src/executors/transfer/__testUtils__/flowHarness';

const MiB = 1024 * 1024;
const SIZE = 2048 * MiB;
const CHUNK = 8 * MiB;
const OUT = path.join(__dirname, '..', 'out', 'transfer');

export function generate(file: string, size = SIZE) {
  if (fs.existsSync(file) && fs.statSync(file).size === size) return;
  const fd = fs.openSync(file, 'w');
  const block = Buffer.allocUnsafe(64 * MiB);
  for (let written = 0; written < size; written += block.length) {
    randomFillSync(block);
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
}

/** One verified move; `verifyOnWrite: false` is the mover before: a read-back pass after completion. */
async function moveOnce(source: string, target: string, verifyOnWrite = true) {
  await settle(target, source);
  const mover = new DataMover({
    store: new MemoryManifestStore(),
    verifyOnWrite,
  });
  const { ms, result } = await timed(() =>
    mover.run([
      {
        id: 'image',
        name: 'image',
        source: new FileSource(source),
        target: new FileTarget(target),
      },
    ]),
  );
  if (!result.objects[0].verified) throw new Error('transfer not verified');
  return ms;
}

async function killAndResume(source: string, target: string) {
  const manifest = path.join(OUT, 'manifest.json');
  await fsp.rm(target, { force: true });
  await fsp.rm(`${target}.partial`, { force: true });
  await fsp.rm(manifest, { force: true });
  const chunks = SIZE / CHUNK;
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(
        __dirname,
        '..',
        '..',
        'plugins/migration-transfer-node/src/transfer/__testUtils__/moverChild.ts',
      ),
      source,
      target,
      manifest,
      String(CHUNK),
      '4',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const written = new Set<number>();
  const exited = new Promise<void>(resolve =>
    child.on('exit', () => resolve()),
  );
  let buffered = '';
  child.stdout.on('data', data => {
    buffered += data;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const match = /^written (\d+)$/.exec(line);
      if (match) written.add(Number(match[1]));
    }
    if (written.size >= chunks / 4 && child.exitCode === null)
      child.kill('SIGKILL');
  });
  await exited;
  const checkpoint = await new FileManifestStore(manifest).load();
  const doneAtKill = checkpoint!.objects[0].chunks.filter(c => c.done).length;

  const resent: number[] = [];
  await new DataMover({
    store: new FileManifestStore(manifest),
    chunkSize: CHUNK,
    onChunkWritten: (_id, chunk) => resent.push(chunk.index),
  }).run([
    {
      id: 'object',
      name: 'object',
      source: new FileSource(source),
      target: new FileTarget(target),
    },
  ]);
  const sentTwice = resent.filter(i => written.has(i)).length * CHUNK;
  return {
    sentTwice,
    writtenBeforeKill: written.size,
    doneAtKill,
    resent: resent.length,
  };
}

/** A fresh PostgreSQL database with the plugin's schema, dropped after `fn`. */
async function withDatabase<T>(fn: (knex: Knex) => Promise<T>) {
  const url = new URL(
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING ??
      'postgresql://postgres@127.0.0.1:5432',
  );
  const name = `bench_transfer_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const admin = knexFactory({ client: 'pg', connection: url.toString() });
  await admin.raw('create database ??', [name]);
  url.pathname = `/${name}`;
  const knex = knexFactory({ client: 'pg', connection: url.toString() });
  try {
    await applyDatabaseMigrations(knex);
    return await fn(knex);
  } finally {
    await knex.destroy();
    await admin.raw('drop database if exists ?? with (force)', [name]);
    await admin.destroy();
  }
}

/** The task context with the bytes its checkpoints write counted: journal and manifest artifact. */
function countingCheckpoints(ctx: TaskContext) {
  const counted = { bytes: 0, journalWrites: 0 };
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
        const summary = await ctx.artifacts.put(name, data, options);
        if (name === MIGRATION_ARTIFACTS.transferManifest.name) {
          counted.bytes += summary.size;
        }
        return summary;
      },
    },
  };
  return { ctx: counting, counted };
}

/**
 * What the code before wrote for the same transfer: the whole manifest, pretty-printed as the
 * artifact stores it, when the run started and the object began, after every chunk sent (with
 * one more chunk done each time), after the last chunk, on completion and at the end.
 */
function beforeBytes(manifest: TransferManifest) {
  const object = manifest.objects[0];
  const sent = object.chunks.map(({ verified: _v, ...chunk }) => chunk);
  const pristine = sent.map(c => ({
    index: c.index,
    offset: c.offset,
    length: c.length,
    done: false,
  }));
  const save = (done: number) =>
    Buffer.byteLength(
      JSON.stringify(
        {
          ...manifest,
          objects: [
            {
              ...object,
              verified: false,
              chunks: [...sent.slice(0, done), ...pristine.slice(done)],
            },
          ],
        },
        null,
        2,
      ),
    );
  let bytes = 2 * save(0) + 3 * save(sent.length);
  for (let done = 1; done <= sent.length; done++) bytes += save(done);
  return { bytes, saves: sent.length + 5 };
}

/** `transfer.data` of one 1 GiB object in 1 MiB chunks on PostgreSQL: its checkpoints and audit rows. */
export async function checkpointRows(source: string): Promise<BenchRow[]> {
  const size = fs.statSync(source).size;
  const chunk = MiB;
  return withDatabase(async knex => {
    const { ctx: real, migrationId } = await claimedTaskContext(knex);
    await real.artifacts.put(
      MIGRATION_ARTIFACTS.planEntities.name,
      planEntities([
        vm('db-01', { tags: { 'transfer-source': `file://${source}` } }),
      ]),
    );
    const audit = async () =>
      Number(
        (await knex('audit_events')
          .where({ migration_id: migrationId })
          .count({ n: '*' })
          .first())!.n,
      );
    const before = await audit();
    const { ctx, counted } = countingCheckpoints(real);
    const config = readExecutionConfig(
      mockServices.rootConfig({
        data: {
          migration: {
            transfer: {
              stagingDir: path.join(OUT, 'staging'),
              allowedSourceRoots: [OUT],
              chunkSizeMiB: chunk / MiB,
            },
          },
        },
      }),
    );
    const { ms, result } = await timed(() =>
      moveData(ctx, config, createCloudCapabilityLookup({})),
    );
    const rows = (await audit()) - before;
    const old = beforeBytes(
      (await real.artifacts.getJson(
        MIGRATION_ARTIFACTS.transferManifest.name,
      )) as unknown as TransferManifest,
    );
    return [
      {
        name: 'checkpoint bytes / data bytes (1 GiB, 1 MiB chunks, PostgreSQL)',
        value: (counted.bytes / size) * 100,
        unit: '%',
        baseline: {
          name: 'whole manifest per chunk, before (replayed)',
          value: (old.bytes / size) * 100,
        },
        target: { op: '<=', value: 1 },
        notes: `${(counted.bytes / 1e6).toFixed(2)} MB in ${
          counted.journalWrites
        } journal writes and 2 manifest artifacts; moved in ${(
          ms / 1000
        ).toFixed(
          1,
        )} s; before (measured on that code): 1,029 saves, 182 MB, 17 %`,
      },
      {
        name: 'audit rows per transfer',
        value: rows,
        unit: 'rows',
        baseline: {
          name: 'one per manifest save, before',
          value: old.saves,
        },
        target: { op: '<=', value: result.objects + 10 },
        notes: `${result.objects} object(s); before (measured): 1,029 artifact.stored rows`,
      },
    ];
  });
}

const suite: BenchSuite = {
  name: 'transfer',
  async run(): Promise<BenchRow[]> {
    await fsp.mkdir(OUT, { recursive: true });
    const source = path.join(OUT, 'source-2GiB.img');
    const target = path.join(OUT, 'target.img');
    try {
      generate(source);
      const { mover, before, baseline, rclone, rclonePeer } = await copyRounds(
        source,
        target,
        path.join(OUT, 'rclone-target'),
        () => moveOnce(source, target),
        () => moveOnce(source, target, false),
      );
      const moverRate = bestMiBPerSecond(SIZE, mover);
      const baselineRate = bestMiBPerSecond(SIZE, baseline);
      const resume = await killAndResume(source, target);
      const gib = path.join(OUT, 'source-1GiB.img');
      generate(gib, 1024 * MiB);
      const checkpoints = await checkpointRows(gib);
      return [
        {
          name: 'move 2 GiB with verification',
          value: moverRate,
          unit: 'MiB/s',
          peer: {
            name: 'cp + sha256sum',
            value: baselineRate,
            better: 'higher',
          },
          target: { op: '>=', value: 1, of: 'peer' },
          notes: `mover ${seconds(mover)} s, cp+sha256sum ${seconds(
            baseline,
          )} s; 8 MiB chunks, 4 in flight, each read back as written; before (read-back pass after completion, same run): ${bestMiBPerSecond(
            SIZE,
            before,
          ).toFixed(0)} MiB/s, ${seconds(before)} s`,
        },
        {
          name: 'move 2 GiB with verification, vs rclone',
          value: moverRate,
          unit: 'MiB/s',
          peer: rclonePeer,
          target: { op: '>=', value: 1, of: 'peer' },
          notes: rclonePeer.unavailable
            ? ''
            : `mover ${seconds(mover)} s, rclone ${seconds(
                rclone,
              )} s; local file to local directory, rclone's defaults`,
        },
        {
          name: 'kill-and-resume: bytes sent twice',
          value: resume.sentTwice / MiB,
          unit: 'MiB',
          target: { op: '<=', value: CHUNK / MiB },
          notes: `killed after ${resume.writtenBeforeKill} of ${
            SIZE / CHUNK
          } chunks written (${
            resume.doneAtKill
          } checkpointed); resumed run wrote ${resume.resent}`,
        },
        ...checkpoints,
      ];
    } finally {
      await fsp.rm(OUT, { recursive: true, force: true });
    }
  },
};

export default suite;
