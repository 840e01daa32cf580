import path from 'node:path';
import { spawn } from 'node:child_process';

/** What a mover child reported before it was killed. */
export interface KilledMover {
  written: Set<number>;
  verified: Set<number>;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs `moverChild.ts` with `args` and SIGKILLs it as soon as `kill` says so, judging by the
 * chunks it reported written and verified so far.
 */
export async function killMover(
  args: string[],
  kill: (seen: { written: Set<number>; verified: Set<number> }) => boolean,
): Promise<KilledMover> {
  const child = spawn(
    process.execPath,
    [
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      path.join(__dirname, 'moverChild.ts'),
      ...args,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen = { written: new Set<number>(), verified: new Set<number>() };
  let stderr = '';
  child.stderr.on('data', d => {
    stderr += d;
  });
  const exited = new Promise<NodeJS.Signals | null>(resolve =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let buffered = '';
  child.stdout.on('data', data => {
    buffered += data;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      const match = /^(written|verified) (\d+)$/.exec(line);
      if (match) seen[match[1] as 'written' | 'verified'].add(Number(match[2]));
      if (kill(seen) && child.exitCode === null) child.kill('SIGKILL');
    }
  });
  const signal = await exited;
  return { ...seen, signal, stderr };
}
