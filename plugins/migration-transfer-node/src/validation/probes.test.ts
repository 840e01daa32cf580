import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { createAddressPolicy, type AddressPolicy } from './addressPolicy';
import { httpProbe, measureLatency, tcpProbe, tlsProbe } from './probes';

const DAY = 86_400_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

function listen(server: net.Server): Promise<number> {
  return new Promise(resolve => {
    server.listen(0, '127.0.0.1', () => {
      closers.push(
        () =>
          new Promise<void>(r => {
            (server as http.Server).closeAllConnections?.();
            server.close(() => r());
          }),
      );
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function certificate(notBefore: Date, notAfter: Date) {
  return generate([{ name: 'commonName', value: 'app.migrated.example' }], {
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'app.migrated.example' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
}

async function tlsServer(
  pems: { private: string; cert: string },
  options: https.ServerOptions = {},
) {
  const server = https.createServer(
    { key: pems.private, cert: pems.cert, ...options },
    (_req, res) => res.end('ok'),
  );
  return listen(server);
}

let local: AddressPolicy;
beforeAll(async () => {
  local = await createAddressPolicy({ allowedRanges: ['127.0.0.1/32'] });
});

describe('probes', () => {
  it('connects over TCP and measures latency percentiles', async () => {
    const port = await listen(net.createServer(s => s.end()));
    const result = await tcpProbe(local, { host: '127.0.0.1', port });
    expect(result).toMatchObject({ ok: true, address: '127.0.0.1' });
    expect(result.latencyMs).toBeGreaterThan(0);

    const latency = await measureLatency(local, {
      host: '127.0.0.1',
      port,
      samples: 5,
    });
    expect(latency.samples).toBe(5);
    expect(latency.p95Ms).toBeGreaterThanOrEqual(latency.p50Ms);
  });

  it('reports a closed port and a silent one within the timeout', async () => {
    const closed = await listen(net.createServer());
    closers.pop()!(); // close it again: nothing listens any more
    const refused = await tcpProbe(local, { host: '127.0.0.1', port: closed });
    expect(refused.ok).toBe(false);
    expect(refused.error).toMatch(/ECONNREFUSED/);

    const policy = await createAddressPolicy({
      allowedRanges: ['192.0.2.0/24'],
    });
    const started = Date.now();
    const silent = await tcpProbe(policy, {
      host: '192.0.2.1',
      port: 9,
      timeoutMs: 200,
    });
    expect(silent.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('checks HTTP health by status', async () => {
    let hits = 0;
    const port = await listen(
      http.createServer((req, res) => {
        hits++;
        res.statusCode = req.url === '/healthz' ? 200 : 503;
        res.end();
      }),
    );
    expect(
      await httpProbe(local, { url: `http://127.0.0.1:${port}/healthz` }),
    ).toMatchObject({
      ok: true,
      status: 200,
    });
    expect(
      await httpProbe(local, { url: `http://127.0.0.1:${port}/ready` }),
    ).toMatchObject({
      ok: false,
      status: 503,
      error: 'HTTP 503',
    });
    expect(hits).toBe(2);
  });

  it('never contacts the metadata service, even when every range is allowed', async () => {
    const open = await createAddressPolicy({ allowedRanges: ['0.0.0.0/0'] });
    const results = await Promise.all([
      tcpProbe(open, { host: '169.254.169.254', port: 80 }),
      httpProbe(open, { url: 'http://169.254.169.254/latest/meta-data/iam/' }),
      tlsProbe(open, { host: '169.254.169.254', port: 443 }),
    ]);
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, refused: true });
      expect(result.address).toBeUndefined();
      expect(result.error).toMatch(/link-local or metadata address/);
    }
  });

  describe('TLS', () => {
    it('accepts TLS 1.2+ with a trusted, valid certificate', async () => {
      const pems = await certificate(
        new Date(Date.now() - DAY),
        new Date(Date.now() + 200 * DAY),
      );
      const port = await tlsServer(pems);
      const result = await tlsProbe(local, {
        host: '127.0.0.1',
        port,
        servername: 'app.migrated.example',
        ca: [pems.cert],
      });
      expect(result).toMatchObject({
        ok: true,
        authorized: true,
        subject: 'app.migrated.example',
      });
      expect(result.protocol).toMatch(/^TLSv1\.[23]$/);
      expect(result.daysRemaining).toBeGreaterThanOrEqual(198);
    });

    it('reports an expired certificate, an untrusted one and a wrong name', async () => {
      const expired = await certificate(
        new Date(Date.now() - 400 * DAY),
        new Date(Date.now() - 2 * DAY),
      );
      const port = await tlsServer(expired);
      const result = await tlsProbe(local, {
        host: '127.0.0.1',
        port,
        servername: 'app.migrated.example',
        ca: [expired.cert],
      });
      expect(result.ok).toBe(true);
      expect(result.authorized).toBe(false);
      expect(result.authorizationError).toBe('CERT_HAS_EXPIRED');
      expect(result.daysRemaining).toBeLessThan(0);

      const valid = await certificate(
        new Date(Date.now() - DAY),
        new Date(Date.now() + 90 * DAY),
      );
      const other = await tlsServer(valid);
      const untrusted = await tlsProbe(local, {
        host: '127.0.0.1',
        port: other,
        servername: 'app.migrated.example',
      });
      expect(untrusted.authorized).toBe(false);
      expect(untrusted.authorizationError).toMatch(/SELF_SIGNED/);

      const wrongName = await tlsProbe(local, {
        host: '127.0.0.1',
        port: other,
        servername: 'other.example',
        ca: [valid.cert],
      });
      expect(wrongName.authorized).toBe(false);
      expect(wrongName.authorizationError).toMatch(/other\.example/);
    });

    it('reports the old protocol of a server limited to TLS 1.1', async () => {
      const pems = await certificate(
        new Date(Date.now() - DAY),
        new Date(Date.now() + 90 * DAY),
      );
      const port = await tlsServer(pems, {
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      });
      const result = await tlsProbe(local, {
        host: '127.0.0.1',
        port,
        ca: [pems.cert],
      });
      // The probe offers old protocols on purpose, so it sees (and can report) TLS 1.1.
      expect(result).toMatchObject({ ok: true, protocol: 'TLSv1.1' });
    });
  });
});
