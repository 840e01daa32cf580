/**
 * `yarn bench`: runs every suite in bench/suites/ (or those named on the command line) and prints
 * one table: measured value, the baseline measured in the same process, their ratio, and the target.
 * Each suite runs in a process of its own, so peak RSS and event-loop figures are the suite's.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { peerRatio, type BenchRow, type BenchSuite } from './lib';

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

  const loadAtStart = os.loadavg();
  const table: Record<string, string>[] = [];
  let missed = 0;
  let failed = 0;
  for (const file of files) {
    let result: ReturnType<typeof runInChild>;
    try {
      result = runInChild(dir, file);
    } catch (error) {
      // One suite that crashes or is killed does not take the other suites' figures with it.
      failed++;
      table.push(failedSuiteLine(file, error));
      continue;
    }
    const { name, rows } = result;
    for (const row of rows) {
      const { met, line } = tableLine(name, row);
      if (met === false) missed++;
      table.push(line);
    }
  }
  console.log(machine(loadAtStart));
  console.table(table);
  console.log(`load average at the end: ${load(os.loadavg())}`);
  console.log(
    missed === 0
      ? 'All benchmark targets met.'
      : `${missed} benchmark target(s) missed.`,
  );
  if (failed > 0) {
    console.log(`${failed} suite(s) failed: see their rows.`);
    process.exitCode = 1;
  }
}

/** The table line of a suite that did not report its rows. */
function failedSuiteLine(file: string, error: unknown): Record<string, string> {
  return {
    suite: file.replace(/\.bench\.ts$/, ''),
    benchmark: '(suite failed)',
    measured: 'not run',
    notes: error instanceof Error ? error.message : String(error),
  };
}

function load(averages: number[]) {
  return averages.map(a => a.toFixed(2)).join(' / ');
}

/** The machine the figures come from: CPU model and count, Node, and the load when the run began. */
function machine(loadAtStart: number[]) {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map(c => c.model.trim()))].join(', ');
  return `${models} × ${cpus.length} CPUs, ${Math.round(
    os.totalmem() / 1024 ** 3,
  )} GiB, Node ${
    process.version
  }; load average (1 / 5 / 15 min) at the start: ${load(loadAtStart)}`;
}

/** A row as printed, and whether it met its target (undefined: no target, or its peer did not run). */
function tableLine(suite: string, row: BenchRow) {
  const ratio = row.peer ? peerRatio(row.value, row.peer) : undefined;
  const compared = row.target?.of === 'peer' ? ratio : row.value;
  let met: boolean | undefined;
  if (row.target && compared !== undefined) {
    met =
      row.target.op === '<='
        ? compared <= row.target.value
        : compared >= row.target.value;
  }
  let peer = '-';
  if (row.peer) {
    peer = row.peer.unavailable
      ? `peer unavailable: ${row.peer.unavailable}`
      : `${fmt(row.peer.value!)} ${row.unit} (${row.peer.name})`;
  }
  let target = '-';
  if (row.target) {
    target =
      row.target.of === 'peer'
        ? `${row.target.op} ${row.target.value}× vs peer`
        : `${row.target.op} ${row.target.value} ${row.unit}`;
  }
  const line: Record<string, string> = {
    suite,
    benchmark: row.name,
    // A value that did not survive JSON (NaN, a row that was not run) comes back as null.
    measured:
      row.value === null || Number.isNaN(row.value)
        ? 'not run'
        : `${fmt(row.value)} ${row.unit}`,
    baseline: row.baseline
      ? `${fmt(row.baseline.value)} ${row.unit} (${row.baseline.name})`
      : '-',
    ratio: row.baseline ? `${fmt(row.value / row.baseline.value)}×` : '-',
    peer,
    'vs peer': ratio === undefined ? '-' : `${fmt(ratio)}×`,
    target,
    met: met === undefined ? '-' : met ? 'yes' : 'NO',
    notes: row.notes ?? '',
  };
  return { met, line };
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
  if (child.status !== 0 || !fs.existsSync(out)) {
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
