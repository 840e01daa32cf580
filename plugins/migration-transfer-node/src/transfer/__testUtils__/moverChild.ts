/*
 * Runs one file transfer in its own process so a test (or the bench) can kill it mid-way and
 * resume from the manifest it left behind. Prints `written <index>` after every chunk write
 * returns and `done` at the end.
 *
 * Usage: node --require @backstage/cli/config/nodeTransform.cjs moverChild.ts \
 *          <source> <target> <manifest> <chunkSize> <concurrency> [bandwidthLimit]
 */
import { DataMover } from '../dataMover';
import { FileManifestStore } from '../manifest';
import { FileSource } from '../sources/fileSource';
import { FileTarget } from '../targets/fileTarget';

async function main() {
  const [source, target, manifest, chunkSize, concurrency, limit] =
    process.argv.slice(2);
  const mover = new DataMover({
    store: new FileManifestStore(manifest),
    chunkSize: Number(chunkSize),
    concurrency: Number(concurrency),
    bandwidthLimitBytesPerSecond: limit ? Number(limit) : undefined,
    onChunkWritten: (_id, chunk) => {
      process.stdout.write(`written ${chunk.index}\n`);
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
