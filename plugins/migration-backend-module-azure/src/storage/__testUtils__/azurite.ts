import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** Azurite's well-known development account (public, documented by Microsoft). */
export const DEV_ACCOUNT = 'devstoreaccount1';
export const DEV_ACCOUNT_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** A running Azurite Blob service. */
export interface Azurite {
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  accountUrl: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts the real Azurite Blob service (npm `azurite`) on a free 127.0.0.1 port with a temporary
 * workspace. `--skipApiVersionCheck`: the SDK may speak a newer service version than Azurite knows.
 */
export async function startAzurite(): Promise<Azurite> {
  const location = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-azurite-'));
  const port = await freePort();
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--location',
      location,
      '--skipApiVersionCheck',
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Azurite did not start: ${output}`)),
      20_000,
    );
    child.stdout!.on('data', chunk => {
      output += chunk;
      if (/successfully listens/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', chunk => {
      output += chunk;
    });
    child.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`Azurite exited with ${code}: ${output}`));
    });
  });
  return {
    accountUrl: `http://127.0.0.1:${port}/${DEV_ACCOUNT}`,
    port,
    async stop() {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await fs.rm(location, { recursive: true, force: true });
    },
  };
}
