import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HclParseError, parseDiagnostics, type HclParser } from './parser';

/**
 * Options of {@link createHclParserPool}.
 *
 * @public
 */
export interface HclParserPoolOptions {
  /** Worker threads, each with its own copy of the parser; default: one per CPU, at most 4. */
  size?: number;
  /** Workers exit after this long without work; default 30 s. */
  idleTimeoutMs?: number;
}

/**
 * An {@link HclParser} spread over worker threads. HashiCorp's parser runs as single-threaded
 * WebAssembly, so large bundles parse faster on several threads.
 *
 * @public
 */
export interface HclParserPool extends HclParser {
  /** Stops the workers; later calls start them again. */
  close(): Promise<void>;
}

type Job = {
  file: string;
  content: string;
  resolve: (value: Record<string, any>) => void;
  reject: (error: Error) => void;
};

// The worker is plain CommonJS so it runs the same from sources (tests) and from a build.
// Parsing is background work: on Linux a thread's nice value is its own, so lowering it here
// keeps the main thread's event loop (task heartbeats, HTTP) first in line for the CPU.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
try { require('node:os').setPriority(10); } catch {}
const { parse } = require(${JSON.stringify(
  require.resolve('@cdktn/hcl2json'),
)});
parentPort.on('message', async ({ id, file, content }) => {
  try {
    parentPort.postMessage({ id, json: await parse(file, content) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

type Slot = {
  worker: Worker;
  busy?: Job & { id: number };
  idle?: NodeJS.Timeout;
};

type WorkerMessage = { id: number; json?: Record<string, any>; error?: string };

/** Worker threads parsing one file each at a time; a queue holds what waits for one. */
class WorkerPool implements HclParserPool {
  private readonly queue: Job[] = [];
  private readonly workers: Slot[] = [];
  private nextId = 0;

  constructor(
    private readonly size: number,
    private readonly idleTimeoutMs: number,
  ) {}

  // Arrow properties: callers may pass `pool.parse` around unbound, as with a plain object.
  readonly parse = (file: string, content: string) =>
    new Promise<Record<string, any>>((resolve, reject) => {
      this.queue.push({ file, content, resolve, reject });
      this.pump();
    });

  readonly close = async () => {
    const stopping = this.workers.splice(0, this.workers.length);
    for (const slot of stopping) {
      if (slot.idle) {
        clearTimeout(slot.idle);
        slot.idle = undefined;
      }
      slot.busy?.reject(new Error('HCL parser pool closed'));
    }
    await Promise.all(stopping.map(slot => slot.worker.terminate()));
  };

  private start(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker };
    worker.on('message', (message: WorkerMessage) =>
      this.finished(slot, message),
    );
    worker.on('error', (error: Error) => this.failAll(slot, error));
    worker.on('exit', code => {
      if (this.workers.includes(slot))
        this.failAll(
          slot,
          new Error(`HCL parser worker exited with code ${code}`),
        );
    });
    this.workers.push(slot);
    return slot;
  }

  private finished(slot: Slot, message: WorkerMessage) {
    const job = slot.busy;
    if (!job || job.id !== message.id) return;
    slot.busy = undefined;
    // An idle worker must not keep the process alive; a busy one must.
    slot.worker.unref();
    if (message.error !== undefined) {
      job.reject(
        new HclParseError(job.file, parseDiagnostics(job.file, message.error)),
      );
    } else {
      job.resolve(message.json!);
    }
    this.pump();
  }

  private failAll(slot: Slot, error: Error) {
    slot.busy?.reject(error);
    this.workers.splice(this.workers.indexOf(slot), 1);
    this.pump();
  }

  /** Hands queued files to free workers (starting workers up to the size), then idles the rest. */
  private pump() {
    while (this.queue.length > 0) {
      let slot = this.workers.find(w => !w.busy);
      if (!slot && this.workers.length < this.size) slot = this.start();
      if (!slot) return;
      if (slot.idle) {
        clearTimeout(slot.idle);
        slot.idle = undefined;
      }
      const job = { ...this.queue.shift()!, id: this.nextId++ };
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage({
        id: job.id,
        file: job.file,
        content: job.content,
      });
    }
    for (const slot of this.workers) {
      if (!slot.busy && !slot.idle) {
        slot.idle = setTimeout(() => {
          this.workers.splice(this.workers.indexOf(slot), 1);
          void slot.worker.terminate();
        }, this.idleTimeoutMs);
        slot.idle.unref();
      }
    }
  }
}

/**
 * Creates a pool of worker threads running `@cdktn/hcl2json`.
 *
 * @public
 */
export function createHclParserPool(
  options: HclParserPoolOptions = {},
): HclParserPool {
  return new WorkerPool(
    Math.max(1, options.size ?? Math.min(4, availableParallelism())),
    options.idleTimeoutMs ?? 30_000,
  );
}

let shared: HclParserPool | undefined;

/**
 * A pool shared by every validation in this process, started on first use; its workers exit
 * when idle.
 *
 * @public
 */
export function sharedHclParserPool(): HclParserPool {
  shared ??= createHclParserPool();
  return shared;
}
