/**
 * `yarn bench`: runs every suite in bench/suites/ (or those named on the command line) and prints
 * one table: measured value, the baseline measured in the same process, their ratio, and the target.
 * Each suite runs in a process of its own, so peak RSS and event-loop figures are the suite's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow, BenchSuite } from './lib';

function fmt(n: number) {
  if (!Number.isFinite(n)) return String(n);
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

async function main() {
  const only = process.argv.slice(2);
  const dir = path.join(__dirname, 'suites');
  const files = fs
    .readdirSync(dir)
    .filter(f => f.endsWith('.bench.ts'))
    .filter(f => only.length === 0 || only.some(o => f.includes(o)))
    .sort();

  const table: Record<string, string>[] = [];
  let missed = 0;
  for (const file of files) {
    const { name, rows } = runInChild(dir, file);
    for (const row of rows) {
      const met = row.target
        ? row.target.op === '<='
          ? row.value <= row.target.value
          : row.value >= row.target.value
        : undefined;
      if (met === false) missed++;
      table.push({
        suite: name,
        benchmark: row.name,
        measured: `${fmt(row.value)} ${row.unit}`,
        baseline: row.baseline
          ? `${fmt(row.baseline.value)} ${row.unit} (${row.baseline.name})`
          : '-',
        ratio: row.baseline ? `${fmt(row.value / row.baseline.value)}×` : '-',
        target: row.target
          ? `${row.target.op} ${row.target.value} ${row.unit}`
          : '-',
        met: met === undefined ? '-' : met ? 'yes' : 'NO',
        notes: row.notes ?? '',
      });
    }
  }
  console.table(table);
  console.log(
    missed === 0
      ? 'All benchmark targets met.'
      : `${missed} benchmark target(s) missed.`,
  );
}

/** Runs one suite in a fresh Node process with this process's flags; returns its rows. */
function runInChild(dir: string, file: string) {
  const out = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), 'sirsi-bench-')),
    'rows.json',
  );
  const child = spawnSync(
    process.execPath,
    [...process.execArgv, __filename, '--suite', path.join(dir, file)],
    { stdio: 'inherit', env: { ...process.env, SIRSI_BENCH_ROWS: out } },
  );
  if (child.status !== 0) {
    throw new Error(`${file} failed (exit ${child.status ?? child.signal})`);
  }
  const result = JSON.parse(fs.readFileSync(out, 'utf8')) as {
    name: string;
    rows: BenchRow[];
  };
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return result;
}

/** In the child: run the one suite and write its rows for the parent. */
async function runSuite(file: string) {
  const suite: BenchSuite = require(file).default;
  process.stdout.write(`running ${suite.name} ...\n`);
  const rows = await suite.run();
  fs.writeFileSync(
    process.env.SIRSI_BENCH_ROWS!,
    JSON.stringify({ name: suite.name, rows }),
  );
}

const suiteFlag = process.argv.indexOf('--suite');
(suiteFlag >= 0 ? runSuite(process.argv[suiteFlag + 1]) : main()).catch(err => {
  console.error(err);
  process.exit(1);
});
