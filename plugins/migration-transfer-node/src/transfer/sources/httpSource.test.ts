import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import { NotAllowedError } from '@backstage/errors';
import { createAddressPolicy } from '../../validation/addressPolicy';
import { DataMover } from '../dataMover';
import { MemoryManifestStore } from '../manifestStores';
import { FileTarget } from '../targets/fileTarget';
import { createTransferSource } from '../endpoints';
import { HttpSource } from './httpSource';

const KiB = 1024;

interface ServerState {
  ranges: boolean;
  etag: string;
  requests: Array<{
    method: string;
    range?: string;
    ifRange?: string;
    auth?: string;
  }>;
}

/** A small static file server; range support and the ETag can be switched per test. */
function startServer(body: Buffer, state: ServerState) {
  const server = http.createServer((req, res) => {
    state.requests.push({
      method: req.method!,
      range: req.headers.range,
      ifRange: req.headers['if-range'] as string | undefined,
      auth: req.headers.authorization,
    });
    const headers: Record<string, string> = { etag: state.etag };
    if (state.ranges) headers['accept-ranges'] = 'bytes';
    const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
    const ifRangeOk =
      !req.headers['if-range'] || req.headers['if-range'] === state.etag;
    if (state.ranges && range && ifRangeOk) {
      const start = Number(range[1]);
      const end = Math.min(Number(range[2]), body.length - 1);
      res.writeHead(206, {
        ...headers,
        'content-length': String(end - start + 1),
        'content-range': `bytes ${start}-${end}/${body.length}`,
      });
      res.end(
        req.method === 'HEAD' ? undefined : body.subarray(start, end + 1),
      );
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(body.length) });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    // Send in small pieces so sequential reads cross piece boundaries.
    let offset = 0;
    const pump = () => {
      while (offset < body.length) {
        const piece = body.subarray(offset, offset + 7000);
        offset += piece.length;
        if (!res.write(piece)) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
  });
  return new Promise<{ url: string; close: () => Promise<void> }>(resolve => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/images/web-01.vmdk`,
        close: () =>
          new Promise<void>(r => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

let dir: string;
let body: Buffer;
let state: ServerState;
let server: { url: string; close: () => Promise<void> };

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-http-'));
  body = randomBytes(333 * KiB);
  state = { ranges: true, etag: '"v1"', requests: [] };
  server = await startServer(body, state);
});
afterEach(async () => {
  await server.close();
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

async function localPolicy() {
  return createAddressPolicy({ allowedRanges: ['127.0.0.0/8'] });
}

describe('HttpSource', () => {
  it('downloads with range requests, concurrently, into a file', async () => {
    const source = new HttpSource(server.url, { policy: await localPolicy() });
    const target = path.join(dir, 'web-01.vmdk');
    const status = await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 32 * KiB,
      concurrency: 4,
    }).run([
      { id: 'w', name: 'web-01', source, target: new FileTarget(target) },
    ]);

    expect(sha(await fs.readFile(target))).toBe(sha(body));
    expect(status.objects[0].verified).toBe(true);
    const gets = state.requests.filter(r => r.method === 'GET');
    expect(gets).toHaveLength(11);
    expect(gets.every(r => /^bytes=\d+-\d+$/.test(r.range!))).toBe(true);
    expect(gets.every(r => r.ifRange === '"v1"')).toBe(true);
  });

  it('reads sequentially from a server without range support', async () => {
    state.ranges = false;
    const source = new HttpSource(server.url, { policy: await localPolicy() });
    const target = path.join(dir, 'seq.bin');
    await new DataMover({
      store: new MemoryManifestStore(),
      chunkSize: 32 * KiB,
      concurrency: 3,
    }).run([{ id: 's', name: 's', source, target: new FileTarget(target) }]);

    expect(sha(await fs.readFile(target))).toBe(sha(body));
    // One streamed GET served every chunk.
    expect(state.requests.filter(r => r.method === 'GET')).toHaveLength(1);
  });

  it('notices when the object changes during the transfer', async () => {
    const source = new HttpSource(server.url, { policy: await localPolicy() });
    await source.stat();
    state.etag = '"v2"';
    await expect(source.read(32 * KiB, 32 * KiB)).rejects.toThrow(
      /changed during the transfer/,
    );
  });

  it('sends URL credentials as basic auth and never shows them', async () => {
    const withCredentials = server.url.replace(
      'http://',
      'http://migrator:s3cret@',
    );
    const source = new HttpSource(`${withCredentials}?token=abc`, {
      policy: await localPolicy(),
    });
    expect(source.description).not.toMatch(/s3cret|migrator|abc/);
    await source.stat();
    expect(state.requests[0].auth).toBe(
      `Basic ${Buffer.from('migrator:s3cret').toString('base64')}`,
    );
  });

  it('refuses hosts outside the policy and metadata addresses without connecting', async () => {
    const policy = await createAddressPolicy({ allowedRanges: ['10.0.0.0/8'] });
    await expect(
      new HttpSource(server.url, { policy }).stat(),
    ).rejects.toBeInstanceOf(NotAllowedError);
    const wide = await createAddressPolicy({ allowedRanges: ['0.0.0.0/0'] });
    await expect(
      new HttpSource('http://169.254.169.254/latest/meta-data/', {
        policy: wide,
      }).stat(),
    ).rejects.toThrow(/link-local or metadata address/);
    expect(state.requests).toHaveLength(0);
  });
});

describe('createTransferSource', () => {
  it('accepts files inside the allowed roots only', async () => {
    const inside = path.join(dir, 'data', 'dump.sql');
    await fs.mkdir(path.dirname(inside));
    await fs.writeFile(inside, 'select 1;');
    const access = { allowedRoots: [path.join(dir, 'data')] };

    const source = createTransferSource(`file://${inside}`, access);
    expect((await source.stat()).size).toBe(9);
    await source.close?.();

    expect(() =>
      createTransferSource(
        `file://${path.join(dir, 'data', '..', 'secret')}`,
        access,
      ),
    ).toThrow(NotAllowedError);
    expect(() => createTransferSource('file:///etc/passwd', access)).toThrow(
      /outside the allowed directories/,
    );
    expect(() => createTransferSource('ftp://host/x', access)).toThrow(
      /unsupported scheme/,
    );
    expect(() => createTransferSource(server.url, access)).toThrow(
      /HTTP sources need/,
    );
  });
});
