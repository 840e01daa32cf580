import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type {
  ManifestChunk,
  ManifestObject,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import { DataMover } from './dataMover';
import { FileManifestStore, MemoryManifestStore } from './manifestStores';
import { FileSource } from './sources/fileSource';
import { FileTarget } from './targets/fileTarget';
import { killMover } from './__testUtils__/killMover';

const KiB = 1024;

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-verify-on-write-'));
});
afterEach(async () => {
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

const bootId = () =>
  readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** A local file target that logs reads back and flips a bit of one chunk's first `times` writes. */
class CorruptingFileTarget extends FileTarget {
  readBacks: Array<{ index: number; completed: boolean }> = [];
  corrupted = 0;
  constructor(
    file: string,
    private readonly chunkIndex = -1,
    private readonly times = 0,
  ) {
    super(file);
  }
  writeChunk(o: ManifestObject, c: ManifestChunk, data: Buffer) {
    if (c.index !== this.chunkIndex || this.corrupted >= this.times) {
      return super.writeChunk(o, c, data);
    }
    this.corrupted++;
    const copy = Buffer.from(data);
    copy[17] ^= 0x40;
    return super.writeChunk(o, c, copy);
  }
  readBack(o: ManifestObject, c: ManifestChunk, s?: AbortSignal, b?: Buffer) {
    this.readBacks.push({ index: c.index, completed: o.completed });
    return super.readBack(o, c, s, b);
  }
}

const item = (source: string, target: FileTarget) => ({
  id: 'object',
  name: 'object',
  source: new FileSource(source),
  target,
});

/** The manifest's object without what differs between two runs (times, the boot). */
function comparable(manifest: TransferManifest) {
  const { target: _target, ...object } = manifest.objects[0];
  return object;
}

describe('verifying local files as they are written', () => {
  it('reads each chunk back before completion and records the same manifest as a pass after it', async () => {
    const source = await randomFile('a.img', 10 * 64 * KiB + 5);
    const onWrite = new CorruptingFileTarget(path.join(dir, 'a.out'));
    const after = new CorruptingFileTarget(path.join(dir, 'b.out'));
    const stores = [new MemoryManifestStore(), new MemoryManifestStore()];
    const options = { chunkSize: 64 * KiB, statusIntervalMs: 0 };

    const [fast, slow] = [
      await new DataMover({ ...options, store: stores[0] }).run([
        item(source, onWrite),
      ]),
      await new DataMover({
        ...options,
        store: stores[1],
        verifyOnWrite: false,
      }).run([item(source, after)]),
    ];

    // Each chunk was read back once, before the object was completed.
    expect(onWrite.readBacks).toHaveLength(11);
    expect(onWrite.readBacks.every(r => !r.completed)).toBe(true);
    expect(after.readBacks.every(r => r.completed)).toBe(true);
    const { target: _a, ...fastObject } = fast.objects[0];
    const { target: _b, ...slowObject } = slow.objects[0];
    expect(fastObject).toEqual(slowObject);
    expect(fast.bytesTransferred).toBe(slow.bytesTransferred);
    const [a, b] = [(await stores[0].load())!, (await stores[1].load())!];
    expect(comparable(a)).toEqual(comparable(b));
    expect(a.objects[0].chunks.every(c => c.done && c.verified)).toBe(true);
    expect(a.objects[0].target.state).toEqual({ bootId: bootId() });
    expect(await sha256(path.join(dir, 'a.out'))).toBe(await sha256(source));
  });

  it('detects a chunk written wrong and sends it again', async () => {
    const source = await randomFile('c.img', 5 * 64 * KiB);
    const target = new CorruptingFileTarget(path.join(dir, 'c.out'), 2, 1);
    const written: number[] = [];

    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 64 * KiB,
      onChunkWritten: (_id, c) => written.push(c.index),
    }).run([item(source, target)]);

    expect(target.corrupted).toBe(1);
    expect(status.errors).toEqual([
      expect.objectContaining({ chunk: 2, resource: 'object', retried: true }),
    ]);
    expect(status.errors[0].message).toMatch(/does not match its source/);
    expect(written.filter(i => i === 2)).toHaveLength(2);
    expect(written).toHaveLength(6);
    expect(status.objects[0].verified).toBe(true);
    expect(await sha256(path.join(dir, 'c.out'))).toBe(await sha256(source));
  });

  it('resumes a transfer killed mid-copy, reading back only chunks not verified', async () => {
    const chunk = 64 * KiB;
    const chunks = 40;
    const source = await randomFile('k.img', chunks * chunk);
    const file = path.join(dir, 'k.out');
    const manifestFile = path.join(dir, 'manifest.json');

    const killed = await killMover(
      [source, file, manifestFile, String(chunk), '2', String(chunk * 20)],
      seen => seen.verified.size >= 8,
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.stderr).toBe('');
    const atKill = (await new FileManifestStore(manifestFile).load())!
      .objects[0];
    expect(atKill.completed).toBe(false);
    const verifiedAtKill = atKill.chunks
      .filter(c => c.verified)
      .map(c => c.index);
    expect(verifiedAtKill.length).toBeGreaterThanOrEqual(1);
    expect(atKill.chunks.filter(c => c.verified && !c.done)).toEqual([]);

    const target = new CorruptingFileTarget(file);
    const resent: number[] = [];
    const status = await new DataMover({
      store: new FileManifestStore(manifestFile),
      chunkSize: chunk,
      onChunkWritten: (_id, c) => resent.push(c.index),
    }).run([item(source, target)]);

    expect(status.objects[0].verified).toBe(true);
    expect(resent.filter(i => killed.written.has(i))).toEqual([]);
    const readBack = target.readBacks.map(r => r.index);
    expect(readBack.filter(i => verifiedAtKill.includes(i))).toEqual([]);
    expect(await sha256(file)).toBe(await sha256(source));
  }, 30_000);

  it('reads back again after a reboot what an earlier boot recorded as verified', async () => {
    const chunk = 64 * KiB;
    const source = await randomFile('r.img', 4 * chunk);
    const file = path.join(dir, 'r.out');
    const store = new MemoryManifestStore();
    const mover = () =>
      new DataMover({ store, chunkSize: chunk, maxRepairs: 1 });
    await mover()
      .run([item(source, new FileTarget(file))], AbortSignal.abort())
      .catch(() => undefined);
    // A checkpoint from another boot: every chunk sent and verified, but a crash of the machine
    // lost chunk 1 before it reached the disk.
    const data = await fs.readFile(source);
    const saved = (await store.load())!;
    saved.objects[0].target.state.bootId = 'another-boot';
    for (const c of saved.objects[0].chunks) {
      const bytes = data.subarray(c.offset, c.offset + c.length);
      const digest = createHash('sha256').update(bytes).digest('hex');
      Object.assign(c, { done: true, verified: true, sha256: digest });
    }
    await store.save(saved);
    const lost = Buffer.from(data).fill(0, chunk, 2 * chunk);
    await fs.writeFile(`${file}.partial`, lost);

    const target = new CorruptingFileTarget(file);
    const status = await mover().run([item(source, target)]);

    // All four read back after completion; chunk 1 then looked up at the target before it was
    // sent again (a resumed object), and read back after it was written.
    expect(target.readBacks.map(r => r.index).sort()).toEqual([
      0, 1, 1, 1, 2, 3,
    ]);
    expect(saved.objects[0].target.state.bootId).toBe('another-boot');
    expect((await store.load())!.objects[0].target.state).toEqual({
      bootId: bootId(),
    });
    expect(status.errors).toEqual([
      expect.objectContaining({ chunk: 1, retried: true }),
    ]);
    expect(status.objects[0].verified).toBe(true);
    expect(await sha256(file)).toBe(await sha256(source));
  });
});
