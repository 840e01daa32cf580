import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type {
  TransferReport,
  ValidationCheck,
} from '@sirsi-nexus/plugin-migration-common';
import { createAddressPolicy } from './addressPolicy';
import { runValidation } from './runValidation';

const DAY = 86_400_000;
const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise(r => s.close(r));
  }
});
function listen(server: http.Server) {
  servers.push(server);
  return new Promise<number>(r =>
    server.listen(0, '127.0.0.1', () =>
      r((server.address() as AddressInfo).port),
    ),
  );
}

const transfer: TransferReport = {
  rehearsal: true,
  destination: 'file:///staging/m1',
  imageCopies: [],
  statements: [],
  status: {
    state: 'completed',
    bytesTransferred: 300,
    totalBytes: 300,
    speedBytesPerSecond: 100,
    errors: [],
    objects: [
      {
        id: 'a',
        name: 'orders-db dump',
        source: 'file:///src/a',
        target: 'file:///staging/m1/a',
        totalBytes: 200,
        bytesTransferred: 200,
        chunkSize: 100,
        chunks: 2,
        chunksDone: 2,
        state: 'completed',
        sha256: 'abc-2',
        verified: true,
      },
      {
        id: 'b',
        name: 'web-01 disk',
        source: 'file:///src/b',
        target: 'file:///staging/m1/b',
        totalBytes: 100,
        bytesTransferred: 100,
        chunkSize: 100,
        chunks: 1,
        chunksDone: 1,
        state: 'completed',
        sha256: 'def-1',
        verified: false,
      },
    ],
  },
};

const byId = (checks: ValidationCheck[], id: string) =>
  checks.find(c => c.id === id)!;

describe('runValidation', () => {
  it('checks data, network, TLS and performance against the baseline', async () => {
    const pems = await generate(
      [{ name: 'commonName', value: 'shop.example' }],
      {
        notBeforeDate: new Date(Date.now() - DAY),
        notAfterDate: new Date(Date.now() + 10 * DAY),
        keySize: 2048,
        algorithm: 'sha256',
        extensions: [
          {
            name: 'subjectAltName',
            altNames: [{ type: 2, value: 'shop.example' }],
          },
        ],
      },
    );
    const web = await listen(
      https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
        res.statusCode = req.url === '/health' ? 200 : 404;
        res.end();
      }) as unknown as http.Server,
    );
    const api = await listen(http.createServer((_q, res) => res.end()));
    const policy = await createAddressPolicy({ targets: ['127.0.0.1'] });
    const progress: string[] = [];

    const report = await runValidation(
      {
        endpoints: [
          {
            name: 'shop',
            host: '127.0.0.1',
            port: web,
            url: `https://127.0.0.1:${web}/health`,
            servername: 'shop.example',
          },
          { name: 'api', host: '127.0.0.1', port: api },
          { name: 'metadata', host: '169.254.169.254', port: 80 },
        ],
        transfer,
        expectedObjects: ['orders-db dump', 'web-01 disk', 'reports share'],
        baseline: {
          capturedAt: new Date().toISOString(),
          endpoints: [
            // A baseline far slower than loopback: no regression possible.
            {
              name: 'shop',
              target: 'dc1',
              p50Ms: 500,
              p95Ms: 900,
              samples: 10,
            },
            // A baseline far faster than anything measurable: a regression.
            {
              name: 'api',
              target: 'dc1',
              p50Ms: 0.0001,
              p95Ms: 0.0001,
              samples: 10,
            },
          ],
        },
      },
      {
        policy,
        ca: [pems.cert],
        latencySamples: 3,
        latencyToleranceMs: 0,
        onCheck: c => {
          progress.push(`${c.id}:${c.status}`);
        },
      },
    );

    const { checks } = report;
    expect(byId(checks, 'data.manifest')).toMatchObject({ status: 'failed' });
    expect(byId(checks, 'data.manifest').message).toMatch(/reports share/);
    expect(byId(checks, 'data.checksum.a')).toMatchObject({ status: 'passed' });
    expect(byId(checks, 'data.checksum.b')).toMatchObject({ status: 'failed' });
    expect(byId(checks, 'network.tcp.shop').status).toBe('passed');
    expect(byId(checks, 'network.http.shop')).toMatchObject({
      status: 'passed',
      metrics: expect.objectContaining({ status: 200 }),
    });
    const tls = byId(checks, 'network.tls.shop');
    expect(tls.status).toBe('warning');
    expect(tls.message).toMatch(/expires in (9|10) day/);
    expect(byId(checks, 'performance.latency.shop').status).toBe('passed');
    const slow = byId(checks, 'performance.latency.api');
    expect(slow.status).toBe('failed');
    expect(slow.metrics.p95ChangePercent).toBeGreaterThan(20);
    const refused = byId(checks, 'network.tcp.metadata');
    expect(refused).toMatchObject({
      status: 'failed',
      metrics: expect.objectContaining({ refused: true }),
    });
    expect(refused.remediation).toMatch(/never probed/);

    expect(report.status).toBe('failed');
    expect(
      report.summary.passed + report.summary.failed + report.summary.warning,
    ).toBe(checks.length);
    expect(progress).toContain('network.tcp.shop:running');
    expect(progress).toContain('network.tcp.shop:passed');
  });

  it('treats a p95 increase within the jitter tolerance as no regression', async () => {
    const api = await listen(http.createServer((_q, res) => res.end()));
    const policy = await createAddressPolicy({ targets: ['127.0.0.1'] });
    const probe = (latencyToleranceMs: number) =>
      runValidation(
        {
          endpoints: [{ name: 'api', host: '127.0.0.1', port: api }],
          baseline: {
            capturedAt: new Date().toISOString(),
            endpoints: [
              {
                name: 'api',
                target: 'dc1',
                p50Ms: 0.0001,
                p95Ms: 0.0001,
                samples: 10,
              },
            ],
          },
        },
        {
          policy,
          latencySamples: 2,
          latencyToleranceMs,
        },
      ).then(r => byId(r.checks, 'performance.latency.api'));

    // Loopback connects take well under a second; the percentage alone is enormous.
    const tolerated = await probe(1000);
    expect(tolerated.metrics.p95ChangePercent).toBeGreaterThan(20);
    expect(tolerated.status).toBe('passed');
    expect(tolerated.message).toMatch(/within the 1000 ms jitter tolerance/);
    expect(tolerated.metrics.toleranceMs).toBe(1000);

    const strict = await probe(0);
    expect(strict.status).toBe('failed');
    expect(strict.message).not.toMatch(/jitter/);
  });

  it('warns when there is nothing to probe and nothing was moved', async () => {
    const report = await runValidation(
      {
        endpoints: [],
        noEndpointsReason:
          'Rehearsal: nothing was built, so no target endpoint exists',
      },
      { policy: await createAddressPolicy({}) },
    );
    expect(report.status).toBe('warning');
    expect(report.checks.map(c => [c.id, c.status])).toEqual([
      ['data.transfer', 'warning'],
      ['network.endpoints', 'warning'],
    ]);
    expect(report.checks[1].message).toMatch(/Rehearsal/);
  });
});
