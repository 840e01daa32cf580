/**
 * Small helpers shared by the benchmark suites in bench/suites/.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** One line of the printed table. */
export interface BenchRow {
  /** What was measured, e.g. `parse 100k-VM RVTools CSV`. */
  name: string;
  /** Measured value in `unit`. */
  value: number;
  unit: string;
  /** The same work's baseline, measured in the same process, in the same unit. */
  baseline?: { name: string; value: number };
  /** The goal, e.g. `<= 3000` (ms) or `>= 500` (tasks/s). */
  target?: { op: '<=' | '>='; value: number };
  /** Extra figures worth printing (peak RSS, p99 ...). */
  notes?: string;
}

/** A benchmark suite: a file in bench/suites/ default-exporting one of these. */
export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}

/** Runs `fn` and returns its result with the elapsed milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T) {
  const start = process.hrtime.bigint();
  const result = await fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { result, ms };
}

/**
 * Watches the event loop and the resident set size while `fn` runs: the longest stall (ms) and the
 * peak RSS (MiB) during the run.
 */
export async function watched<T>(fn: () => Promise<T> | T) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  histogram.enable();
  try {
    const { result, ms } = await timed(fn);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      result,
      ms,
      maxStallMs: histogram.max / 1e6,
      peakRssMiB: peakRss / 1024 / 1024,
    };
  } finally {
    histogram.disable();
    clearInterval(sampler);
  }
}

/** The p-th percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(
    sorted.length - 1,
    Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
  );
  return sorted[index];
}

/** The best (fastest) of several runs moving `bytes`, in MiB/s. */
export function bestMiBPerSecond(bytes: number, runsMs: number[]): number {
  return bytes / (1024 * 1024) / (Math.min(...runsMs) / 1000);
}

/** Run times as seconds for a row's notes, e.g. `9.15/9.86`. */
export function seconds(runsMs: number[]): string {
  return runsMs.map(ms => (ms / 1000).toFixed(2)).join('/');
}
