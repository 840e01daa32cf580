import { registerMswTestHooks } from '@backstage/backend-test-utils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { runDiscovery } from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { azureTestRegistry } from './__testUtils__/discoveryRegistry';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
const ARM = `https://management.azure.com/subscriptions/${SUB}`;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-shop`;
const LOGIN = `https://login.microsoftonline.com/${TENANT}`;
/** The metrics of a VM: `GET {vm id}/providers/Microsoft.Insights/metrics`. */
const METRICS =
  /\/resourcegroups\/rg-shop\/providers\/microsoft\.compute\/virtualmachines\/([^/]+)\/providers\/Microsoft\.Insights\/metrics$/i;
const GiB = 1024 ** 3;

const server = setupServer();
registerMswTestHooks(server);

function serveLogin() {
  server.use(
    http.get(`${LOGIN}/v2.0/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        token_endpoint: `${LOGIN}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: ['client_secret_post'],
        jwks_uri: `${LOGIN}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token'],
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        authorization_endpoint: `${LOGIN}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${LOGIN}/oauth2/v2.0/logout`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
      }),
    ),
    http.post(`${LOGIN}/oauth2/v2.0/token`, () =>
      HttpResponse.json({
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
      }),
    ),
  );
}

const vm = (name: string) => ({
  id: `${RG}/providers/Microsoft.Compute/virtualMachines/${name}`,
  name,
  type: 'Microsoft.Compute/virtualMachines',
  location: 'westeurope',
  properties: {
    vmId: `0f0e0d0c-${name}`,
    hardwareProfile: { vmSize: 'Standard_D2s_v5' },
    storageProfile: { osDisk: { osType: 'Linux', name: `${name}_OsDisk` } },
    networkProfile: { networkInterfaces: [] },
    provisioningState: 'Succeeded',
  },
});

/** The VMs over pages of 50 (nextLink), everything else empty; D2s_v5 has 8 GiB. */
function serveArm(names: string[]) {
  const list = (path: string, items: object[]) =>
    http.get(`${ARM}/providers/${path}`, ({ request }) => {
      const url = new URL(request.url);
      const from = Number(url.searchParams.get('$skiptoken') ?? 0);
      const next = from + 50 < items.length ? from + 50 : undefined;
      return HttpResponse.json({
        value: items.slice(from, from + 50),
        ...(next
          ? {
              nextLink: `${ARM}/providers/${path}?api-version=${url.searchParams.get(
                'api-version',
              )}&$skiptoken=${next}`,
            }
          : {}),
      });
    });
  server.use(
    list('Microsoft.Network/virtualNetworks', []),
    list('Microsoft.Network/networkInterfaces', []),
    list('Microsoft.Network/networkSecurityGroups', []),
    list('Microsoft.Compute/disks', []),
    list('Microsoft.Compute/locations/westeurope/vmSizes', [
      {
        name: 'Standard_D2s_v5',
        numberOfCores: 2,
        osDiskSizeInMB: 1047552,
        resourceDiskSizeInMB: 0,
        memoryInMB: 8192,
        maxDataDiskCount: 4,
      },
    ]),
    list('Microsoft.Compute/virtualMachines', names.map(vm)),
  );
}

/**
 * 14 days of hourly averages as Azure Monitor returns them: 320 quiet hours, 16 busy ones
 * (under 5 %, so the P95 stays quiet) and 4 hours without data.
 */
function hourly(quiet: number, busy: number, start: Date) {
  return Array.from({ length: 340 }, (_, i) => {
    const timeStamp = new Date(start.getTime() + i * 3_600_000).toISOString();
    if (i >= 336) return { timeStamp };
    return { timeStamp, average: i % 21 === 20 ? busy : quiet };
  });
}

/** CPU quiet at 10 + the VM's number; memory 25 % used (6 GiB of 8 available) when quiet. */
function metricsBody(name: string, url: URL) {
  const [from, to] = url.searchParams.get('timespan')!.split('/');
  const n = Number(name.replace(/\D/g, '') || 0);
  const start = new Date(from);
  const metric = (id: string, unit: string, data: object[]) => ({
    id: `${RG}/providers/Microsoft.Compute/virtualMachines/${name}/providers/Microsoft.Insights/metrics/${id}`,
    type: 'Microsoft.Insights/metrics',
    name: { value: id, localizedValue: id },
    displayDescription: `${id} of the virtual machine`,
    unit,
    timeseries: [{ metadatavalues: [], data }],
    errorCode: 'Success',
  });
  return {
    cost: 671,
    timespan: `${from}/${to}`,
    interval: 'PT1H',
    value: [
      metric('Percentage CPU', 'Percent', hourly(10 + n, 95, start)),
      metric(
        'Available Memory Bytes',
        'Bytes',
        hourly(6 * GiB, 1 * GiB, start),
      ),
    ],
    namespace: 'Microsoft.Compute/virtualMachines',
    resourceregion: 'westeurope',
  };
}

type Reply = (name: string, call: number) => Response | undefined;

function serveMetrics(reply?: Reply) {
  const calls: URL[] = [];
  const flight = { now: 0, peak: 0 };
  server.use(
    http.get(METRICS, async ({ request }) => {
      const url = new URL(request.url);
      calls.push(url);
      const name = METRICS.exec(url.pathname)![1];
      flight.now++;
      flight.peak = Math.max(flight.peak, flight.now);
      // Let other calls of the batch start before this one answers.
      await new Promise(resolve => setImmediate(resolve));
      flight.now--;
      return (
        reply?.(name, calls.length) ?? HttpResponse.json(metricsBody(name, url))
      );
    }),
  );
  return { calls, flight };
}

const armError = (status: number, code: string, message: string) =>
  HttpResponse.json({ error: { code, message } }, { status });

const registry = (env?: Record<string, unknown>) =>
  azureTestRegistry(SUB, TENANT, env);

async function discover(env?: Record<string, unknown>) {
  const vms: DiscoveredResource[] = [];
  const summary = await runDiscovery(registry(env).get('azure-prod')!, {
    onResource: r => {
      if (r.kind === 'vm') vms.push(r);
    },
  });
  return { vms, summary };
}

const names = (n: number) => Array.from({ length: n }, (_, i) => `vm-${i}`);

describe('Azure Monitor utilization of VMs', () => {
  it('asks once per VM for both host metrics and takes the P95 of the hourly averages', async () => {
    serveLogin();
    serveArm(names(2));
    const { calls } = serveMetrics();

    const { vms, summary } = await discover();

    expect(calls).toHaveLength(2);
    const query = Object.fromEntries(calls[0].searchParams);
    expect(query).toMatchObject({
      'api-version': '2024-02-01',
      metricnames: 'Percentage CPU,Available Memory Bytes',
      aggregation: 'average',
      interval: 'PT1H',
    });
    const [from, to] = query.timespan.split('/');
    expect(Date.parse(to) - Date.parse(from)).toBe(14 * 86_400_000);
    expect(Date.parse(to) % 3_600_000).toBe(0);
    expect(vms.map(v => v.utilization)).toEqual([
      {
        cpuP95: 10,
        memP95: 25,
        samples: 336,
        window: 'P14D',
        source: 'Azure Monitor',
      },
      {
        cpuP95: 11,
        memP95: 25,
        samples: 336,
        window: 'P14D',
        source: 'Azure Monitor',
      },
    ]);
    expect(summary.warnings).toEqual([]);
  });

  it('measures 120 VMs from three pages with at most 8 calls in flight', async () => {
    serveLogin();
    serveArm(names(120));
    const { calls, flight } = serveMetrics();

    const { vms } = await discover({ utilization: { windowDays: 7 } });

    expect(calls).toHaveLength(120);
    expect(flight.peak).toBeGreaterThan(1);
    expect(flight.peak).toBeLessThanOrEqual(8);
    expect(vms).toHaveLength(120);
    expect(vms.every(v => v.utilization?.window === 'P7D')).toBe(true);
    expect(vms[119].utilization?.cpuP95).toBe(129);
  });

  it('retries a throttled metrics call after its Retry-After and then measures', async () => {
    serveLogin();
    serveArm(names(1));
    const { calls } = serveMetrics((_name, call) =>
      call === 1
        ? HttpResponse.json(
            {
              error: {
                code: 'TooManyRequests',
                message:
                  'The request was throttled. Please retry after some time.',
              },
            },
            { status: 429, headers: { 'Retry-After': '0' } },
          )
        : undefined,
    );

    const { vms, summary } = await discover();

    expect(calls).toHaveLength(2);
    expect(vms[0].utilization?.cpuP95).toBe(10);
    expect(summary.warnings).toEqual([]);
  });

  it('leaves VMs unmeasured with one warning when the identity may not read metrics', async () => {
    serveLogin();
    serveArm(names(3));
    const { calls } = serveMetrics(name =>
      armError(
        403,
        'AuthorizationFailed',
        `The client '11111111-2222-3333-4444-555555555555' with object id 'aaaaaaaa-0000-0000-0000-000000000000' does not have authorization to perform action 'microsoft.insights/metrics/read' over scope '${RG}/providers/Microsoft.Compute/virtualMachines/${name}/providers/Microsoft.Insights' or the scope is invalid. If access was recently granted, please refresh your credentials.`,
      ),
    );

    const { vms, summary } = await discover();

    expect(vms).toHaveLength(3);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
    // Not retried; the calls already in flight are all that is asked.
    expect(calls.length).toBeLessThanOrEqual(3);
    expect(summary.warnings).toHaveLength(1);
    expect(summary.warnings[0]).toMatch(
      /^azure-prod: Azure Monitor utilization not measured \(AuthorizationFailed: The client .* does not have authorization to perform action 'microsoft\.insights\/metrics\/read'/,
    );
    expect(summary.warnings[0]).toContain('Monitoring Reader');
  });

  it('fails discovery when Azure rejects the token, without retrying', async () => {
    serveLogin();
    serveArm(names(1));
    const { calls } = serveMetrics(() =>
      armError(
        401,
        'InvalidAuthenticationToken',
        'The access token is invalid.',
      ),
    );

    await expect(discover()).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
    expect(calls).toHaveLength(1);
  });

  it('asks Azure Monitor nothing when utilization is switched off', async () => {
    serveLogin();
    serveArm(names(2));
    const { calls } = serveMetrics();

    const { vms } = await discover({ utilization: { enabled: false } });

    expect(calls).toEqual([]);
    expect(vms.every(v => v.utilization === undefined)).toBe(true);
  });
});
