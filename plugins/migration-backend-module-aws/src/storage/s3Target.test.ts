import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { setupServer } from 'msw/node';
import { S3Client } from '@aws-sdk/client-s3';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { createFakeS3, type FakeS3 } from './__testUtils__/fakeS3';
import { EC2Client } from '@aws-sdk/client-ec2';
import { ConfigReader } from '@backstage/config';
import {
  DataMover,
  FileSource,
  MemoryManifestStore,
  createTransferTarget,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { createAwsCapabilities } from '../capabilities/awsCapabilities';
import { S3Target } from './s3Target';

const MiB = 1024 * 1024;
const server = setupServer();
registerMswTestHooks(server);

let fake: FakeS3;
let dir: string;
let client: S3Client;
let sourceFile: string;
let body: Buffer;

beforeEach(async () => {
  fake = createFakeS3();
  server.use(...fake.handlers);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-s3-'));
  body = randomBytes(12 * MiB + 4321);
  sourceFile = path.join(dir, 'db.dump');
  await fs.writeFile(sourceFile, body);
  client = new S3Client({
    region: 'us-east-1',
    credentials: {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'example-secret',
    },
    maxAttempts: 1,
    // msw answers without an interim `100 Continue`, on which the SDK would wait 6 s per part.
    expectContinueHeader: false,
  });
});
afterEach(async () => {
  client.destroy();
  await fs.rm(dir, { recursive: true, force: true });
});

const item = (
  target = new S3Target({
    client,
    bucket: 'landing-zone',
    key: 'wave-1/db.dump',
  }),
) => ({
  id: 'db',
  name: 'orders-db dump',
  source: new FileSource(sourceFile),
  target,
});

describe('S3Target', () => {
  it('uploads a multipart object with SHA-256 part checksums and verifies it by ranged reads', async () => {
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 5 * MiB,
      concurrency: 2,
    }).run([item()]);

    const stored = fake.objects.get('landing-zone/wave-1/db.dump')!;
    expect(createHash('sha256').update(stored.data).digest('hex')).toBe(
      createHash('sha256').update(body).digest('hex'),
    );
    // Our composite checksum equals the one S3 computed from the part checksums.
    expect(status.objects[0].sha256).toBe(stored.checksum);
    expect(status.objects[0].verified).toBe(true);
    expect(fake.calls.filter(c => c.op === 'UploadPart')).toHaveLength(3);
    expect(fake.calls.filter(c => c.op === 'GetObject')).toHaveLength(3);
    expect(status.objects[0].target).toBe('s3://landing-zone/wave-1/db.dump');
  });

  it('retries a part S3 rejected as BadDigest', async () => {
    fake.corruptPartsInTransit.add(2);
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 5 * MiB,
      retryDelayMs: 1,
    }).run([item()]);

    expect(status.errors).toHaveLength(1);
    expect(status.errors[0]).toMatchObject({ chunk: 1, retried: true });
    expect(status.errors[0].message).toMatch(
      /SHA256 you specified did not match/,
    );
    expect(
      fake.calls.filter(c => c.op === 'UploadPart' && c.partNumber === 2),
    ).toHaveLength(2);
    expect(
      fake.objects.get('landing-zone/wave-1/db.dump')!.data.equals(body),
    ).toBe(true);
  });

  it('resumes the same multipart upload, sending only the parts it had not finished', async () => {
    const store = new MemoryManifestStore();
    const controller = new AbortController();
    await expect(
      new DataMover({
        store,
        chunkSize: 5 * MiB,
        concurrency: 1,
        onChunkWritten: () => controller.abort(new Error('process stopped')),
      }).run([item()], controller.signal),
    ).rejects.toThrow('process stopped');
    const uploadId = (await store.load())!.objects[0].target.state.uploadId;
    expect(uploadId).toBeDefined();

    fake.calls.length = 0;
    await new DataMover({ store, chunkSize: 5 * MiB }).run([item()]);

    const parts = fake.calls.filter(c => c.op === 'UploadPart');
    expect(parts.map(p => p.partNumber).sort()).toEqual([2, 3]);
    expect(parts.every(p => p.uploadId === uploadId)).toBe(true);
    expect(fake.calls.some(c => c.op === 'CreateMultipartUpload')).toBe(false);
    expect(
      fake.objects.get('landing-zone/wave-1/db.dump')!.data.equals(body),
    ).toBe(true);
  });

  it('after a crash between upload and checkpoint, finds the uploaded part with ListParts', async () => {
    const store = new MemoryManifestStore();
    let frozen = false;
    const crashingStore = {
      load: () => store.load(),
      save: async (m: Parameters<typeof store.save>[0]) => {
        if (!frozen) await store.save(m);
      },
    };
    const controller = new AbortController();
    await expect(
      new DataMover({
        store: crashingStore,
        chunkSize: 5 * MiB,
        concurrency: 1,
        onChunkWritten: (_id, chunk) => {
          // Part 1 is checkpointed; part 2 reaches S3 but the process dies before recording it.
          if (chunk.index === 0) return;
          frozen = true;
          controller.abort(new Error('killed'));
        },
      }).run([item()], controller.signal),
    ).rejects.toThrow('killed');
    const saved = await store.load();
    expect(saved!.objects[0].chunks.map(c => c.done)).toEqual([
      true,
      false,
      false,
    ]);

    fake.calls.length = 0;
    await new DataMover({ store, chunkSize: 5 * MiB }).run([item()]);

    expect(fake.calls.filter(c => c.op === 'ListParts')).toHaveLength(1);
    expect(
      fake.calls.filter(c => c.op === 'UploadPart').map(c => c.partNumber),
    ).toEqual([3]);
    expect(
      fake.objects.get('landing-zone/wave-1/db.dump')!.data.equals(body),
    ).toBe(true);
  });

  it('uploads the object again when a read-back chunk does not match', async () => {
    fake.corruptReadsAt.add(5 * MiB);
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 5 * MiB,
    }).run([item()]);

    expect(status.errors).toEqual([
      expect.objectContaining({ chunk: 1, retried: true }),
    ]);
    expect(
      fake.calls.filter(c => c.op === 'CreateMultipartUpload'),
    ).toHaveLength(2);
    expect(fake.calls.filter(c => c.op === 'UploadPart')).toHaveLength(6);
    expect(status.objects[0].verified).toBe(true);
  });

  it('is built from s3:// URLs through the AWS capabilities', () => {
    const config = new ConfigReader({
      migration: { transfer: { s3: { bucket: 'landing-zone' } } },
    });
    const { storage } = createAwsCapabilities({
      config,
      clients: { s3: () => client, ec2: () => new EC2Client({}) },
    });
    const access = {
      storage: {
        lookup: (scheme: string) =>
          scheme === storage!.scheme ? storage : undefined,
        region: 'eu-west-1',
      },
    };
    expect(storage!.destination({ id: 'm-1', target: access.storage })).toBe(
      's3://landing-zone/migrations/m-1',
    );
    const target = createTransferTarget(
      's3://landing-zone/a%20b/c.img',
      access,
    );
    expect(target.description).toBe('s3://landing-zone/a b/c.img');
    expect(() => createTransferTarget('s3://landing-zone/', access)).toThrow(
      /s3:\/\/bucket\/key/,
    );
    expect(() => createTransferTarget('s3://b/k', {})).toThrow(
      /no installed cloud stores 's3:' objects/,
    );
    const unconfigured = createAwsCapabilities({
      config: new ConfigReader({}),
    }).storage!;
    expect(
      unconfigured.destination({ id: 'm-1', target: { region: 'eu-west-1' } }),
    ).toBeUndefined();
  });
});
