/**
 * RVTools xlsx: a 20,000-VM workbook (vInfo with custom attributes, vDisk, vPartition, vNetwork,
 * vHost and a vCPU tab the reader skips; shared strings), generated once per run with exceljs'
 * streaming writer into a temporary directory, then read the way discovery reads it (two passes,
 * map, validate, drop each entity) three times, each in a child process of its own so its peak
 * RSS is the workbook reader's. The row takes the median time and the highest peak RSS; target
 * ≤ 500 MiB, as for the CSV discovery run. `yarn bench rvtoolsXlsx` runs it alone.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow, BenchSuite } from '../lib';
import { seconds } from '../lib';

const VMS = 20_000;
const RUNS = 3;

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakRssMiB: number;
  maxStallMs: number;
  entities: number;
  counters: Record<string, number>;
}

function readInChild(file: string): ChildResult {
  const out = execFileSync(
    process.execPath,
    [...process.execArgv, require.resolve('./xlsxDiscovery.child'), file],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const result = JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
  if (result.entities !== VMS) {
    throw new Error(`read ${result.entities} of ${VMS} VMs`);
  }
  return result;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const suite: BenchSuite = {
  name: 'discovery',
  async run(): Promise<BenchRow[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rvtools-xlsx-'));
    try {
      const file = path.join(dir, `RVTools_export_all-${VMS}.xlsx`);
      execFileSync(
        process.execPath,
        [
          ...process.execArgv,
          require.resolve('../generators/rvtoolsWorkbook'),
          String(VMS),
          file,
        ],
        { stdio: 'inherit' },
      );
      const mib = fs.statSync(file).size / 1024 / 1024;
      const runs = Array.from({ length: RUNS }, () => readInChild(file));
      const ms = runs.map(r => r.ms);
      const rss = runs.map(r => r.peakRssMiB);
      return [
        {
          name: 'RVTools xlsx 20k VMs',
          value: median(ms),
          unit: 'ms',
          notes: `median of ${RUNS} runs (${seconds(ms)} s, CPU ${seconds(
            runs.map(r => r.cpuMs),
          )} s); ${runs[0].counters.rowsRead} rows of 5 sheets (${mib.toFixed(
            1,
          )} MiB workbook); longest stall ${Math.max(
            ...runs.map(r => r.maxStallMs),
          ).toFixed(0)} ms`,
        },
        {
          name: 'peak RSS, RVTools xlsx 20k VMs',
          value: Math.max(...rss),
          unit: 'MiB',
          target: { op: '<=', value: 500 },
          notes: `highest of ${RUNS} runs (${rss
            .map(r => r.toFixed(0))
            .join('/')} MiB)`,
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
