/**
 * Small helpers shared by the benchmark suites in bench/suites/.
 */
import fs from 'node:fs';
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
  /**
   * The same work done by a tool users would pick instead, measured in the same run on the same
   * data (issue 16). The table prints it and how many times better we are ("vs peer").
   */
  peer?: BenchPeer;
  /**
   * The goal, e.g. `<= 3000` (ms) or `>= 500` (tasks/s); with `of: 'peer'`, a goal for the "vs
   * peer" ratio instead (`>= 5`: five times better than the peer).
   */
  target?: { op: '<=' | '>='; value: number; of?: 'peer' };
  /** Extra figures worth printing (peak RSS, p99 ...). */
  notes?: string;
}

/** A peer's figure for a row, or why there is none. */
export interface BenchPeer {
  /** The tool and what it did, e.g. `graphlib: tarjan + condensation topsort`. */
  name: string;
  /** Its figure, in the row's unit; absent when it could not run. */
  value?: number;
  /** Why it could not run (not installed, failed); the row prints `peer unavailable: <why>`. */
  unavailable?: string;
  /** Whether a higher figure is better (a rate) or a lower one (a time). */
  better: 'higher' | 'lower';
}

/**
 * How many times better our figure is than the peer's: the peer's time over ours, or our rate over
 * the peer's. Undefined when the peer did not run.
 */
export function peerRatio(value: number, peer: BenchPeer): number | undefined {
  if (peer.value === undefined || peer.unavailable) return undefined;
  return peer.better === 'higher' ? value / peer.value : peer.value / value;
}

/**
 * Runs a peer's measurement; a peer that is missing or fails gives a row that says so instead of
 * failing the whole `yarn bench`.
 */
export async function measurePeer(
  name: string,
  better: BenchPeer['better'],
  fn: () => Promise<number> | number,
): Promise<BenchPeer> {
  try {
    return { name, better, value: await fn() };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    return { name, better, unavailable: message.split('\n')[0] };
  }
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

/** The process's peak RSS (VmHWM) in MiB, or undefined off Linux. */
export function highWaterMiB(): number | undefined {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kib = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kib ? Number(kib) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Resets the peak RSS to the current RSS (Linux `clear_refs` 5); false where not possible. */
export function resetHighWater(): boolean {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
