/**
 * `node <this file> <workbook>`: reads an RVTools workbook the way discovery does (stream, map,
 * validate, drop each entity) in a process of its own, so its peak RSS is the reader's alone, and
 * prints one JSON line: time, CPU time, peak RSS, longest stall, counters.
 */
import { watched } from '../lib';
import { readInventory } from '../../plugins/migration-backend-module-inventory/src/inventory/readInventory';
import { fileInventorySource } from '../../plugins/migration-backend-module-inventory/src/inventory/sources';
import {
  resourceToEntity,
  validateResourceEntity,
} from '../../plugins/migration-node/src/catalog';
import { createEventLoopYielder } from '../../plugins/migration-node/src/discovery/eventLoopYielder';

async function discover(file: string) {
  const counters: Record<string, number> = {};
  let entities = 0;
  const yieldSometimes = createEventLoopYielder(10);
  for await (const resource of readInventory([fileInventorySource(file)], {
    environmentId: 'bench',
    reporter: {
      warn: () => {},
      count: (c, by = 1) => {
        counters[c] = (counters[c] ?? 0) + by;
      },
    },
  })) {
    await validateResourceEntity(
      resourceToEntity(resource, { owner: 'group:default/platform' }),
    );
    entities++;
    await yieldSometimes();
  }
  return { entities, counters };
}

async function main() {
  const file = process.argv[2];
  global.gc?.();
  const cpuBefore = process.cpuUsage();
  const run = await watched(() => discover(file));
  const cpu = process.cpuUsage(cpuBefore);
  process.stdout.write(
    `${JSON.stringify({
      ms: run.ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      peakRssMiB: run.peakRssMiB,
      maxStallMs: run.maxStallMs,
      ...run.result,
    })}\n`,
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
