/*
 * Runs one file transfer in its own process so a test (or the bench) can kill it mid-way and
 * resume from the manifest it left behind. Prints `written <index>` after every chunk write
 * returns, `verified <index>` after every chunk read back matched, and `done` at the end.
 *
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs moverChild.ts \
 *          <source> <target> <manifest> <chunkSize> <concurrency> [bandwidthLimit] \
 *          [checkpointIntervalMs] [verify]
 *
 * `verify` is `on-write` (the default: each chunk read back right after it is written) or `after`
 * (a verification pass after completion, as for targets that cannot read back before it).
 */
import { DataMover } from '../dataMover';
import { FileManifestStore } from '../manifestStores';
import { FileSource } from '../sources/fileSource';
import { FileTarget } from '../targets/fileTarget';

async function main() {
  const [
    source,
    target,
    manifest,
    chunkSize,
    concurrency,
    limit,
    interval,
    verify,
  ] = process.argv.slice(2);
  const mover = new DataMover({
    store: new FileManifestStore(manifest),
    chunkSize: Number(chunkSize),
    concurrency: Number(concurrency),
    bandwidthLimitBytesPerSecond: Number(limit) || undefined,
    checkpoint: Number(interval) ? { intervalMs: Number(interval) } : undefined,
    verifyOnWrite: verify !== 'after',
    onChunkWritten: (_id, chunk) => {
      process.stdout.write(`written ${chunk.index}\n`);
    },
    onChunkVerified: (_id, chunk) => {
      process.stdout.write(`verified ${chunk.index}\n`);
    },
  });
  await mover.run([
    {
      id: 'object',
      name: 'object',
      source: new FileSource(source),
      target: new FileTarget(target),
    },
  ]);
  process.stdout.write('done\n');
}

main().catch(error => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
