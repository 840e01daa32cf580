import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { runDiscovery } from '@sirsi-nexus/plugin-migration-node';
import { CloudProviderRegistry } from '@sirsi-nexus/plugin-migration-node';
import { gcpProviderFactory } from '../module';
import {
  gcpTestRegistry,
  testServiceAccountKey,
} from './__testUtils__/discoveryRegistry';

const PROJECT = 'shop-prod-4711';
const API = `https://compute.googleapis.com/compute/v1/projects/${PROJECT}`;
const LINK = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;
const KEY = testServiceAccountKey(PROJECT);

// The first call of each client loads Compute's large protobuf descriptors; on a busy CI machine
// that alone can take seconds.
jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const noResults = (scope: string) => ({
  warning: {
    code: 'NO_RESULTS_ON_PAGE',
    message: `There are no results for scope '${scope}' on this page.`,
    data: [{ key: 'scope', value: scope }],
  },
});

const network = {
  kind: 'compute#network',
  id: '111',
  name: 'shop-vpc',
  selfLink: `${LINK}/global/networks/shop-vpc`,
  autoCreateSubnetworks: false,
  routingConfig: { routingMode: 'REGIONAL' },
};

const subnet = {
  kind: 'compute#subnetwork',
  id: '222',
  name: 'shop-eu',
  network: `${LINK}/global/networks/shop-vpc`,
  ipCidrRange: '10.10.0.0/20',
  region: `${LINK}/regions/europe-west1`,
  selfLink: `${LINK}/regions/europe-west1/subnetworks/shop-eu`,
};

const disk = (name: string, zone: string, size: string, type: string) => ({
  kind: 'compute#disk',
  id: `3${name.length}`,
  name,
  sizeGb: size,
  zone: `${LINK}/zones/${zone}`,
  status: 'READY',
  type: `${LINK}/zones/${zone}/diskTypes/${type}`,
  users: [`${LINK}/zones/${zone}/instances/${name}`],
  selfLink: `${LINK}/zones/${zone}/disks/${name}`,
});

const instance = (
  name: string,
  zone: string,
  machineType: string,
  opts: { windows?: boolean; natIP?: string; tag?: string } = {},
) => ({
  kind: 'compute#instance',
  id: '4000000000000000001',
  creationTimestamp: '2023-01-10T02:00:00.000-08:00',
  name,
  machineType: `${LINK}/zones/${zone}/machineTypes/${machineType}`,
  status: 'RUNNING',
  zone: `${LINK}/zones/${zone}`,
  labels: { owner: 'team-webshop', app: 'webshop' },
  networkInterfaces: [
    {
      kind: 'compute#networkInterface',
      network: `${LINK}/global/networks/shop-vpc`,
      subnetwork: `${LINK}/regions/europe-west1/subnetworks/shop-eu`,
      networkIP: '10.10.0.5',
      name: 'nic0',
      accessConfigs: opts.natIP
        ? [
            {
              kind: 'compute#accessConfig',
              type: 'ONE_TO_ONE_NAT',
              name: 'External NAT',
              natIP: opts.natIP,
              networkTier: 'PREMIUM',
            },
          ]
        : [],
    },
  ],
  disks: [
    {
      kind: 'compute#attachedDisk',
      type: 'PERSISTENT',
      mode: 'READ_WRITE',
      source: `${LINK}/zones/${zone}/disks/${name}`,
      deviceName: name,
      index: 0,
      boot: true,
      autoDelete: true,
      licenses: [
        opts.windows
          ? 'https://www.googleapis.com/compute/v1/projects/windows-cloud/global/licenses/windows-server-2012-r2-dc'
          : 'https://www.googleapis.com/compute/v1/projects/debian-cloud/global/licenses/debian-12-bookworm',
      ],
      diskSizeGb: '50',
    },
  ],
  tags: { items: [opts.tag ?? 'web'], fingerprint: '42WmSpB8rSM=' },
  serviceAccounts: [
    {
      email: '100000000001-compute@developer.gserviceaccount.com',
      scopes: ['https://www.googleapis.com/auth/cloud-platform'],
    },
  ],
  selfLink: `${LINK}/zones/${zone}/instances/${name}`,
});

const firewall = (name: string, rule: object) => ({
  kind: 'compute#firewall',
  id: `5${name.length}`,
  creationTimestamp: '2023-01-10T02:00:00.000-08:00',
  name,
  network: `${LINK}/global/networks/shop-vpc`,
  priority: 1000,
  direction: 'INGRESS',
  logConfig: { enable: false },
  disabled: false,
  selfLink: `${LINK}/global/firewalls/${name}`,
  ...rule,
});

/** Records the Authorization header of every Compute call. */
function serveAuth() {
  const headers: (string | null)[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.url.startsWith(API))
      headers.push(request.headers.get('authorization'));
  });
  return headers;
}

type Route = (url: URL) => Response | undefined;

function serveCompute(routes: Record<string, Route> = {}) {
  const calls: string[] = [];
  const pages = (list: object[]) => (url: URL) => {
    const token = Number(url.searchParams.get('pageToken') ?? 0);
    return HttpResponse.json({
      ...list[token],
      ...(token + 1 < list.length ? { nextPageToken: String(token + 1) } : {}),
    });
  };
  const defaults: Record<string, (url: URL) => Response> = {
    '/global/networks': pages([
      { kind: 'compute#networkList', items: [network] },
    ]),
    '/aggregated/subnetworks': pages([
      {
        kind: 'compute#subnetworkAggregatedList',
        items: {
          'regions/europe-west1': { subnetworks: [subnet] },
          'regions/us-east1': noResults('regions/us-east1'),
        },
      },
    ]),
    '/aggregated/disks': pages([
      {
        kind: 'compute#diskAggregatedList',
        items: {
          'zones/europe-west1-b': {
            disks: [
              disk('web-1', 'europe-west1-b', '50', 'pd-balanced'),
              disk('web-2', 'europe-west1-b', '50', 'pd-balanced'),
            ],
          },
        },
      },
      {
        kind: 'compute#diskAggregatedList',
        items: {
          'zones/europe-west1-c': {
            disks: [disk('db-1', 'europe-west1-c', '500', 'pd-ssd')],
          },
          'zones/us-east1-b': noResults('zones/us-east1-b'),
        },
      },
    ]),
    '/aggregated/instances': pages([
      {
        kind: 'compute#instanceAggregatedList',
        items: {
          'zones/europe-west1-b': {
            instances: [
              instance('web-1', 'europe-west1-b', 'e2-standard-2', {
                natIP: '34.76.1.2',
              }),
            ],
          },
          'zones/us-east1-b': noResults('zones/us-east1-b'),
        },
      },
      {
        kind: 'compute#instanceAggregatedList',
        items: {
          'zones/europe-west1-b': {
            instances: [instance('web-2', 'europe-west1-b', 'e2-standard-2')],
          },
        },
      },
      {
        kind: 'compute#instanceAggregatedList',
        items: {
          'zones/europe-west1-c': {
            instances: [
              instance('db-1', 'europe-west1-c', 'n2-custom-8-65536', {
                tag: 'db',
                windows: true,
              }),
            ],
          },
        },
      },
    ]),
    '/global/firewalls': pages([
      {
        kind: 'compute#firewallList',
        items: [
          firewall('allow-web-to-db', {
            sourceTags: ['web'],
            targetTags: ['db'],
            allowed: [{ IPProtocol: 'tcp', ports: ['5432'] }],
          }),
          // Everyone may reach everyone's SSH from IAP: no order between instances.
          firewall('allow-iap-ssh', {
            sourceRanges: ['35.235.240.0/20'],
            allowed: [{ IPProtocol: 'tcp', ports: ['22'] }],
          }),
          firewall('deny-web-to-db-admin', {
            sourceTags: ['web'],
            targetTags: ['db'],
            denied: [{ IPProtocol: 'tcp', ports: ['8080'] }],
          }),
        ],
      },
    ]),
    '/zones/europe-west1-b/machineTypes/e2-standard-2': () =>
      HttpResponse.json({
        kind: 'compute#machineType',
        name: 'e2-standard-2',
        guestCpus: 2,
        memoryMb: 8192,
        zone: 'europe-west1-b',
      }),
    '': () =>
      HttpResponse.json({ kind: 'compute#project', name: PROJECT, id: '555' }),
  };
  server.use(
    http.get(
      new RegExp(`^${API.replace(/\./g, '\\.')}(/.*)?$`),
      ({ request }) => {
        const url = new URL(request.url);
        const path = url.pathname.replace(
          `/compute/v1/projects/${PROJECT}`,
          '',
        );
        calls.push(
          `${path}${
            url.searchParams.get('pageToken')
              ? `#${url.searchParams.get('pageToken')}`
              : ''
          }`,
        );
        const custom = routes[path]?.(url);
        if (custom) return custom;
        const route = defaults[path];
        return route
          ? route(url)
          : HttpResponse.json(
              { error: { code: 404, message: `not found: ${path}` } },
              { status: 404 },
            );
      },
    ),
  );
  return calls;
}

const registry = () =>
  gcpTestRegistry(PROJECT, KEY, {
    // Cloud Monitoring is covered by cloudMonitoringUtilization.test.ts.
    utilization: { enabled: false },
  });

async function collect(iterable: AsyncIterable<DiscoveredResource>) {
  const out: DiscoveredResource[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

/** Compute's answer when the project's read-request quota is used up (no "Rate Limit" in it). */
const QUOTA_MESSAGE =
  "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'compute.googleapis.com' for consumer 'project_number:555'.";

const rateLimit = (status: number, reason: string, grpcStatus?: string) =>
  HttpResponse.json(
    {
      error: {
        code: status,
        message: QUOTA_MESSAGE,
        errors: [{ message: QUOTA_MESSAGE, domain: 'usageLimits', reason }],
        ...(grpcStatus ? { status: grpcStatus } : {}),
      },
    },
    { status },
  );

describe('GcpProvider', () => {
  it('discovers networks, subnetworks, disks and instances of all zones over several pages', async () => {
    const authorization = serveAuth();
    const calls = serveCompute();
    const resources = await collect(registry().get('gcp-prod')!.discover());

    expect(resources.map(r => `${r.kind}:${r.name}`)).toEqual([
      'network:shop-vpc',
      'subnet:shop-eu',
      'disk:web-1',
      'disk:web-2',
      'disk:db-1',
      // web-1 and web-2, which a firewall rule admits to db-1, wait for every instance.
      'vm:db-1',
      'vm:web-1',
      'vm:web-2',
    ]);
    // Every call is signed with the configured service account key.
    expect(authorization.length).toBe(calls.length);
    expect(
      authorization.every(h =>
        /^Bearer ey[\w-]+\.[\w-]+\.[\w-]+$/.test(h ?? ''),
      ),
    ).toBe(true);
    expect(calls.filter(c => c.startsWith('/aggregated/instances'))).toEqual([
      '/aggregated/instances',
      '/aggregated/instances#1',
      '/aggregated/instances#2',
    ]);
    // e2-standard-2 is fetched once; the custom type is read from its name.
    expect(calls.filter(c => c.includes('machineTypes'))).toEqual([
      '/zones/europe-west1-b/machineTypes/e2-standard-2',
    ]);

    const db = resources.find(r => r.name === 'db-1' && r.kind === 'vm')!;
    expect(db).toMatchObject({
      provider: 'gcp',
      environmentId: 'gcp-prod',
      externalId: `projects/${PROJECT}/zones/europe-west1-c/instances/db-1`,
      region: 'europe-west1',
      zone: 'europe-west1-c',
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        instanceType: 'n2-custom-8-65536',
        powerState: 'RUNNING',
        os: { family: 'windows', name: 'windows-server-2012-r2-dc' },
        disks: [{ name: 'db-1', sizeGiB: 500, type: 'pd-ssd' }],
        ipAddresses: ['10.10.0.5'],
        publiclyExposed: false,
      },
      tags: { owner: 'team-webshop', app: 'webshop' },
    });
    expect(db.dependsOn.sort()).toEqual([
      `projects/${PROJECT}/regions/europe-west1/subnetworks/shop-eu`,
      `projects/${PROJECT}/zones/europe-west1-c/disks/db-1`,
    ]);
    // allow-web-to-db: the web tier depends on the database, on 5432.
    expect(db.specs.listeningPorts).toEqual([{ protocol: 'tcp', port: 5432 }]);
    for (const name of ['web-1', 'web-2']) {
      const web = resources.find(r => r.name === name && r.kind === 'vm')!;
      expect(web.dependsOn).toContain(db.externalId);
      expect(web.raw!.derivedDependencies).toEqual([
        {
          on: db.externalId,
          protocol: 'tcp',
          port: 5432,
          evidence:
            'derived from firewall rule allow-web-to-db tcp/5432 from tag web',
        },
      ]);
    }
    expect(resources.find(r => r.kind === 'subnet')!.dependsOn).toEqual([
      `projects/${PROJECT}/global/networks/shop-vpc`,
    ]);
    expect(
      resources.find(r => r.name === 'web-1' && r.kind === 'vm')!.specs,
    ).toMatchObject({
      vcpus: 2,
      memoryMiB: 8192,
      publiclyExposed: true,
      ipAddresses: ['10.10.0.5', '34.76.1.2'],
      os: { family: 'linux' },
    });
  });

  it('retries 429 RESOURCE_EXHAUSTED pages and restarts listings after 403 rateLimitExceeded', async () => {
    serveAuth();
    let instancePage1 = 0;
    let diskCalls = 0;
    const calls = serveCompute({
      '/aggregated/instances': url => {
        if (url.searchParams.get('pageToken') !== '1') return undefined;
        instancePage1++;
        return instancePage1 === 1
          ? rateLimit(429, 'rateLimitExceeded', 'RESOURCE_EXHAUSTED')
          : undefined;
      },
      '/aggregated/disks': url => {
        if (url.searchParams.get('pageToken') !== '1') return undefined;
        diskCalls++;
        return diskCalls === 1
          ? rateLimit(403, 'rateLimitExceeded')
          : undefined;
      },
    });
    const summary = await runDiscovery(registry().get('gcp-prod')!);
    expect(instancePage1).toBe(2);
    expect(diskCalls).toBe(2);
    // The disk listing started over after the 403, without yielding a disk twice.
    expect(calls.filter(c => c.startsWith('/aggregated/disks'))).toEqual([
      '/aggregated/disks',
      '/aggregated/disks#1',
      '/aggregated/disks',
      '/aggregated/disks#1',
    ]);
    expect(summary.countsByKind).toEqual({
      network: 1,
      subnet: 1,
      disk: 3,
      vm: 3,
    });
  });

  it('retries a 403 userRateLimitExceeded of a machine type and reports a lasting rate limit as such', async () => {
    serveAuth();
    let typeCalls = 0;
    serveCompute({
      '/zones/europe-west1-b/machineTypes/e2-standard-2': () =>
        ++typeCalls === 1 ? rateLimit(403, 'userRateLimitExceeded') : undefined,
    });
    const summary = await runDiscovery(registry().get('gcp-prod')!);
    expect(typeCalls).toBe(2);
    expect(summary.countsByKind.vm).toBe(3);

    const calls = serveCompute({
      '/global/networks': () => rateLimit(403, 'rateLimitExceeded'),
    });
    const error = await runDiscovery(registry().get('gcp-prod')!).catch(e => e);
    // Every attempt of retry.maxAttempts (4), then a message about the rate limit.
    expect(calls).toEqual(Array(4).fill('/global/networks'));
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^Compute Engine kept rate-limiting environment gcp-prod in project shop-prod-4711 after the configured retries \(Quota exceeded for quota metric 'Read requests'.* \(HTTP 403, rateLimitExceeded\)\)\. Run discovery less often/,
    );
    expect(error.message).not.toContain('roles/compute.viewer');
  });

  it('fails at once with a permission error for a 403 forbidden', async () => {
    const message = `Required 'compute.networks.list' permission for 'projects/${PROJECT}'`;
    const calls = serveCompute({
      '/global/networks': () =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message,
              errors: [{ message, domain: 'global', reason: 'forbidden' }],
            },
          },
          { status: 403 },
        ),
    });
    const error = await runDiscovery(registry().get('gcp-prod')!).catch(e => e);
    expect(calls).toEqual(['/global/networks']);
    expect(error.name).toBe('NotAllowedError');
    expect(error.message).toContain(
      'Grant it roles/compute.viewer on the project.',
    );
  });

  it('fails with a clear message when the service account key was revoked', async () => {
    // Service account keys sign their own JWTs; Compute rejects a revoked one with 401.
    const calls = serveCompute({
      '/global/networks': () =>
        HttpResponse.json(
          {
            error: {
              code: 401,
              message:
                'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
              errors: [
                {
                  message: 'Invalid Credentials',
                  domain: 'global',
                  reason: 'authError',
                  location: 'Authorization',
                  locationType: 'header',
                },
              ],
              status: 'UNAUTHENTICATED',
            },
          },
          { status: 401 },
        ),
    });
    const error = await runDiscovery(registry().get('gcp-prod')!).catch(e => e);
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(
      /^Google Cloud rejected the credentials of environment gcp-prod \(Request had invalid authentication credentials\..*\)\. Create a new key for the service account/,
    );
    expect(error.message).not.toContain('PRIVATE KEY');
    // Not retried: a rejected credential does not get better by asking again.
    expect(calls).toEqual(['/global/networks']);
  });

  it('finds nothing in an empty project whose zones only carry warnings', async () => {
    serveAuth();
    serveCompute({
      '/global/networks': () =>
        HttpResponse.json({ kind: 'compute#networkList', items: [] }),
      '/aggregated/subnetworks': () =>
        HttpResponse.json({
          items: { 'regions/europe-west1': noResults('regions/europe-west1') },
        }),
      '/aggregated/disks': () =>
        HttpResponse.json({
          items: { 'zones/europe-west1-b': noResults('zones/europe-west1-b') },
        }),
      '/aggregated/instances': () =>
        HttpResponse.json({
          items: { 'zones/europe-west1-b': noResults('zones/europe-west1-b') },
        }),
    });
    const summary = await runDiscovery(registry().get('gcp-prod')!);
    expect(summary).toMatchObject({ total: 0, countsByKind: {}, warnings: [] });
  });

  it('validates the project and explains a disabled Compute API', async () => {
    serveAuth();
    serveCompute();
    expect(await registry().get('gcp-prod')!.validate()).toEqual([
      {
        id: 'gcp-compute',
        title: 'Compute Engine API',
        status: 'pass',
        message: `Project ${PROJECT} answers`,
      },
    ]);
    serveCompute({
      '': () =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message: `Compute Engine API has not been used in project 555 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/compute.googleapis.com/overview?project=555 then retry.`,
              errors: [
                {
                  message:
                    'Compute Engine API has not been used in project 555 before or it is disabled.',
                  domain: 'usageLimits',
                  reason: 'accessNotConfigured',
                },
              ],
              status: 'PERMISSION_DENIED',
            },
          },
          { status: 403 },
        ),
    });
    const [check] = await registry().get('gcp-prod')!.validate();
    expect(check.status).toBe('fail');
    expect(check.message).toContain(
      `The Compute Engine API is not enabled in project ${PROJECT}`,
    );
    expect(check.remediation).toBe(
      `Enable it: gcloud services enable compute.googleapis.com --project ${PROJECT}`,
    );
  });

  it('names the bad key in the gcp block', () => {
    const build = (gcp: object) =>
      CloudProviderRegistry.fromConfig(
        new ConfigReader({
          migration: { environments: [{ id: 'g', provider: 'gcp', gcp }] },
        }),
        {
          factories: { gcp: gcpProviderFactory },
          logger: mockServices.logger.mock(),
        },
      );
    expect(() => build({ projectId: 'Shop Prod' })).toThrow(
      'gcp.projectId "Shop Prod" is not a Google Cloud project id',
    );
    expect(() =>
      build({ projectId: PROJECT, credentials: 'not json' }),
    ).toThrow('gcp.credentials must be the JSON key of a service account');
  });
});
