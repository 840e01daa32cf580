/*
 * S3Target against s3rver, a real S3 emulator: no msw here, real HTTP to 127.0.0.1.
 *
 * What s3rver 3.7 lacks, and what that means for these tests:
 * - no checksums: it neither checks `x-amz-checksum-sha256` on UploadPart (so a corrupted part
 *   is stored, not refused with BadDigest as S3 does) nor returns part or object checksums, so
 *   the mover's read-back verification is what catches a bad part;
 * - no ListParts and no AbortMultipartUpload (405 MethodNotAllowed): a resumed upload cannot ask
 *   which parts arrived, so the part that was in flight at the kill is sent again.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import {
  DataMover,
  FileSource,
  MemoryManifestStore,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import type { TransferManifest } from '@sirsi-nexus/plugin-migration-node';
import { S3Target } from './s3Target';
import {
  startS3rver,
  uploadParts,
  type RunningS3rver,
} from './__testUtils__/startS3rver';

const MiB = 1024 * 1024;
const BUCKET = 'landing-zone';
const KEY = 'wave-1/orders-db.dump';

let s3: RunningS3rver;
let dir: string;
let sourceFile: string;
let body: Buffer;

beforeEach(async () => {
  s3 = await startS3rver(BUCKET);
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-s3rver-src-'));
  body = randomBytes(17 * MiB + 4321);
  sourceFile = path.join(dir, 'orders-db.dump');
  await fs.writeFile(sourceFile, body);
});
afterEach(async () => {
  await s3.stop();
  await fs.rm(dir, { recursive: true, force: true });
});

const item = (client = s3.client()) => ({
  id: 'orders-db',
  name: 'orders-db dump',
  source: new FileSource(sourceFile),
  target: new S3Target({ client, bucket: BUCKET, key: KEY }),
});

async function stored(): Promise<Buffer> {
  const response = await s3
    .client()
    .send(new GetObjectCommand({ Bucket: BUCKET, Key: KEY }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

const sha256 = (data: Buffer) =>
  createHash('sha256').update(data).digest('hex');

/** Part numbers uploaded, in ascending order. */
const partNumbers = (requests: Parameters<typeof uploadParts>[0]) =>
  uploadParts(requests)
    .map(p => p.partNumber)
    .sort((a, b) => a - b);

describe('S3Target against s3rver', () => {
  it('moves a whole object through the DataMover and verifies it part by part', async () => {
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 5 * MiB,
      concurrency: 2,
    }).run([item()]);

    expect(status.state).toBe('completed');
    expect(status.objects[0]).toMatchObject({
      verified: true,
      bytesTransferred: body.length,
    });
    const parts = uploadParts(s3.requests);
    expect(parts.map(p => p.partNumber).sort()).toEqual([1, 2, 3, 4]);
    expect(new Set(parts.map(p => p.uploadId)).size).toBe(1);
    // Verification reads every part back with a ranged GET.
    expect(
      s3.requests.filter(
        r => r.method === 'GET' && r.path === `/${BUCKET}/${KEY}`,
      ),
    ).toHaveLength(4);
    expect(sha256(await stored())).toBe(sha256(body));
  });

  it('resumes a killed transfer from the manifest, sending at most the one part that was in flight', async () => {
    const store = new MemoryManifestStore();
    let frozen = false;
    // The process dies after part 3 reached s3rver and before the manifest recorded it.
    const crashingStore = {
      load: () => store.load(),
      save: async (manifest: TransferManifest) => {
        if (!frozen) await store.save(manifest);
      },
    };
    const controller = new AbortController();
    await expect(
      new DataMover({
        store: crashingStore,
        chunkSize: 5 * MiB,
        concurrency: 1,
        // Every part is recorded as soon as it is up (by default they are recorded in batches,
        // and a resumed upload asks ListParts for those written since the last batch).
        checkpoint: { intervalMs: 0 },
        onChunkWritten: (_id, chunk) => {
          if (chunk.index < 2) return;
          frozen = true;
          controller.abort(new Error('killed'));
        },
      }).run([item()], controller.signal),
    ).rejects.toThrow('killed');
    const saved = await store.load();
    expect(saved!.objects[0].chunks.map(c => c.done)).toEqual([
      true,
      true,
      false,
      false,
    ]);
    // Parts go up concurrently: their order on the wire is not fixed.
    expect(partNumbers(s3.requests)).toEqual([1, 2, 3]);

    const before = s3.requests.length;
    const status = await new DataMover({ store, chunkSize: 5 * MiB }).run([
      item(),
    ]);

    const resumed = s3.requests.slice(before);
    // s3rver has no ListParts: asked once, answered 405, so part 3 goes again.
    expect(
      resumed.filter(r => r.method === 'GET' && r.query.has('uploadId')),
    ).toHaveLength(1);
    expect(partNumbers(resumed)).toEqual([3, 4]);
    expect(
      resumed.some(r => r.method === 'POST' && r.query.has('uploads')),
    ).toBe(false);
    const all = uploadParts(s3.requests);
    expect(all).toHaveLength(4 + 1);
    expect(new Set(all.map(p => p.uploadId)).size).toBe(1);
    expect(status.objects[0].verified).toBe(true);
    expect(sha256(await stored())).toBe(sha256(body));
  });

  it('detects a part whose bytes changed on the way by verification and sends the object again', async () => {
    const client = s3.client();
    let corrupted = false;
    // Flips a byte of part 2's body after the SDK set its SHA-256 header: S3 would answer
    // BadDigest, s3rver stores it.
    client.middlewareStack.add(
      (next, context) => async args => {
        const input = args.input as { PartNumber?: number };
        if (
          context.commandName === 'UploadPartCommand' &&
          input.PartNumber === 2 &&
          !corrupted
        ) {
          corrupted = true;
          const request = args.request as { body: unknown };
          const copy = Buffer.from(request.body as Uint8Array);
          copy[1234] ^= 0xff;
          request.body = copy;
        }
        return next(args);
      },
      { step: 'build', priority: 'low', name: 'corruptPartTwoOnce' },
    );

    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 5 * MiB,
      concurrency: 1,
    }).run([item(client)]);

    expect(corrupted).toBe(true);
    expect(status.errors).toEqual([
      expect.objectContaining({
        chunk: 1,
        retried: true,
        message:
          'Chunk 1 read back from the target does not match its source digest',
      }),
    ]);
    expect(status.objects[0].verified).toBe(true);
    expect(sha256(await stored())).toBe(sha256(body));
    // An S3 object cannot be patched: a new upload of all four parts.
    expect(
      s3.requests.filter(r => r.method === 'POST' && r.query.has('uploads')),
    ).toHaveLength(2);
    const parts = uploadParts(s3.requests);
    expect(parts).toHaveLength(8);
    expect(new Set(parts.map(p => p.uploadId)).size).toBe(2);
  });
});
