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
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
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

/**
 * Creates a pool of worker threads running `@cdktn/hcl2json`.
 *
 * @public
 */
export function createHclParserPool(
  options: HclParserPoolOptions = {},
): HclParserPool {
  const size = Math.max(1, options.size ?? Math.min(4, availableParallelism()));
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const queue: Job[] = [];
  const workers: Array<{
    worker: Worker;
    busy?: Job & { id: number };
    idle?: NodeJS.Timeout;
  }> = [];
  let nextId = 0;

  const failAll = (slot: (typeof workers)[number], error: Error) => {
    slot.busy?.reject(error);
    workers.splice(workers.indexOf(slot), 1);
    pump();
  };

  const start = () => {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    const slot: (typeof workers)[number] = { worker };
    worker.on(
      'message',
      (message: { id: number; json?: Record<string, any>; error?: string }) => {
        const job = slot.busy;
        if (!job || job.id !== message.id) return;
        slot.busy = undefined;
        // An idle worker must not keep the process alive; a busy one must.
        slot.worker.unref();
        if (message.error !== undefined) {
          job.reject(
            new HclParseError(
              job.file,
              parseDiagnostics(job.file, message.error),
            ),
          );
        } else {
          job.resolve(message.json!);
        }
        pump();
      },
    );
    worker.on('error', (error: Error) => failAll(slot, error));
    worker.on('exit', code => {
      if (workers.includes(slot))
        failAll(slot, new Error(`HCL parser worker exited with code ${code}`));
    });
    workers.push(slot);
    return slot;
  };

  function pump() {
    while (queue.length > 0) {
      let slot = workers.find(w => !w.busy);
      if (!slot && workers.length < size) slot = start();
      if (!slot) return;
      if (slot.idle) {
        clearTimeout(slot.idle);
        slot.idle = undefined;
      }
      const job = { ...queue.shift()!, id: nextId++ };
      slot.busy = job;
      slot.worker.ref();
      slot.worker.postMessage({
        id: job.id,
        file: job.file,
        content: job.content,
      });
    }
    for (const slot of workers) {
      if (!slot.busy && !slot.idle) {
        slot.idle = setTimeout(() => {
          workers.splice(workers.indexOf(slot), 1);
          void slot.worker.terminate();
        }, idleTimeoutMs);
        slot.idle.unref();
      }
    }
  }

  return {
    parse(file, content) {
      return new Promise((resolve, reject) => {
        queue.push({ file, content, resolve, reject });
        pump();
      });
    },
    async close() {
      const stopping = workers.splice(0, workers.length);
      for (const slot of stopping) {
        if (slot.idle) {
          clearTimeout(slot.idle);
          slot.idle = undefined;
        }
        slot.busy?.reject(new Error('HCL parser pool closed'));
      }
      await Promise.all(stopping.map(slot => slot.worker.terminate()));
    },
  };
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
