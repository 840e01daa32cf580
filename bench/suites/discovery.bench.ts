/**
 * Discovery of a 100,000-VM RVTools vInfo export with 400,000 Azure Migrate dependency rows:
 * parse (Papa Parse, streaming), normalise, map to catalog entities and validate them the way the
 * catalog does.
 *
 * 1. Streaming: each validated entity is handed on and dropped, as when entities go out in
 *    batches. Targets: ≤ 3 s (measured warm, the cold run is printed too), ≤ 500 MiB peak RSS
 *    (of the cold run, the first thing the process does after generating the data), ≤ 50 ms
 *    longest event-loop stall (of both runs).
 * 2. Full mutation: every entity is kept until the end, as `CloudDiscoveryEntityProvider` must for
 *    the catalog's full mutation; printed for its time, memory and stalls (no target).
 *
 * Baseline: reading the same two files with `fs` streams and counting their lines, in the same
 * process. The RVTools workbook rows are the `rvtoolsXlsx` suite's.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchRow, BenchSuite } from '../lib';
import { timed, watched } from '../lib';
// The inventory reader and the entity mapping only: the cloud SDKs are not part of this work.
import { readInventory } from '../../plugins/migration-backend-module-inventory/src/inventory/readInventory';
import { fileInventorySource } from '../../plugins/migration-backend-module-inventory/src/inventory/sources';
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

async function discover(keep: boolean) {
  const counters: Record<string, number> = {};
  const entities: unknown[] = [];
  let mapped = 0;
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
    const entity = await validateResourceEntity(
      resourceToEntity(resource, { owner: 'group:default/platform' }),
    );
    mapped++;
    if (keep) entities.push(entity);
    // As in CloudDiscoveryEntityProvider.
    await yieldSometimes();
  }
  return { entities: mapped, kept: entities.length, counters };
}

const suite: BenchSuite = {
  name: 'discovery',
  async run(): Promise<BenchRow[]> {
    fs.mkdirSync(OUT, { recursive: true });
    if (!fs.existsSync(VINFO) || !fs.existsSync(DEPS)) {
      // In a child process, so generating does not count towards this process's memory.
      execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          require.resolve('../generators/rvtoolsEstate'),
          String(VMS),
          String(DEPENDENCIES),
          VINFO,
          DEPS,
        ],
        { stdio: 'inherit' },
      );
    }
    const bytes = fs.statSync(VINFO).size + fs.statSync(DEPS).size;
    global.gc?.();

    const measure = async (keep: boolean) => {
      global.gc?.();
      const cpuBefore = process.cpuUsage();
      const run = await watched(() => discover(keep));
      const cpu = process.cpuUsage(cpuBefore);
      if (run.result.entities !== run.result.counters.rowsImported) {
        throw new Error(
          `mapped ${run.result.entities} entities for ${run.result.counters.rowsImported} rows`,
        );
      }
      return { ...run, cpuMs: (cpu.user + cpu.system) / 1000 };
    };
    // Memory and stalls from the first run, before anything else grew the heap; the time from a
    // second run with warm code, as in a long-running backend; then the full mutation.
    const cold = await measure(false);
    const streaming = await measure(false);
    const full = await measure(true);
    const baseline = await timed(
      async () => (await countLines(VINFO)) + (await countLines(DEPS)),
    );

    const rows = `${streaming.result.entities} entities, ${
      streaming.result.counters.rowsRead
    } rows (${(bytes / 1024 / 1024).toFixed(0)} MiB), ${
      streaming.result.counters.rowsRejected ?? 0
    } rejected`;
    return [
      {
        name: 'parse + map + validate 100k VMs, 400k dependencies',
        value: streaming.ms,
        unit: 'ms',
        baseline: {
          name: 'fs read + line count of the same files',
          value: baseline.ms,
        },
        target: { op: '<=', value: 3000 },
        notes: `CPU ${streaming.cpuMs.toFixed(
          0,
        )} ms; cold run ${cold.ms.toFixed(0)} ms (CPU ${cold.cpuMs.toFixed(
          0,
        )} ms); ${rows}`,
      },
      {
        name: 'peak RSS, streaming',
        value: cold.peakRssMiB,
        unit: 'MiB',
        target: { op: '<=', value: 500 },
      },
      {
        name: 'longest event-loop stall, streaming',
        value: Math.max(cold.maxStallMs, streaming.maxStallMs),
        unit: 'ms',
        target: { op: '<=', value: 50 },
      },
      {
        name: 'same, keeping all 100k entities (full mutation)',
        value: full.ms,
        unit: 'ms',
        baseline: {
          name: 'fs read + line count of the same files',
          value: baseline.ms,
        },
        notes: `CPU ${full.cpuMs.toFixed(
          0,
        )} ms, peak RSS ${full.peakRssMiB.toFixed(
          0,
        )} MiB, longest stall ${full.maxStallMs.toFixed(0)} ms`,
      },
    ];
  },
};

export default suite;
