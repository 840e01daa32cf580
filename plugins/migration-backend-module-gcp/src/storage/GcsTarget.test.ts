import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { CRC32C, Storage } from '@google-cloud/storage';
import { setupServer } from 'msw/node';
import type { ManifestStore } from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  FileSource,
  MemoryManifestStore,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { createFakeGcs, type FakeGcs } from '../testUtils/fakeGcs';
import {
  FAST_RETRY,
  googleErrors,
  testAuth,
} from '../testUtils/googleTestAuth';
import { GcsTarget } from './GcsTarget';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const MiB = 1024 * 1024;
const SIZE = 3 * MiB + 12345;

let fake: FakeGcs;
let dir: string;
let file: string;
let body: Buffer;
let storage: Storage;

beforeEach(async () => {
  fake = createFakeGcs();
  server.use(...fake.handlers);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-gcs-'));
  body = randomBytes(SIZE);
  file = path.join(dir, 'orders.dump');
  await fs.writeFile(file, body);
  storage = new Storage({
    projectId: 'shop-prod-4711',
    authClient: testAuth(),
    retryOptions: { autoRetry: false },
  });
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const item = () => ({
  id: 'orders',
  name: 'orders-db dump',
  source: new FileSource(file),
  target: new GcsTarget({
    storage,
    bucket: 'landing-zone',
    key: 'migrations/m-1/orders.dump',
    retry: FAST_RETRY,
  }),
});

const mover = (store: ManifestStore, extra = {}) =>
  new DataMover({ store, chunkSize: MiB, retryDelayMs: 1, ...extra });

const crcOf = (data: Buffer) => {
  const crc = new CRC32C();
  crc.update(data);
  return crc.toString();
};

const stored = () =>
  fake.objects.get('landing-zone/migrations/m-1/orders.dump');
const puts = () => fake.calls.filter(c => c.op === 'put');

describe('GcsTarget', () => {
  it('uploads one resumable session chunk by chunk in order, the object CRC32C with the final chunk, and verifies by ranged reads', async () => {
    const status = await mover(new MemoryManifestStore(), {
      concurrency: 3,
    }).run([item()]);

    expect(stored()!.data.equals(body)).toBe(true);
    expect(status.objects[0]).toMatchObject({
      verified: true,
      target: 'gs://landing-zone/migrations/m-1/orders.dump',
    });
    expect(fake.calls.map(c => [c.op, c.range, c.hash, c.status])).toEqual([
      ['initiate', undefined, undefined, 200],
      ['put', `bytes 0-${MiB - 1}/${SIZE}`, undefined, 308],
      ['put', `bytes ${MiB}-${2 * MiB - 1}/${SIZE}`, undefined, 308],
      ['put', `bytes ${2 * MiB}-${3 * MiB - 1}/${SIZE}`, undefined, 308],
      [
        'put',
        `bytes ${3 * MiB}-${SIZE - 1}/${SIZE}`,
        `crc32c=${crcOf(body)}`,
        200,
      ],
      ['metadata', undefined, undefined, 200],
      ['download', `bytes=0-${MiB - 1}`, undefined, 206],
      ['download', `bytes=${MiB}-${2 * MiB - 1}`, undefined, 206],
      ['download', `bytes=${2 * MiB}-${3 * MiB - 1}`, undefined, 206],
      ['download', `bytes=${3 * MiB}-${SIZE - 1}`, undefined, 206],
    ]);
    expect(fake.sessions.get(fake.calls[0].session!)!.total).toBe(SIZE);
    // Verification reads the generation this upload made.
    expect(
      new Set(
        fake.calls.filter(c => c.op === 'download').map(c => c.generation),
      ),
    ).toEqual(new Set([stored()!.resource.generation]));
  });

  it('resumes the same session after the process stopped, asking the session what it holds', async () => {
    const store = new MemoryManifestStore();
    const controller = new AbortController();
    await expect(
      mover(store, {
        concurrency: 1,
        onChunkWritten: (_: string, chunk: { index: number }) => {
          if (chunk.index === 1) controller.abort(new Error('process stopped'));
        },
      }).run([item()], controller.signal),
    ).rejects.toThrow('process stopped');
    const session = (await store.load())!.objects[0].target.state.sessionUri;
    expect(session).toMatch(/upload_id=/);

    fake.calls.length = 0;
    await mover(store).run([item()]);

    expect(stored()!.data.equals(body)).toBe(true);
    // One question to the session, then only the chunks it does not hold: none is sent twice.
    expect(
      fake.calls.filter(c => c.op !== 'download').map(c => [c.op, c.range]),
    ).toEqual([
      ['query', 'bytes */*'],
      ['put', `bytes ${2 * MiB}-${3 * MiB - 1}/${SIZE}`],
      ['put', `bytes ${3 * MiB}-${SIZE - 1}/${SIZE}`],
      ['metadata', undefined],
    ]);
    expect(fake.calls.some(c => c.op === 'initiate')).toBe(false);
  });

  it('does not resend a chunk the session persisted before the manifest recorded it', async () => {
    const store = new MemoryManifestStore();
    let frozen = false;
    const crashing = {
      load: () => store.load(),
      save: async (m: Parameters<typeof store.save>[0]) => {
        if (!frozen) await store.save(m);
      },
    };
    const controller = new AbortController();
    await expect(
      mover(crashing, {
        concurrency: 1,
        onChunkWritten: (_: string, chunk: { index: number }) => {
          // Chunk 1 reaches Cloud Storage, but the process dies before recording it.
          if (chunk.index === 0) return;
          frozen = true;
          controller.abort(new Error('process stopped'));
        },
      }).run([item()], controller.signal),
    ).rejects.toThrow('process stopped');
    expect((await store.load())!.objects[0].chunks.map(c => c.done)).toEqual([
      true,
      false,
      false,
      false,
    ]);

    fake.calls.length = 0;
    await mover(store).run([item()]);

    expect(stored()!.data.equals(body)).toBe(true);
    expect(puts().map(c => c.range)).toEqual([
      `bytes ${2 * MiB}-${3 * MiB - 1}/${SIZE}`,
      `bytes ${3 * MiB}-${SIZE - 1}/${SIZE}`,
    ]);
  });

  it('sends the rest of a chunk Cloud Storage persisted only in part', async () => {
    fake.shortWrites.set(MiB, 256 * 1024);
    await mover(new MemoryManifestStore(), { concurrency: 1 }).run([item()]);
    expect(stored()!.data.equals(body)).toBe(true);
    expect(puts().map(c => c.range)).toEqual([
      `bytes 0-${MiB - 1}/${SIZE}`,
      `bytes ${MiB}-${2 * MiB - 1}/${SIZE}`,
      `bytes ${MiB + 256 * 1024}-${2 * MiB - 1}/${SIZE}`,
      `bytes ${2 * MiB}-${3 * MiB - 1}/${SIZE}`,
      `bytes ${3 * MiB}-${SIZE - 1}/${SIZE}`,
    ]);
  });

  it('a chunk corrupted in transit is refused when the upload is finalised, and the object is sent again', async () => {
    fake.corruptInTransit.add(MiB);
    const store = new MemoryManifestStore();
    const first = mover(store);
    const error = await first.run([item()]).catch(e => e);

    expect(first.status().errors[0].message).toMatch(
      /Cloud Storage refused gs:\/\/landing-zone\/migrations\/m-1\/orders\.dump \(Provided CRC32C ".+" doesn't match calculated CRC32C ".+"\.\); the object is sent again from its first chunk/,
    );
    // The final chunk's other attempts find no session left; they repeat why.
    expect(error.name).toBe('UploadRestartError');
    expect(error.message).toMatch(
      /^gs:\/\/landing-zone\/migrations\/m-1\/orders\.dump has no upload session \(Cloud Storage refused .*\); the object is sent again from its first chunk on the next run$/,
    );
    expect(puts()).toHaveLength(4);
    expect(stored()).toBeUndefined();
    const object = (await store.load())!.objects[0];
    expect(object.target.state).toEqual({});
    expect(object.chunks.every(c => !c.done)).toBe(true);

    fake.calls.length = 0;
    const status = await mover(store).run([item()]);
    expect(stored()!.data.equals(body)).toBe(true);
    expect(status.objects[0].verified).toBe(true);
    expect(fake.calls[0].op).toBe('initiate');
    expect(puts()).toHaveLength(4);
  });

  it('retries a rate-limited chunk after asking the session where it stands', async () => {
    fake.faults.push({
      op: 'put',
      status: 429,
      body: googleErrors.rateLimit429(),
      times: 1,
    });
    await mover(new MemoryManifestStore(), { concurrency: 1 }).run([item()]);
    expect(stored()!.data.equals(body)).toBe(true);
    expect(fake.calls.slice(1, 5).map(c => [c.op, c.status])).toEqual([
      ['put', 429],
      ['query', 308],
      ['put', 308],
      ['put', 308],
    ]);
  });

  it('uploads an empty object as one final request', async () => {
    await fs.writeFile(file, Buffer.alloc(0));
    const status = await mover(new MemoryManifestStore()).run([item()]);
    expect(stored()!.data.length).toBe(0);
    expect(status.objects[0].verified).toBe(true);
    expect(fake.calls.map(c => [c.op, c.range, c.hash, c.status])).toEqual([
      ['initiate', undefined, undefined, 200],
      ['put', 'bytes */0', `crc32c=${crcOf(Buffer.alloc(0))}`, 200],
      ['metadata', undefined, undefined, 200],
    ]);
  });

  it('refuses a chunk size Cloud Storage does not take, naming it', async () => {
    const error = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: MiB + 1,
    })
      .run([item()])
      .catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toBe(
      `chunkSize ${
        MiB + 1
      } of gs://landing-zone/migrations/m-1/orders.dump must be a multiple of 262144 bytes (256 KiB) for Cloud Storage resumable uploads`,
    );
    expect(fake.calls).toEqual([]);
  });

  it('cancels the session of a partial upload, and deletes only the generation it made', async () => {
    const store = new MemoryManifestStore();
    const controller = new AbortController();
    await mover(store, {
      concurrency: 1,
      onChunkWritten: () => controller.abort(new Error('stop')),
    })
      .run([item()], controller.signal)
      .catch(() => undefined);
    const partial = (await store.load())!.objects[0];
    await item().target.discard(partial);
    expect(fake.calls.at(-1)).toMatchObject({ op: 'cancel', status: 499 });
    expect(partial.target.state).toEqual({});

    const done = new MemoryManifestStore();
    await mover(done).run([item()]);
    const finished = (await done.load())!.objects[0];
    await item().target.discard(finished);
    expect(stored()).toBeUndefined();
    expect(fake.calls.at(-1)).toMatchObject({ op: 'delete', status: 204 });
  });
});
