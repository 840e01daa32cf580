/**
 * The data mover against `cp` + `sha256sum` on the same disk, and the cost of a crash.
 *
 * 1. A 2 GiB file moved with verification (chunked SHA-256 on read, write, read-back and compare)
 *    versus `cp` of the same file followed by `sha256sum` of the copy. Throughput of both, best
 *    of two rounds, and their ratio (target ≥ 0.85×).
 * 2. Kill-and-resume: the mover runs in a child process that is SIGKILLed a quarter of the way
 *    through; a second run resumes from the manifest. Printed: bytes the killed run had finished
 *    writing that the resumed run sent again (target ≤ one chunk).
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import type { BenchRow, BenchSuite } from '../lib';
import { timed } from '../lib';
import {
  DataMover,
  FileManifestStore,
  FileSource,
  FileTarget,
  MemoryManifestStore,
} from '../../plugins/migration-transfer-node/src/transfer';

const MiB = 1024 * 1024;
const SIZE = 2048 * MiB;
const CHUNK = 8 * MiB;
const OUT = path.join(__dirname, '..', 'out', 'transfer');

function generate(file: string) {
  if (fs.existsSync(file) && fs.statSync(file).size === SIZE) return;
  const fd = fs.openSync(file, 'w');
  const block = Buffer.allocUnsafe(64 * MiB);
  for (let written = 0; written < SIZE; written += block.length) {
    randomFillSync(block);
    fs.writeSync(fd, block);
  }
  fs.closeSync(fd);
}

/** Removes the previous target and writes back dirty pages, so no run pays for another's writes. */
async function settle(target: string) {
  await fsp.rm(target, { force: true });
  execFileSync('sync');
}

async function moveOnce(source: string, target: string) {
  await settle(target);
  const mover = new DataMover({ store: new MemoryManifestStore() });
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

async function baselineOnce(source: string, target: string) {
  await settle(target);
  const { ms } = await timed(() => {
    execFileSync('cp', [source, target]);
    execFileSync('sha256sum', [target], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  });
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

const suite: BenchSuite = {
  name: 'transfer',
  async run(): Promise<BenchRow[]> {
    await fsp.mkdir(OUT, { recursive: true });
    const source = path.join(OUT, 'source-2GiB.img');
    const target = path.join(OUT, 'target.img');
    try {
      generate(source);
      // Warm the page cache for both contestants alike.
      execFileSync('cat', [source], { stdio: ['ignore', 'ignore', 'inherit'] });
      const baseline: number[] = [];
      const mover: number[] = [];
      for (let round = 0; round < 2; round++) {
        baseline.push(await baselineOnce(source, target));
        mover.push(await moveOnce(source, target));
      }
      const mibPerSecond = (ms: number) => SIZE / MiB / (ms / 1000);
      const moverRate = mibPerSecond(Math.min(...mover));
      const baselineRate = mibPerSecond(Math.min(...baseline));
      const resume = await killAndResume(source, target);
      return [
        {
          name: 'move 2 GiB with verification',
          value: moverRate,
          unit: 'MiB/s',
          baseline: { name: 'cp + sha256sum', value: baselineRate },
          notes: `mover ${mover
            .map(m => (m / 1000).toFixed(2))
            .join('/')} s, cp+sha256sum ${baseline
            .map(m => (m / 1000).toFixed(2))
            .join('/')} s; 8 MiB chunks, 4 in flight`,
        },
        {
          name: 'mover throughput / cp + sha256sum',
          value: moverRate / baselineRate,
          unit: '×',
          target: { op: '>=', value: 0.85 },
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
      ];
    } finally {
      await fsp.rm(OUT, { recursive: true, force: true });
    }
  },
};

export default suite;
