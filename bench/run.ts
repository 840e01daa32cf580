/**
 * `yarn bench`: runs every suite in bench/suites/ (or those named on the command line) and prints
 * one table: measured value, the baseline measured in the same process, their ratio, and the target.
 */
import fs from 'node:fs';
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
    const suite: BenchSuite = require(path.join(dir, file)).default;
    process.stdout.write(`running ${suite.name} ...\n`);
    const rows: BenchRow[] = await suite.run();
    for (const row of rows) {
      const met = row.target
        ? row.target.op === '<='
          ? row.value <= row.target.value
          : row.value >= row.target.value
        : undefined;
      if (met === false) missed++;
      table.push({
        suite: suite.name,
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

main().catch(err => {
  console.error(err);
  process.exit(1);
});
