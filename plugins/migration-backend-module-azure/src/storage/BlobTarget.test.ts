import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  type ContainerClient,
} from '@azure/storage-blob';
import { ConfigReader } from '@backstage/config';
import type {
  ObjectStorage,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  FileSource,
  MemoryManifestStore,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { createAzureCapabilities } from '../capabilities/azureCapabilities';
import {
  DEV_ACCOUNT,
  DEV_ACCOUNT_KEY,
  startAzurite,
  type Azurite,
} from './__testUtils__/azurite';
import {
  startTamperingProxy,
  type TamperingProxy,
} from './__testUtils__/tamperingProxy';
import { blockIdOf } from './blockIds';

jest.setTimeout(60_000);

const MiB = 1024 * 1024;
const CHUNK = 4 * MiB;
const CONTAINER = 'landing-zone';

let azurite: Azurite;
let proxy: TamperingProxy;
let container: ContainerClient;
let storage: ObjectStorage;
let dir: string;
let sourceFile: string;
let body: Buffer;
let url: string;

beforeAll(async () => {
  azurite = await startAzurite();
  proxy = await startTamperingProxy(azurite);
  const accountUrl = `http://127.0.0.1:${proxy.port}/${DEV_ACCOUNT}`;
  container = new BlobServiceClient(
    accountUrl,
    new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY),
  ).getContainerClient(CONTAINER);
  await container.create();
  storage = createAzureCapabilities({
    config: new ConfigReader({
      migration: {
        transfer: {
          blob: {
            accountUrl,
            container: CONTAINER,
            accountKey: DEV_ACCOUNT_KEY,
          },
        },
      },
    }),
  }).storage!;
});

afterAll(async () => {
  await proxy?.stop();
  await azurite?.stop();
});

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-blob-'));
  body = randomBytes(3 * CHUNK + 4321);
  sourceFile = path.join(dir, 'db.dump');
  await fs.writeFile(sourceFile, body);
  url = `${storage.destination({
    id: `m-${Date.now()}`,
    target: { region: 'westeurope' },
  })}/orders-db/db.dump`;
  proxy.calls.length = 0;
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const item = () => ({
  id: 'db',
  name: 'orders-db/db.dump',
  source: new FileSource(sourceFile),
  target: storage.target(url, { region: 'westeurope', field: 'target' }),
});

const blobName = () => url.split(`/${CONTAINER}/`)[1];
const sha256 = (data: Buffer) =>
  createHash('sha256').update(data).digest('hex');
const blockOf = (index: number) =>
  blockIdOf({
    index,
    sha256: sha256(body.subarray(index * CHUNK, (index + 1) * CHUNK)),
  });
const staged = () =>
  proxy.calls.filter(c => c.method === 'PUT' && c.comp === 'block');
const committed = () =>
  proxy.calls.filter(c => c.method === 'PUT' && c.comp === 'blocklist');

async function stored() {
  return container.getBlockBlobClient(blobName()).downloadToBuffer();
}

describe('BlobTarget on Azurite', () => {
  it('moves an object as MD5-checked staged blocks, commits them in order and verifies by ranged reads', async () => {
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: CHUNK,
      concurrency: 2,
    }).run([item()]);

    const reads = proxy.calls.filter(c => c.method === 'GET' && c.range);
    expect((await stored()).equals(body)).toBe(true);
    expect(status.objects[0]).toMatchObject({ verified: true, target: url });
    expect(url).toMatch(
      /^azblob:\/\/devstoreaccount1\/landing-zone\/migrations\/m-\d+\/orders-db\/db\.dump$/,
    );
    expect(
      staged()
        .map(c => c.blockId)
        .sort(),
    ).toEqual([0, 1, 2, 3].map(blockOf).sort());
    expect(staged().every(c => c.status === 201)).toBe(true);
    expect(committed()).toHaveLength(1);
    expect(reads.map(c => c.range)).toEqual(
      [0, 1, 2, 3].map(
        i => `bytes=${i * CHUNK}-${Math.min(body.length, (i + 1) * CHUNK) - 1}`,
      ),
    );

    const blob = container.getBlockBlobClient(blobName());
    const list = await blob.getBlockList('committed');
    expect(list.committedBlocks!.map(b => b.name)).toEqual(
      [0, 1, 2, 3].map(blockOf),
    );
    expect((await blob.getProperties()).metadata).toEqual({
      sirsi_object_id: 'db',
      sirsi_sha256: status.objects[0].sha256,
    });
  });

  it('after a kill between staging and checkpoint, finds the staged block and sends only the rest', async () => {
    const store = new MemoryManifestStore();
    let frozen = false;
    const crashing = {
      load: () => store.load(),
      save: async (m: TransferManifest) => {
        if (!frozen) await store.save(m);
      },
    };
    const controller = new AbortController();
    await expect(
      new DataMover({
        store: crashing,
        chunkSize: CHUNK,
        concurrency: 1,
        onChunkWritten: (_id, chunk) => {
          // Chunk 0 is checkpointed; chunk 1 is staged but the process dies before recording it.
          if (chunk.index === 0) return;
          frozen = true;
          controller.abort(new Error('killed'));
        },
      }).run([item()], controller.signal),
    ).rejects.toThrow('killed');
    expect((await store.load())!.objects[0].chunks.map(c => c.done)).toEqual([
      true,
      false,
      false,
      false,
    ]);

    proxy.calls.length = 0;
    const status = await new DataMover({ store, chunkSize: CHUNK }).run([
      item(),
    ]);

    expect(
      proxy.calls.filter(c => c.method === 'GET' && c.comp === 'blocklist'),
    ).toHaveLength(1);
    expect(
      staged()
        .map(c => c.blockId)
        .sort(),
    ).toEqual([blockOf(2), blockOf(3)].sort());
    expect(status.objects[0].verified).toBe(true);
    expect((await stored()).equals(body)).toBe(true);
  });

  it('sends a block again that the service rejected for its MD5', async () => {
    proxy.corrupt.blocks.add(blockOf(1));
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: CHUNK,
      retryDelayMs: 1,
    }).run([item()]);

    expect(status.errors).toEqual([
      expect.objectContaining({
        chunk: 1,
        retried: true,
        message: expect.stringMatching(
          /Md5Mismatch: The MD5 value specified in the request did not match/,
        ),
      }),
    ]);
    expect(
      staged()
        .filter(c => c.blockId === blockOf(1))
        .map(c => c.status),
    ).toEqual([400, 201]);
    expect((await stored()).equals(body)).toBe(true);
  });

  it('stages and commits again only the block that read back wrong', async () => {
    proxy.corrupt.ranges.add(`bytes=${2 * CHUNK}-${3 * CHUNK - 1}`);
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: CHUNK,
    }).run([item()]);

    expect(status.errors).toEqual([
      expect.objectContaining({ chunk: 2, retried: true }),
    ]);
    expect(
      staged()
        .map(c => c.blockId)
        .sort(),
    ).toEqual([0, 1, 2, 2, 3].map(blockOf).sort());
    // The repaired block is committed after it was staged again, and only it is read back
    // again: the others were verified before and their blocks did not change.
    expect(proxy.calls.map(c => c.comp).slice(-3)).toEqual([
      'block',
      'blocklist',
      '',
    ]);
    expect(committed()).toHaveLength(2);
    expect(status.objects[0].verified).toBe(true);
    expect((await stored()).equals(body)).toBe(true);
  });

  it('rolls back by deleting the blob, uncommitted blocks included', async () => {
    const controller = new AbortController();
    const store = new MemoryManifestStore();
    await expect(
      new DataMover({
        store,
        chunkSize: CHUNK,
        concurrency: 1,
        onChunkWritten: () => controller.abort(new Error('stopped')),
      }).run([item()], controller.signal),
    ).rejects.toThrow('stopped');
    const blob = container.getBlockBlobClient(blobName());
    expect(
      (await blob.getBlockList('uncommitted')).uncommittedBlocks,
    ).toHaveLength(1);

    await storage.remove(url, { region: 'westeurope' });
    await expect(blob.getBlockList('all')).rejects.toMatchObject({
      statusCode: 404,
    });

    await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: CHUNK,
    }).run([item()]);
    await storage.remove(url, { region: 'westeurope' });
    expect(await blob.exists()).toBe(false);
    // Removing what is gone is done.
    await storage.remove(url, { region: 'westeurope' });
  });

  it('only serves azblob URLs of the configured account', () => {
    expect(storage.scheme).toBe('azblob');
    expect(storage.describe()).toBe(
      `azblob://${DEV_ACCOUNT}/${CONTAINER}/migrations`,
    );
    expect(() =>
      storage.target('azblob://otheraccount/landing-zone/x.dump', {
        region: 'westeurope',
        field: 'transfer.target',
      }),
    ).toThrow(
      "transfer.target: 'azblob://otheraccount/landing-zone/x.dump' is not in storage account devstoreaccount1",
    );
    expect(() =>
      storage.target(`azblob://${DEV_ACCOUNT}/landing-zone`, {
        region: 'westeurope',
        field: 'transfer.target',
      }),
    ).toThrow('must look like azblob://<account>/<container>/<path>');
  });
});
