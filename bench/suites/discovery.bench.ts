/**
 * Discovery of a 100,000-VM RVTools vInfo export with 400,000 Azure Migrate dependency rows:
 * parse (Papa Parse, streaming), normalise, map to catalog entities and validate them the way the
 * catalog does, keeping every entity as the entity provider does for its full mutation.
 *
 * Baseline: reading the same two files with `fs` streams and counting their lines, in the same
 * process. Targets: ≤ 3 s, ≤ 500 MiB peak RSS, ≤ 50 ms longest event-loop stall.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BenchRow, BenchSuite } from '../lib';
import { timed, watched } from '../lib';
import { generateRvtoolsEstate } from '../generators/rvtoolsEstate';
// The inventory reader and the entity mapping only: the cloud SDKs are not part of this work.
import { readInventory } from '../../plugins/migration-node/src/providers/inventory/readInventory';
import { fileInventorySource } from '../../plugins/migration-node/src/providers/inventory/sources';
import {
  resourceToEntity,
  validateResourceEntity,
} from '../../plugins/migration-node/src/catalog';
import { createEventLoopYielder } from '../../plugins/migration-node/src/discovery/eventLoopYielder';

const VMS = 100_000;
const DEPENDENCIES = 400_000;
const OUT = path.join(__dirname, '..', 'out', 'discovery');
const VINFO = path.join(OUT, `rvtools-vinfo-${VMS}.csv`);
const DEPS = path.join(OUT, `dependencies-${DEPENDENCIES}.csv`);

async function countLines(file: string) {
  let lines = 0;
  for await (const chunk of fs.createReadStream(file, {
    highWaterMark: 256 * 1024,
  })) {
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
  }
  return lines;
}

async function discover() {
  const counters: Record<string, number> = {};
  const entities: unknown[] = [];
  const yieldSometimes = createEventLoopYielder(10);
  for await (const resource of readInventory(
    [fileInventorySource(VINFO), fileInventorySource(DEPS)],
    {
      environmentId: 'bench',
      reporter: {
        warn: () => {},
        count: (c, by = 1) => {
          counters[c] = (counters[c] ?? 0) + by;
        },
      },
    },
  )) {
    entities.push(
      await validateResourceEntity(
        resourceToEntity(resource, { owner: 'group:default/platform' }),
      ),
    );
    // As in CloudDiscoveryEntityProvider.
    await yieldSometimes();
  }
  return { entities: entities.length, counters };
}

const suite: BenchSuite = {
  name: 'discovery',
  async run(): Promise<BenchRow[]> {
    fs.mkdirSync(OUT, { recursive: true });
    if (!fs.existsSync(VINFO) || !fs.existsSync(DEPS)) {
      await generateRvtoolsEstate({
        vms: VMS,
        dependencies: DEPENDENCIES,
        vinfoFile: VINFO,
        dependencyFile: DEPS,
      });
    }
    const bytes = fs.statSync(VINFO).size + fs.statSync(DEPS).size;
    global.gc?.();

    const baseline = await timed(
      async () => (await countLines(VINFO)) + (await countLines(DEPS)),
    );
    global.gc?.();
    const cpuBefore = process.cpuUsage();
    const run = await watched(discover);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    if (run.result.entities !== run.result.counters.rowsImported) {
      throw new Error(
        `mapped ${run.result.entities} entities for ${run.result.counters.rowsImported} rows`,
      );
    }
    const notes = `CPU ${cpuMs.toFixed(
      0,
    )} ms (the machine's load inflates wall time); ${
      run.result.entities
    } entities, ${run.result.counters.rowsRead} rows (${(
      bytes /
      1024 /
      1024
    ).toFixed(0)} MiB) read, ${run.result.counters.rowsRejected ?? 0} rejected`;
    return [
      {
        name: 'parse + map + validate 100k VMs, 400k dependencies',
        value: run.ms,
        unit: 'ms',
        baseline: {
          name: 'fs read + line count of the same files',
          value: baseline.ms,
        },
        target: { op: '<=', value: 3000 },
        notes,
      },
      {
        name: 'peak RSS during discovery',
        value: run.peakRssMiB,
        unit: 'MiB',
        target: { op: '<=', value: 500 },
      },
      {
        name: 'longest event-loop stall',
        value: run.maxStallMs,
        unit: 'ms',
        target: { op: '<=', value: 50 },
      },
    ];
  },
};

export default suite;
