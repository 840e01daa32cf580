/**
 * The transfer suite's peers (issue 16 item 3): `cp` + `sha256sum` and `rclone copy --checksum` of
 * the same file on the same disk, each run after the previous target is removed and synced.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { BenchPeer } from '../lib';
import { bestMiBPerSecond, timed } from '../lib';

/**
 * Removes the previous target (file or directory), writes back dirty pages, so no run pays for
 * another's writes, and reads the source into the page cache again, so every run starts from a
 * cached source: rclone drops what it read from the cache (`fadvise(DONTNEED)`, about half of
 * the 2 GiB here), and whoever ran after it read that half from the disk.
 */
export async function settle(target: string, source: string) {
  await fsp.rm(target, { recursive: true, force: true });
  execFileSync('sync');
  execFileSync('cat', [source], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** `cp` of the file, then `sha256sum` of the copy: the time of both. */
export async function baselineOnce(source: string, target: string) {
  await settle(target, source);
  const { ms } = await timed(() => {
    execFileSync('cp', [source, target]);
    execFileSync('sha256sum', [target], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  });
  return ms;
}

/** `rclone copy --checksum` of the file into an empty directory. */
export async function rcloneOnce(source: string, dir: string, size: number) {
  await settle(dir, source);
  const { ms } = await timed(() => {
    try {
      execFileSync('rclone', ['copy', '--checksum', source, dir], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
    } catch (error) {
      const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
      const last = stderr.trim().split('\n').pop();
      throw new Error(
        `rclone copy failed: ${last || (error as Error).message}`,
      );
    }
  });
  if (fs.statSync(path.join(dir, path.basename(source))).size !== size) {
    throw new Error('rclone copied a different size');
  }
  return ms;
}

/** rclone's version line, or why it cannot run. */
export function rcloneVersion(): string {
  try {
    return execFileSync('rclone', ['version'], { encoding: 'utf8' }).split(
      '\n',
    )[0];
  } catch (error) {
    throw new Error(
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'rclone is not installed (Debian: apt-get install rclone)'
        : (error as Error).message,
    );
  }
}

/**
 * The order of the contestants in each round: rclone goes second, and each of the others follows
 * it once. Whoever runs after a 2 GiB copy was removed can pay for the file system catching up
 * (measured: the mover right after rclone, 150 MiB/s; right after itself, 290–360), so no one
 * always runs after the same one.
 */
const ROUNDS = [
  ['baseline', 'rclone', 'mover', 'before'],
  ['mover', 'rclone', 'before', 'baseline'],
  ['before', 'rclone', 'baseline', 'mover'],
] as const;

/**
 * Three rounds of `cp` + `sha256sum`, rclone, our mover (`move`) and, when given, our mover as it
 * was before (`moveBefore`), in the orders of `ROUNDS`, of the same file: each one's times, and
 * rclone as a peer (unavailable when it is not installed or fails).
 */
export async function copyRounds(
  source: string,
  target: string,
  rcloneDir: string,
  move: () => Promise<number>,
  moveBefore?: () => Promise<number>,
) {
  const size = fs.statSync(source).size;
  const times = {
    baseline: [] as number[],
    mover: [] as number[],
    rclone: [] as number[],
    before: [] as number[],
  };
  let version = 'rclone';
  let rcloneFailed: string | undefined;
  try {
    version = rcloneVersion();
  } catch (error) {
    rcloneFailed = (error as Error).message;
  }
  const runRclone = async () => {
    try {
      times.rclone.push(await rcloneOnce(source, rcloneDir, size));
    } catch (error) {
      rcloneFailed = (error as Error).message;
    } finally {
      await fsp.rm(rcloneDir, { recursive: true, force: true });
    }
  };
  for (const round of ROUNDS) {
    for (const contestant of round) {
      if (contestant === 'baseline') {
        times.baseline.push(await baselineOnce(source, target));
      } else if (contestant === 'rclone') {
        if (!rcloneFailed) await runRclone();
      } else if (contestant === 'mover') {
        times.mover.push(await move());
      } else if (moveBefore) {
        times.before.push(await moveBefore());
      }
    }
  }
  const rclonePeer: BenchPeer = rcloneFailed
    ? { name: 'rclone', better: 'higher', unavailable: rcloneFailed }
    : {
        name: `${version}: copy --checksum`,
        value: bestMiBPerSecond(size, times.rclone),
        better: 'higher',
      };
  return { ...times, rclonePeer };
}
