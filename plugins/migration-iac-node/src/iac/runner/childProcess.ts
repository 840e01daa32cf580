import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Environment variables passed through to terraform; everything else of this process is not. */
const PASS_THROUGH = [
  'PATH',
  'HOME',
  'USER',
  'LANG',
  'LC_ALL',
  'TMPDIR',
  'TZ',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'NO_PROXY',
  'https_proxy',
  'http_proxy',
  'no_proxy',
  'TF_PLUGIN_CACHE_DIR',
  'TF_CLI_CONFIG_FILE',
  'TF_LOG',
];

/**
 * The environment of a terraform run: a few variables of this process, the run's own `env`,
 * and the switches for unattended use.
 */
export function terraformEnv(
  extra: Record<string, string> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of PASS_THROUGH) {
    if (process.env[key] !== undefined) env[key] = process.env[key]!;
  }
  return Object.assign(env, extra, {
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  });
}

/** Stops a child on abort or timeout; `aborted` says why, once it did. */
export interface ChildStopper {
  readonly aborted?: 'signal' | 'timeout';
  /** Clears the timers and the abort listener. */
  cleanup(): void;
}

/**
 * Stops the child's whole process group (it runs provider plugins) on the signal or after
 * `timeoutMs`: SIGTERM, then SIGKILL after `killGraceMs`.
 */
export function stopOnAbortOrTimeout(
  child: ChildProcess,
  options: { signal?: AbortSignal; timeoutMs: number; killGraceMs: number },
): ChildStopper {
  const { signal, timeoutMs, killGraceMs } = options;
  const killGroup = (sig: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, sig);
    } catch {
      child.kill(sig);
    }
  };
  const state: { aborted?: 'signal' | 'timeout' } = {};
  let killTimer: NodeJS.Timeout | undefined;
  const stop = (reason: 'signal' | 'timeout') => {
    if (state.aborted) return;
    state.aborted = reason;
    killGroup('SIGTERM');
    killTimer = setTimeout(() => killGroup('SIGKILL'), killGraceMs);
  };
  const onAbort = () => stop('signal');
  signal?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  return {
    get aborted() {
      return state.aborted;
    },
    cleanup() {
      clearTimeout(timer);
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Reads the child's stdout and stderr line by line, redacted; keeps the last `tailLines` lines.
 * `done` resolves when both streams are closed.
 */
export function readLines(
  child: ChildProcess,
  tailLines: number,
  redact: (raw: string) => string,
  onOutput?: (line: { stream: 'stdout' | 'stderr'; text: string }) => void,
): { tail: string[]; done: Promise<unknown> } {
  const tail: string[] = [];
  const pending = (['stdout', 'stderr'] as const).map(stream => {
    const lines = createInterface({
      input: child[stream]!,
      crlfDelay: Infinity,
    });
    return new Promise<void>(done => {
      lines.on('line', raw => {
        const text = redact(raw);
        tail.push(text);
        if (tail.length > tailLines) tail.shift();
        onOutput?.({ stream, text });
      });
      lines.on('close', () => done());
    });
  });
  return { tail, done: Promise.all(pending) };
}
