import fs from 'node:fs/promises';
import fsSync from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type {
  ManifestChunk,
  ManifestObject,
  ManifestProgress,
  ManifestStore,
  TransferManifest,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';
import { DataMover } from './dataMover';
import { createTransferSource } from './endpoints';
import { FileManifestStore, MemoryManifestStore } from './manifestStores';
import { FileSource } from './sources/fileSource';
import { FileTarget } from './targets/fileTarget';
import { killMover } from './__testUtils__/killMover';

const KiB = 1024;
const MiB = 1024 * KiB;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-checkpoints-'));
});
afterEach(async () => {
  jest.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

async function randomFile(name: string, size: number) {
  const file = path.join(dir, name);
  await fs.writeFile(file, randomBytes(size));
  return file;
}

const sha256 = async (file: string) =>
  createHash('sha256')
    .update(await fs.readFile(file))
    .digest('hex');

/** A memory store that counts what it is given and can fail progress writes on demand. */
class CountingStore implements ManifestStore {
  readonly inner = new MemoryManifestStore();
  saves = 0;
  progressWrites = 0;
  bytes = 0;
  calls = 0;
  constructor(
    private readonly fails: (call: number) => boolean = () => false,
  ) {}
  load() {
    return this.inner.load();
  }
  async save(manifest: TransferManifest) {
    this.saves++;
    this.bytes += JSON.stringify(manifest).length;
    await this.inner.save(manifest);
  }
  async saveProgress(progress: ManifestProgress[]) {
    if (this.fails(++this.calls)) {
      throw new Error('terminating connection due to administrator command');
    }
    this.progressWrites++;
    this.bytes += JSON.stringify(progress).length;
    await this.inner.saveProgress(progress);
  }
}

/** A file target that counts chunk writes and read-backs. */
class CountingTarget implements TransferTarget {
  readonly rewritableAfterComplete = true;
  writes: number[] = [];
  readBacks: number[] = [];
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
  complete(o: ManifestObject) {
    return this.inner.complete(o);
  }
  existingChunk(o: ManifestObject, c: ManifestChunk) {
    return this.inner.existingChunk(o, c);
  }
  readBack(o: ManifestObject, c: ManifestChunk) {
    this.readBacks.push(c.index);
    return this.inner.readBack(o, c);
  }
  discard() {
    return this.inner.discard();
  }
  close() {
    return this.inner.close();
  }
}

const item = (source: string, target: TransferTarget) => ({
  id: 'object',
  name: 'object',
  source: new FileSource(source),
  target,
});

describe('DataMover checkpoints', () => {
  it('records progress in batches: checkpoint bytes within 1 % of the data, two whole saves', async () => {
    const size = 64 * MiB;
    const source = await randomFile('a.img', size);
    const store = new CountingStore();
    const mover = new DataMover({ store, chunkSize: MiB });

    const status = await mover.run([
      item(source, new FileTarget(path.join(dir, 'a.out'))),
    ]);

    expect(status.objects[0].verified).toBe(true);
    // The manifest is saved whole when the run starts and when it ends ...
    expect(store.saves).toBe(2);
    // ... and the 64 chunks sent and verified in between are recorded in far fewer writes.
    expect(store.progressWrites).toBeGreaterThan(0);
    expect(store.progressWrites).toBeLessThan(64);
    expect(store.bytes / size).toBeLessThanOrEqual(0.01);
    expect(mover.checkpointStats()).toMatchObject({
      saves: 2,
      progressWrites: store.progressWrites,
      failedAttempts: 0,
    });
    const saved = (await store.load())!.objects[0];
    expect(saved.chunks.every(c => c.done && c.verified)).toBe(true);
    expect(saved).toMatchObject({ completed: true, verified: true });
  });

  it('tries a failed checkpoint write again without costing a chunk an attempt or a resend', async () => {
    const source = await randomFile('b.img', 24 * 64 * KiB);
    // Every other progress write fails, like writes during a storm of terminated connections.
    const store = new CountingStore(call => call % 2 === 1);
    const target = new CountingTarget(new FileTarget(path.join(dir, 'b.out')));
    const mover = new DataMover({
      store,
      chunkSize: 64 * KiB,
      checkpoint: { intervalMs: 0, retryDelayMs: 1 },
    });

    const status = await mover.run([item(source, target)]);

    expect(status.errors).toEqual([]);
    expect([...target.writes].sort((a, b) => a - b)).toEqual(
      Array.from({ length: 24 }, (_, i) => i),
    );
    expect(mover.checkpointStats().failedAttempts).toBeGreaterThan(0);
    const saved = (await store.load())!.objects[0];
    expect(saved.chunks.every(c => c.done && c.verified)).toBe(true);
    expect(await sha256(path.join(dir, 'b.out'))).toBe(await sha256(source));
  });

  it('fails the transfer when the store stays down, without spending chunk attempts', async () => {
    const source = await randomFile('c.img', 16 * 64 * KiB);
    const store = new CountingStore(() => true);
    const target = new CountingTarget(new FileTarget(path.join(dir, 'c.out')));
    const mover = new DataMover({
      store,
      chunkSize: 64 * KiB,
      concurrency: 2,
      checkpoint: { maxAttempts: 2, retryDelayMs: 1, chunks: 1 },
    });

    await expect(mover.run([item(source, target)])).rejects.toThrow(
      "Recording the transfer's progress failed 2 time(s): terminating connection due to administrator command",
    );
    // No chunk was retried or sent twice for it.
    expect(mover.status().errors.filter(e => e.chunk !== undefined)).toEqual(
      [],
    );
    expect(new Set(target.writes).size).toBe(target.writes.length);
    expect(target.writes.length).toBeLessThan(16);
  });

  it('records what was finished when the run is stopped between two batches', async () => {
    const source = await randomFile('d.img', 32 * 64 * KiB);
    const store = new CountingStore();
    const controller = new AbortController();
    let written = 0;
    const mover = new DataMover({
      store,
      chunkSize: 64 * KiB,
      concurrency: 1,
      checkpoint: { intervalMs: 60_000, chunks: 1000 },
      onChunkWritten: () => {
        if (++written === 5) controller.abort(new Error('paused'));
      },
    });

    await expect(
      mover.run(
        [item(source, new FileTarget(path.join(dir, 'd.out')))],
        controller.signal,
      ),
    ).rejects.toThrow('paused');

    const saved = (await store.load())!.objects[0];
    expect(saved.chunks.filter(c => c.done).map(c => c.index)).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('resumes a transfer killed during verification, reading back only chunks not verified', async () => {
    const chunk = 64 * KiB;
    const chunks = 40;
    const source = await randomFile('e.img', chunks * chunk);
    const target = path.join(dir, 'e.out');
    const manifestFile = path.join(dir, 'manifest.json');

    const killed = await killMover(
      [
        source,
        target,
        manifestFile,
        String(chunk),
        '2',
        String(chunk * 40),
        '50',
        'after',
      ],
      seen => seen.verified.size >= 12,
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toBe('');
    expect(killed.written.size).toBe(chunks);

    const atKill = (await new FileManifestStore(manifestFile).load())!
      .objects[0];
    expect(atKill.completed).toBe(true);
    const verifiedAtKill = atKill.chunks.filter(c => c.verified).length;
    expect(verifiedAtKill).toBeGreaterThanOrEqual(1);
    expect(verifiedAtKill).toBeLessThan(chunks);

    const counting = new CountingTarget(new FileTarget(target));
    const status = await new DataMover({
      store: new FileManifestStore(manifestFile),
      chunkSize: chunk,
    }).run([item(source, counting)]);

    expect(status.objects[0].verified).toBe(true);
    expect(counting.writes).toEqual([]);
    // Only what the checkpoint did not record as verified is read again.
    expect(counting.readBacks).toHaveLength(chunks - verifiedAtKill);
    const verifiedBefore = atKill.chunks
      .filter(c => c.verified)
      .map(c => c.index);
    expect(counting.readBacks.filter(i => verifiedBefore.includes(i))).toEqual(
      [],
    );
    expect(await sha256(target)).toBe(await sha256(source));
  }, 30_000);
});

describe('sources that cannot be read', () => {
  const access = () => ({ allowedRoots: [dir, '/srv/exports'] });

  it('fails at once when the source file does not exist, naming it and the source roots', async () => {
    const file = path.join(dir, 'missing.img');
    const source = createTransferSource(`file://${file}`, access());
    const stat = jest.spyOn(source, 'stat');
    const mover = new DataMover({ store: new MemoryManifestStore() });

    const error = await mover
      .run([
        {
          id: 'm',
          name: 'm',
          source,
          target: new FileTarget(path.join(dir, 'm.out')),
        },
      ])
      .catch(e => e);

    expect(error.name).toBe('NotFoundError');
    expect(error.message).toBe(
      `Source file ${file} does not exist (source roots: ${dir}, /srv/exports)`,
    );
    expect(stat).toHaveBeenCalledTimes(1);
    expect(mover.status().errors.filter(e => e.retried)).toEqual([]);
  });

  it('fails at once when the source file cannot be read', async () => {
    const file = await randomFile('secret.img', 1024);
    const denied = Object.assign(
      new Error(`EACCES: permission denied, open '${file}'`),
      { code: 'EACCES' },
    );
    const open = jest
      .spyOn(fsSync.promises, 'open')
      .mockRejectedValueOnce(denied);

    const error = await createTransferSource(`file://${file}`, access())
      .stat()
      .catch(e => e);

    expect(open).toHaveBeenCalledTimes(1);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toBe(
      `Source file ${file} cannot be read: permission denied (source roots: ${dir}, /srv/exports)`,
    );
  });

  it('refuses a directory as a source', async () => {
    const error = await createTransferSource(`file://${dir}`, access())
      .stat()
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toContain(`${dir} is not a regular file`);
  });
});

describe('FileManifestStore', () => {
  const manifest = (): TransferManifest => ({
    version: 1,
    updatedAt: '2026-12-06T10:00:00.000Z',
    objects: [
      {
        id: 'o',
        name: 'o',
        source: 'file:///s',
        target: { description: 'file:///t', state: {} },
        size: 20,
        chunkSize: 10,
        chunks: [
          { index: 0, offset: 0, length: 10, done: false },
          { index: 1, offset: 10, length: 10, done: false },
        ],
        state: 'running',
        completed: false,
        verified: false,
      },
    ],
  });
  const fields = (m: TransferManifest) => {
    const { chunks: _chunks, ...rest } = m.objects[0];
    return rest;
  };

  it('appends progress after the manifest and applies it on load; a new save drops it', async () => {
    const file = path.join(dir, 'm', 'manifest.json');
    const store = new FileManifestStore(file, { durable: true });
    const m = manifest();
    await store.save(m);
    await store.saveProgress([
      {
        object: fields(m),
        chunks: [{ index: 1, offset: 10, length: 10, done: true, sha256: 'b' }],
      },
    ]);
    const stale = await fs.readFile(`${file}.progress`, 'utf8');
    // A line torn by a crash while it was appended is skipped.
    await fs.appendFile(`${file}.progress`, '{"token":"x","reco');

    const loaded = await new FileManifestStore(file).load();
    expect(loaded!.objects[0].chunks.map(c => c.done)).toEqual([false, true]);
    expect(loaded).not.toHaveProperty('progressToken');

    await store.save(m);
    // A crash between the new save and dropping the old lines: they no longer apply.
    await fs.writeFile(`${file}.progress`, stale);
    const again = await new FileManifestStore(file).load();
    expect(again!.objects[0].chunks.map(c => c.done)).toEqual([false, false]);
  });
});
