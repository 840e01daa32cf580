import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { runDiscovery } from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  gcpTestRegistry,
  testServiceAccountKey,
} from './__testUtils__/discoveryRegistry';

const PROJECT = 'shop-prod-4711';
const API = `https://compute.googleapis.com/compute/v1/projects/${PROJECT}`;
const LINK = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
const TIME_SERIES = `https://monitoring.googleapis.com/v3/projects/${PROJECT}/timeSeries`;
const CPU = 'compute.googleapis.com/instance/cpu/utilization';
const MEMORY = 'agent.googleapis.com/memory/percent_used';
const KEY = testServiceAccountKey(PROJECT);

// The first call of each Compute client loads its large protobuf descriptors.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

/** Numeric instance ids as Compute assigns them. */
const idOf = (i: number) => String(4_700_000_000_000_000_000n + BigInt(i));

const instance = (i: number) => ({
  kind: 'compute#instance',
  id: idOf(i),
  name: `vm-${i}`,
  zone: `${LINK}/zones/europe-west1-b`,
  machineType: `${LINK}/zones/europe-west1-b/machineTypes/e2-standard-4`,
  status: 'RUNNING',
  networkInterfaces: [],
  disks: [],
  selfLink: `${LINK}/zones/europe-west1-b/instances/vm-${i}`,
});

/** Compute with `count` instances in one zone and nothing else. */
function serveCompute(count: number) {
  const bodies: Record<string, object> = {
    '/global/networks': { kind: 'compute#networkList', items: [] },
    '/global/firewalls': { kind: 'compute#firewallList', items: [] },
    '/aggregated/subnetworks': {
      kind: 'compute#subnetworkAggregatedList',
      items: {},
    },
    '/aggregated/disks': { kind: 'compute#diskAggregatedList', items: {} },
    '/aggregated/instances': {
      kind: 'compute#instanceAggregatedList',
      items: {
        'zones/europe-west1-b': {
          instances: Array.from({ length: count }, (_, i) => instance(i)),
        },
      },
    },
    '/zones/europe-west1-b/machineTypes/e2-standard-4': {
      kind: 'compute#machineType',
      name: 'e2-standard-4',
      guestCpus: 4,
      memoryMb: 16384,
      zone: 'europe-west1-b',
    },
  };
  server.use(
    http.get(
      new RegExp(`^${API.replace(/\./g, '\\.')}(/.*)?$`),
      ({ request }) => {
        const path = new URL(request.url).pathname.replace(
          `/compute/v1/projects/${PROJECT}`,
          '',
        );
        return HttpResponse.json(bodies[path]);
      },
    ),
    http.post('https://oauth2.googleapis.com/token', () =>
      HttpResponse.json({
        access_token: 'ya29.monitoring-token',
        expires_in: 3599,
        token_type: 'Bearer',
      }),
    ),
  );
}

/** CPU of instance i: (i mod 50 + 1) % as a fraction; memory 40 + i mod 50 % where the agent runs. */
const cpuOf = (i: number) => ((i % 50) + 1) / 100;
const memOf = (i: number) => 40 + (i % 50);

/** Which instance ids a filter names (`resource.labels.instance_id = one_of(…)`). */
function idsIn(filter: string) {
  const list = /resource\.labels\.instance_id = one_of\(([^)]*)\)/.exec(filter);
  return list ? [...list[1].matchAll(/"(\d+)"/g)].map(m => m[1]) : [];
}

/** One aligned ALIGN_PERCENTILE_95 point per series, as Cloud Monitoring answers. */
function seriesFor(url: URL, agentOn: (i: number) => boolean) {
  const filter = url.searchParams.get('filter')!;
  const memory = filter.includes(MEMORY);
  const end = url.searchParams.get('interval.endTime')!;
  const start = url.searchParams.get('interval.startTime')!;
  return idsIn(filter)
    .map(id => Number(BigInt(id) - 4_700_000_000_000_000_000n))
    .filter(i => !memory || agentOn(i))
    .map(i => ({
      metric: memory
        ? { type: MEMORY, labels: { state: 'used' } }
        : { type: CPU, labels: { instance_name: `vm-${i}` } },
      resource: {
        type: 'gce_instance',
        labels: {
          project_id: PROJECT,
          instance_id: idOf(i),
          zone: 'europe-west1-b',
        },
      },
      metricKind: 'GAUGE',
      valueType: 'DOUBLE',
      points: [
        {
          interval: { startTime: start, endTime: end },
          value: { doubleValue: memory ? memOf(i) : cpuOf(i) },
        },
      ],
    }));
}

type Reply = (url: URL, call: number) => Response | undefined;

function serveMonitoring(
  options: { agentOn?: (i: number) => boolean; reply?: Reply } = {},
) {
  const calls: URL[] = [];
  server.use(
    http.get(TIME_SERIES, ({ request }) => {
      const url = new URL(request.url);
      calls.push(url);
      const custom = options.reply?.(url, calls.length);
      if (custom) return custom;
      const timeSeries = seriesFor(url, options.agentOn ?? (() => true));
      return HttpResponse.json({
        ...(timeSeries.length ? { timeSeries } : {}),
        unit: url.searchParams.get('filter')!.includes(MEMORY) ? '%' : '10^2.%',
      });
    }),
  );
  return calls;
}

const googleError = (code: number, status: string, message: string) =>
  HttpResponse.json({ error: { code, message, status } }, { status: code });

const registry = (env?: Record<string, unknown>) =>
  gcpTestRegistry(PROJECT, KEY, env);

async function discover(env?: Record<string, unknown>) {
  const vms: DiscoveredResource[] = [];
  const summary = await runDiscovery(registry(env).get('gcp-prod')!, {
    onResource: r => {
      if (r.kind === 'vm') vms.push(r);
    },
  });
  return { vms, summary };
}

const metricOf = (url: URL) =>
  /metric\.type = "([^"]+)"/.exec(url.searchParams.get('filter')!)![1];

describe('Cloud Monitoring utilization of Compute Engine instances', () => {
  it('asks once per metric type for each batch of 100 instances and reads the aligned P95', async () => {
    serveCompute(150);
    const calls = serveMonitoring({ agentOn: i => i % 2 === 0 });

    const { vms, summary } = await discover();

    expect(
      calls.map(
        c => `${metricOf(c)}:${idsIn(c.searchParams.get('filter')!).length}`,
      ),
    ).toEqual([`${CPU}:100`, `${MEMORY}:100`, `${CPU}:50`, `${MEMORY}:50`]);
    const first = Object.fromEntries(calls[1].searchParams);
    expect(first).toMatchObject({
      'aggregation.alignmentPeriod': '1209600s',
      'aggregation.perSeriesAligner': 'ALIGN_PERCENTILE_95',
    });
    expect(first.filter).toBe(
      `metric.type = "${MEMORY}" AND resource.type = "gce_instance" AND resource.labels.instance_id = one_of(${Array.from(
        { length: 100 },
        (_, i) => `"${idOf(i)}"`,
      ).join(', ')}) AND metric.labels.state = "used"`,
    );
    expect(
      Date.parse(first['interval.endTime']) -
        Date.parse(first['interval.startTime']),
    ).toBe(14 * 86_400_000);
    expect(vms).toHaveLength(150);
    expect(vms[0].utilization).toEqual({
      cpuP95: 1,
      memP95: 40,
      window: 'P14D',
      source: 'Cloud Monitoring',
    });
    // No Ops Agent on the odd ones: memory not measured.
    expect(vms[101].utilization).toEqual({
      cpuP95: 52 - 50,
      window: 'P14D',
      source: 'Cloud Monitoring',
    });
    expect(summary.warnings).toEqual([]);
  });

  it('follows nextPageToken', async () => {
    serveCompute(3);
    const calls = serveMonitoring({
      reply: (url, call) => {
        if (metricOf(url) !== CPU) return undefined;
        const all = seriesFor(url, () => true);
        return call === 1
          ? HttpResponse.json({
              timeSeries: all.slice(0, 2),
              nextPageToken: 'page-2',
            })
          : HttpResponse.json({ timeSeries: all.slice(2) });
      },
    });

    const { vms } = await discover({ utilization: { windowDays: 30 } });

    expect(
      calls.map(c => `${metricOf(c)}:${c.searchParams.get('pageToken') ?? ''}`),
    ).toEqual([`${CPU}:`, `${CPU}:page-2`, `${MEMORY}:`]);
    expect(calls[0].searchParams.get('aggregation.alignmentPeriod')).toBe(
      '2592000s',
    );
    expect(vms.map(v => v.utilization?.cpuP95)).toEqual([1, 2, 3]);
  });

  it('retries a rate-limited list and then measures', async () => {
    serveCompute(2);
    const calls = serveMonitoring({
      reply: (_url, call) =>
        call === 1
          ? googleError(
              429,
              'RESOURCE_EXHAUSTED',
              "Quota exceeded for quota metric 'Time series queries' and limit 'Time series queries per minute' of service 'monitoring.googleapis.com' for consumer 'project_number:555'.",
            )
          : undefined,
    });

    const { vms, summary } = await discover();

    expect(calls.map(metricOf)).toEqual([CPU, CPU, MEMORY]);
    expect(vms.map(v => v.utilization?.cpuP95)).toEqual([1, 2]);
    expect(summary.warnings).toEqual([]);
  });

  it('leaves instances unmeasured with one warning when monitoring may not be read', async () => {
    serveCompute(150);
    const calls = serveMonitoring({
      reply: () =>
        googleError(
          403,
          'PERMISSION_DENIED',
          `Permission monitoring.timeSeries.list denied (or the resource may not exist).`,
        ),
    });

    const { vms, summary } = await discover();

    expect(vms).toHaveLength(150);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
    // Not retried, and the second batch does not ask again.
    expect(calls).toHaveLength(1);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /^gcp-prod: Cloud Monitoring utilization not measured \(.*Permission monitoring\.timeSeries\.list denied/,
    );
    expect(summary.warnings[0]).toContain('roles/monitoring.viewer');
  });

  it('fails discovery when the credentials are rejected, without retrying', async () => {
    serveCompute(1);
    const calls = serveMonitoring({
      reply: () =>
        googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        ),
    });

    await expect(discover()).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
    expect(calls).toHaveLength(1);
  });

  it('asks Cloud Monitoring nothing when utilization is switched off', async () => {
    serveCompute(2);
    const calls = serveMonitoring();

    const { vms } = await discover({ utilization: { enabled: false } });

    expect(calls).toEqual([]);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
  });
});
