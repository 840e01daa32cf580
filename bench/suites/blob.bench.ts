/**
 * The Blob target against the file target, on the same data and in the same process: 512 MiB
 * moved with verification (chunked SHA-256 on read, staged blocks with their MD5, commit, ranged
 * read-back and compare) into Azure Blob Storage served by the real Azurite emulator on
 * 127.0.0.1, and into a local file; beside them the Azure SDK's own `uploadFile` (8 MiB blocks, 4
 * in flight, no verification) into the same Azurite. Azurite is a Node.js emulator writing to
 * local disk, so these ratios measure our target's protocol cost on top of the emulator, not
 * Azure's network: against the SDK's upload they say what verification and resumability cost.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { ConfigReader } from '@backstage/config';
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
} from '@azure/storage-blob';
import type { BenchRow, BenchSuite } from '../lib';
import { bestMiBPerSecond, seconds, timed } from '../lib';
import {
  DataMover,
  FileSource,
  FileTarget,
  MemoryManifestStore,
} from '../../plugins/migration-transfer-node/src/transfer';
import type { TransferTarget } from '../../plugins/migration-node/src';
import { createAzureCapabilities } from '../../plugins/migration-backend-module-azure/src/capabilities/azureCapabilities';
import {
  DEV_ACCOUNT,
  DEV_ACCOUNT_KEY,
  startAzurite,
} from '../../plugins/migration-backend-module-azure/src/storage/__testUtils__/azurite';

const MiB = 1024 * 1024;
const SIZE = 512 * MiB;
const CHUNK = 8 * MiB;
const CONTAINER = 'bench';
const OUT = path.join(__dirname, '..', 'out', 'blob');

function generate(file: string) {
  const fd = fs.openSync(file, 'w');
  const block = Buffer.allocUnsafe(64 * MiB);
  for (let written = 0; written < SIZE; written += block.length) {
    randomFillSync(block);
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
}

async function move(source: string, target: TransferTarget) {
  const mover = new DataMover({
    store: new MemoryManifestStore(),
    chunkSize: CHUNK,
  });
  const { ms, result } = await timed(() =>
    mover.run([
      { id: 'image', name: 'image', source: new FileSource(source), target },
    ]),
  );
  if (!result.objects[0].verified) throw new Error('transfer not verified');
  return ms;
}

const suite: BenchSuite = {
  name: 'blob',
  async run(): Promise<BenchRow[]> {
    await fsp.mkdir(OUT, { recursive: true });
    const source = path.join(OUT, 'source-512MiB.img');
    const azurite = await startAzurite();
    try {
      generate(source);
      execFileSync('cat', [source], { stdio: ['ignore', 'ignore', 'inherit'] });
      const storage = createAzureCapabilities({
        config: new ConfigReader({
          migration: {
            transfer: {
              blob: {
                accountUrl: azurite.accountUrl,
                container: CONTAINER,
                accountKey: DEV_ACCOUNT_KEY,
              },
            },
          },
        }),
      }).storage!;
      const service = new BlobServiceClient(
        azurite.accountUrl,
        new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY),
      ).getContainerClient(CONTAINER);
      await service.create();
      const blob: number[] = [];
      const file: number[] = [];
      const sdk: number[] = [];
      for (let round = 0; round < 2; round++) {
        const url = `${storage.destination({
          id: `bench-${round}`,
          target: { region: 'westeurope' },
        })}/image.img`;
        blob.push(
          await move(
            source,
            storage.target(url, { region: 'westeurope', field: 'target' }),
          ),
        );
        const fileTarget = path.join(OUT, `target-${round}.img`);
        file.push(await move(source, new FileTarget(fileTarget)));
        await fsp.rm(fileTarget, { force: true });
        const upload = await timed(() =>
          service
            .getBlockBlobClient(`sdk-${round}.img`)
            .uploadFile(source, { blockSize: CHUNK, concurrency: 4 }),
        );
        sdk.push(upload.ms);
      }
      const blobRate = bestMiBPerSecond(SIZE, blob);
      const fileRate = bestMiBPerSecond(SIZE, file);
      const sdkRate = bestMiBPerSecond(SIZE, sdk);
      return [
        {
          name: 'move 512 MiB into Blob (Azurite) with verification',
          value: blobRate,
          unit: 'MiB/s',
          baseline: { name: 'file target, same mover', value: fileRate },
          notes: `Blob ${seconds(blob)} s, file ${seconds(
            file,
          )} s; 8 MiB blocks with MD5, read back`,
        },
        {
          name: 'Blob target throughput / file target',
          value: blobRate / fileRate,
          unit: '×',
        },
        {
          name: 'Blob target (verified, resumable) / SDK uploadFile',
          value: blobRate / sdkRate,
          unit: '×',
          notes: `SDK uploadFile ${seconds(sdk)} s (${sdkRate.toFixed(
            0,
          )} MiB/s) into the same Azurite`,
        },
      ];
    } finally {
      await azurite.stop();
      await fsp.rm(OUT, { recursive: true, force: true });
    }
  },
};

export default suite;
