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
import { azureProviderFactory } from '../module';
import { azureTestRegistry } from './__testUtils__/discoveryRegistry';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const SUB = '0b1f6471-1bf0-4dda-aec3-111122223333';
const ARM = `https://management.azure.com/subscriptions/${SUB}`;
const RG = `/subscriptions/${SUB}/resourceGroups/rg-shop`;
const LOGIN = `https://login.microsoftonline.com/${TENANT}`;

const server = setupServer();
registerMswTestHooks(server);

function serveLogin(tokenResponse?: () => Response) {
  const calls = { token: 0 };
  server.use(
    http.get(`${LOGIN}/v2.0/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        token_endpoint: `${LOGIN}/oauth2/v2.0/token`,
        token_endpoint_auth_methods_supported: [
          'client_secret_post',
          'private_key_jwt',
          'client_secret_basic',
        ],
        jwks_uri: `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`,
        response_modes_supported: ['query', 'fragment', 'form_post'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: [
          'code',
          'id_token',
          'code id_token',
          'id_token token',
        ],
        scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        request_uri_parameter_supported: false,
        userinfo_endpoint: 'https://graph.microsoft.com/oidc/userinfo',
        authorization_endpoint: `${LOGIN}/oauth2/v2.0/authorize`,
        device_authorization_endpoint: `${LOGIN}/oauth2/v2.0/devicecode`,
        http_logout_supported: true,
        frontchannel_logout_supported: true,
        end_session_endpoint: `${LOGIN}/oauth2/v2.0/logout`,
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'tid'],
        kerberos_endpoint: `${LOGIN}/kerberos`,
        tenant_region_scope: 'EU',
        cloud_instance_name: 'microsoftonline.com',
        cloud_graph_host_name: 'graph.windows.net',
        msgraph_host: 'graph.microsoft.com',
        rbac_url: 'https://pas.windows.net',
      }),
    ),
    http.post(`${LOGIN}/oauth2/v2.0/token`, async ({ request }) => {
      calls.token++;
      const body = new URLSearchParams(await request.text());
      expect(body.get('client_id')).toBe(
        '11111111-2222-3333-4444-555555555555',
      );
      expect(body.get('scope')).toContain(
        'https://management.azure.com/.default',
      );
      return (
        tokenResponse?.() ??
        HttpResponse.json({
          token_type: 'Bearer',
          expires_in: 3599,
          ext_expires_in: 3599,
          access_token: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.test.signature',
        })
      );
    }),
  );
  return calls;
}

const vnet = {
  id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-shop`,
  name: 'vnet-shop',
  type: 'Microsoft.Network/virtualNetworks',
  location: 'westeurope',
  tags: { owner: 'platform-engineering' },
  properties: {
    provisioningState: 'Succeeded',
    addressSpace: { addressPrefixes: ['10.1.0.0/16'] },
    subnets: [
      {
        id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/web`,
        name: 'web',
        properties: {
          addressPrefix: '10.1.1.0/24',
          provisioningState: 'Succeeded',
        },
      },
    ],
  },
};

const asgId = (name: string) =>
  `${RG}/providers/Microsoft.Network/applicationSecurityGroups/${name}`;

const nic = (name: string, ip: string, publicIp = false, asg?: string) => ({
  id: `${RG}/providers/Microsoft.Network/networkInterfaces/${name}`,
  name,
  location: 'westeurope',
  properties: {
    ...(asg === 'asg-db'
      ? {
          networkSecurityGroup: {
            id: `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-db`,
          },
        }
      : {}),
    ipConfigurations: [
      {
        id: `${RG}/providers/Microsoft.Network/networkInterfaces/${name}/ipConfigurations/ipconfig1`,
        name: 'ipconfig1',
        properties: {
          privateIPAddress: ip,
          privateIPAllocationMethod: 'Dynamic',
          // The NIC API spells the resource group in capitals; the VNet API did not.
          subnet: {
            id: `${RG.replace(
              'rg-shop',
              'RG-SHOP',
            )}/providers/Microsoft.Network/virtualNetworks/vnet-shop/subnets/web`,
          },
          ...(publicIp
            ? {
                publicIPAddress: {
                  id: `${RG}/providers/Microsoft.Network/publicIPAddresses/${name}-pip`,
                },
              }
            : {}),
          primary: true,
          ...(asg ? { applicationSecurityGroups: [{ id: asgId(asg) }] } : {}),
        },
      },
    ],
  },
});

const nsgRule = (name: string, priority: number, properties: object) => ({
  id: `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-db/securityRules/${name}`,
  name,
  type: 'Microsoft.Network/networkSecurityGroups/securityRules',
  properties: {
    provisioningState: 'Succeeded',
    protocol: 'Tcp',
    sourcePortRange: '*',
    destinationAddressPrefix: '*',
    access: 'Allow',
    priority,
    direction: 'Inbound',
    sourcePortRanges: [],
    destinationPortRanges: [],
    sourceAddressPrefixes: [],
    destinationAddressPrefixes: [],
    ...properties,
  },
});

/** The database's NSG (on its NIC): SQL from the web ASG, Redis from web-2's address. */
const nsgDb = {
  id: `${RG}/providers/Microsoft.Network/networkSecurityGroups/nsg-db`,
  name: 'nsg-db',
  type: 'Microsoft.Network/networkSecurityGroups',
  location: 'westeurope',
  properties: {
    provisioningState: 'Succeeded',
    securityRules: [
      nsgRule('allow-web-sql', 100, {
        destinationPortRange: '1433',
        sourceApplicationSecurityGroups: [{ id: asgId('asg-web') }],
        destinationApplicationSecurityGroups: [{ id: asgId('asg-db') }],
        destinationAddressPrefix: undefined,
      }),
      nsgRule('allow-web2-redis', 110, {
        destinationPortRange: '6379',
        sourceAddressPrefix: '10.1.1.5',
      }),
      nsgRule('allow-vnet', 200, {
        protocol: '*',
        destinationPortRange: '*',
        sourceAddressPrefix: 'VirtualNetwork',
      }),
    ],
    defaultSecurityRules: [],
    networkInterfaces: [
      {
        id: `${RG}/providers/Microsoft.Network/networkInterfaces/db-1-nic`,
      },
    ],
  },
};

const disk = (name: string, size: number, sku: string) => ({
  id: `${RG}/providers/Microsoft.Compute/disks/${name}`,
  name,
  type: 'Microsoft.Compute/disks',
  location: 'westeurope',
  sku: { name: sku, tier: 'Premium' },
  zones: ['1'],
  managedBy: `${RG}/providers/Microsoft.Compute/virtualMachines/${
    name.split('_')[0]
  }`,
  properties: {
    osType: 'Windows',
    diskSizeGB: size,
    diskState: 'Attached',
    diskIOPSReadWrite: 500,
  },
});

const vm = (name: string, size: string, windows: boolean) => ({
  id: `${RG}/providers/Microsoft.Compute/virtualMachines/${name}`,
  name,
  type: 'Microsoft.Compute/virtualMachines',
  location: 'westeurope',
  tags: { app: 'webshop', owner: 'team-webshop' },
  zones: ['1'],
  properties: {
    vmId: `0f0e0d0c-${name}`,
    hardwareProfile: { vmSize: size },
    storageProfile: {
      imageReference: windows
        ? {
            publisher: 'MicrosoftWindowsServer',
            offer: 'WindowsServer',
            sku: '2012-R2-Datacenter',
            version: 'latest',
          }
        : {
            publisher: 'Canonical',
            offer: '0001-com-ubuntu-server-jammy',
            sku: '22_04-lts-gen2',
            version: 'latest',
          },
      osDisk: {
        osType: windows ? 'Windows' : 'Linux',
        name: `${name}_OsDisk`,
        createOption: 'FromImage',
        caching: 'ReadWrite',
        // The VM API returns the disk id in upper case.
        managedDisk: {
          storageAccountType: 'Premium_LRS',
          id: `${RG}/providers/Microsoft.Compute/disks/${name}_OsDisk`.toUpperCase(),
        },
        diskSizeGB: 127,
      },
      dataDisks: [],
    },
    networkProfile: {
      networkInterfaces: [
        {
          id: `${RG}/providers/Microsoft.Network/networkInterfaces/${name}-nic`,
          properties: { primary: true },
        },
      ],
    },
    provisioningState: 'Succeeded',
  },
});

function serveArm(overrides: Record<string, (url: URL) => Response> = {}) {
  const calls: string[] = [];
  const list = (path: string, pages: object[][]) =>
    http.get(`${ARM}/providers/${path}`, ({ request }) => {
      const url = new URL(request.url);
      calls.push(
        `${path}${
          url.searchParams.get('$skiptoken')
            ? `#${url.searchParams.get('$skiptoken')}`
            : ''
        }`,
      );
      const override = overrides[path];
      if (override) {
        const response = override(url);
        if (response) return response;
      }
      const index = Number(url.searchParams.get('$skiptoken') ?? 0);
      const next =
        index + 1 < pages.length
          ? `${ARM}/providers/${path}?api-version=${url.searchParams.get(
              'api-version',
            )}&$skiptoken=${index + 1}`
          : undefined;
      return HttpResponse.json({
        value: pages[index] ?? [],
        ...(next ? { nextLink: next } : {}),
      });
    });
  server.use(
    list('Microsoft.Network/virtualNetworks', [[vnet]]),
    list('Microsoft.Network/networkInterfaces', [
      [
        nic('web-1-nic', '10.1.1.4', true, 'asg-web'),
        nic('web-2-nic', '10.1.1.5'),
        nic('db-1-nic', '10.1.1.6', false, 'asg-db'),
      ],
    ]),
    list('Microsoft.Network/networkSecurityGroups', [[nsgDb]]),
    list('Microsoft.Compute/disks', [
      [
        disk('web-1_OsDisk', 127, 'Premium_LRS'),
        disk('web-2_OsDisk', 127, 'Premium_LRS'),
        disk('db-1_OsDisk', 127, 'Premium_LRS'),
      ],
    ]),
    list('Microsoft.Compute/locations/westeurope/vmSizes', [
      [
        {
          name: 'Standard_D2s_v5',
          numberOfCores: 2,
          osDiskSizeInMB: 1047552,
          resourceDiskSizeInMB: 0,
          memoryInMB: 8192,
          maxDataDiskCount: 4,
        },
        {
          name: 'Standard_E8s_v5',
          numberOfCores: 8,
          osDiskSizeInMB: 1047552,
          resourceDiskSizeInMB: 0,
          memoryInMB: 65536,
          maxDataDiskCount: 16,
        },
      ],
    ]),
    list('Microsoft.Compute/virtualMachines', [
      [vm('web-1', 'Standard_D2s_v5', false)],
      [vm('web-2', 'Standard_D2s_v5', false)],
      [vm('db-1', 'Standard_E8s_v5', true)],
    ]),
  );
  return calls;
}

const registry = () =>
  azureTestRegistry(SUB, TENANT, {
    // Azure Monitor is covered by azureMonitorUtilization.test.ts.
    utilization: { enabled: false },
  });

/** ARM's answer when the subscription's read budget is used up. */
const throttledResponse = (retryAfter: string) =>
  HttpResponse.json(
    {
      error: {
        code: 'TooManyRequests',
        message:
          'The request is being throttled as the limit has been reached for operation type - Read_30Min. For more information, see - https://aka.ms/srpthrottlinglimits',
      },
    },
    {
      status: 429,
      headers: {
        'Retry-After': retryAfter,
        'x-ms-ratelimit-remaining-subscription-reads': '0',
      },
    },
  );

async function collect(iterable: AsyncIterable<DiscoveredResource>) {
  const out: DiscoveredResource[] = [];
  for await (const r of iterable) out.push(r);
  return out;
}

describe('AzureProvider', () => {
  it('discovers networks, disks and VMs over several pages, joining ids case-insensitively', async () => {
    serveLogin();
    const calls = serveArm();
    const resources = await collect(registry().get('azure-prod')!.discover());

    expect(resources.map(r => `${r.kind}:${r.name}`)).toEqual([
      'network:vnet-shop',
      'subnet:vnet-shop/web',
      'disk:web-1_OsDisk',
      'disk:web-2_OsDisk',
      'disk:db-1_OsDisk',
      // web-1 and web-2, which nsg-db admits to db-1, wait for every VM to be listed.
      'vm:db-1',
      'vm:web-1',
      'vm:web-2',
    ]);
    expect(
      calls.filter(c => c.startsWith('Microsoft.Compute/virtualMachines')),
    ).toEqual([
      'Microsoft.Compute/virtualMachines',
      'Microsoft.Compute/virtualMachines#1',
      'Microsoft.Compute/virtualMachines#2',
    ]);
    // VM sizes are listed once per location.
    expect(calls.filter(c => c.includes('vmSizes'))).toHaveLength(1);

    const db = resources.find(r => r.name === 'db-1')!;
    const osDisk = resources.find(r => r.name === 'db-1_OsDisk')!;
    const subnet = resources.find(r => r.kind === 'subnet')!;
    expect(db).toMatchObject({
      provider: 'azure',
      environmentId: 'azure-prod',
      externalId:
        `${RG}/providers/Microsoft.Compute/virtualMachines/db-1`.toLowerCase(),
      region: 'westeurope',
      zone: '1',
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        instanceType: 'Standard_E8s_v5',
        os: {
          family: 'windows',
          name: 'MicrosoftWindowsServer WindowsServer 2012-R2-Datacenter',
          version: '2012-R2-Datacenter',
        },
        disks: [{ name: 'db-1_OsDisk', sizeGiB: 127, type: 'Premium_LRS' }],
        ipAddresses: ['10.1.1.6'],
        publiclyExposed: false,
      },
      tags: { app: 'webshop', owner: 'team-webshop' },
    });
    expect(db.dependsOn.sort()).toEqual(
      [osDisk.externalId, subnet.externalId].sort(),
    );
    expect(subnet.dependsOn).toEqual([resources[0].externalId]);
    // The NSG's rules: web-1 (ASG asg-web) reaches SQL, web-2 (by address) Redis on db-1.
    expect(db.specs.listeningPorts).toEqual([
      { protocol: 'tcp', port: 1433 },
      { protocol: 'tcp', port: 6379 },
    ]);
    const derived = (name: string) => {
      const found = resources.find(r => r.name === name)!;
      expect(found.dependsOn).toContain(db.externalId);
      return found.raw!.derivedDependencies;
    };
    expect(derived('web-1')).toEqual([
      {
        on: db.externalId,
        protocol: 'tcp',
        port: 1433,
        evidence:
          'derived from network security group nsg-db rule allow-web-sql tcp/1433 from application security group asg-web',
      },
    ]);
    expect(derived('web-2')).toEqual([
      {
        on: db.externalId,
        protocol: 'tcp',
        port: 6379,
        evidence:
          'derived from network security group nsg-db rule allow-web2-redis tcp/6379 from 10.1.1.5',
      },
    ]);
    expect(resources.find(r => r.name === 'web-1')!.specs).toMatchObject({
      vcpus: 2,
      memoryMiB: 8192,
      publiclyExposed: true,
      os: { family: 'linux' },
    });
  });

  it('retries a throttled (429) list with backoff, honouring Retry-After', async () => {
    serveLogin();
    let diskCalls = 0;
    const calls = serveArm({
      'Microsoft.Compute/disks': () =>
        ++diskCalls < 3
          ? throttledResponse('0.01')
          : (undefined as unknown as Response),
    });
    const summary = await runDiscovery(registry().get('azure-prod')!);
    expect(diskCalls).toBe(3);
    expect(calls.filter(c => c === 'Microsoft.Compute/disks')).toHaveLength(3);
    expect(summary.countsByKind).toEqual({
      network: 1,
      subnet: 1,
      disk: 3,
      vm: 3,
    });
  });

  it('says it was throttled, with the remaining-request headers, when 429s outlast the retries', async () => {
    serveLogin();
    const calls = serveArm({
      'Microsoft.Compute/disks': () => throttledResponse('0'),
    });
    const error = await runDiscovery(registry().get('azure-prod')!).catch(
      e => e,
    );
    expect(calls.filter(c => c === 'Microsoft.Compute/disks')).toHaveLength(4);
    expect(error.name).toBe('ServiceUnavailableError');
    expect(error.message).toMatch(
      /^Azure Resource Manager throttled environment azure-prod: Azure kept throttling the request after 4 attempts \(retry\.maxAttempts\) \(TooManyRequests: The request is being throttled .*; x-ms-ratelimit-remaining-subscription-reads: 0; Retry-After 0 s\)\. Run discovery less often/,
    );
    expect(error.message).not.toContain('could not be reached');
  });

  it('fails at once when Retry-After is longer than retry.maxDelayMs', async () => {
    serveLogin();
    const calls = serveArm({
      'Microsoft.Compute/disks': () => throttledResponse('17'),
    });
    const error = await runDiscovery(registry().get('azure-prod')!).catch(
      e => e,
    );
    expect(calls.filter(c => c === 'Microsoft.Compute/disks')).toHaveLength(1);
    expect(error.message).toContain(
      'Azure Resource Manager throttled environment azure-prod: Azure asked to wait 17 s before the next request, longer than retry.maxDelayMs (20 ms)',
    );
  });

  it('fails with a clear message when the client secret expired', async () => {
    const login = serveLogin(() =>
      HttpResponse.json(
        {
          error: 'invalid_client',
          error_description:
            "AADSTS7000222: The provided client secret keys for app '11111111-2222-3333-4444-555555555555' are expired. Visit the Azure portal to create new keys for your app: https://aka.ms/NewClientSecret, or consider using certificate credentials for added security: https://aka.ms/certCreds. Trace ID: 0000 Correlation ID: 0000 Timestamp: 2024-05-13 10:00:00Z",
          error_codes: [7000222],
          timestamp: '2024-05-13 10:00:00Z',
          trace_id: '00000000-0000-0000-0000-000000000000',
          correlation_id: '00000000-0000-0000-0000-000000000000',
        },
        { status: 401 },
      ),
    );
    serveArm();
    const error = await runDiscovery(registry().get('azure-prod')!).catch(
      e => e,
    );
    expect(error.name).toBe('AuthenticationError');
    expect(error.message).toMatch(
      /^Azure rejected the credentials of environment azure-prod \(.*AADSTS7000222: The provided client secret keys for app '11111111-2222-3333-4444-555555555555' are expired/,
    );
    expect(error.message).toContain('Create a new client secret');
    expect(error.message).not.toContain('test-client-secret');
    expect(login.token).toBeGreaterThanOrEqual(1);

    const checks = await registry().get('azure-prod')!.validate();
    expect(checks).toEqual([
      expect.objectContaining({
        id: 'azure-credentials',
        status: 'fail',
        remediation: expect.stringContaining('client secret'),
      }),
    ]);
  });

  it('finds nothing in an empty subscription', async () => {
    serveLogin();
    server.use(
      http.get(new RegExp(`^${ARM}/providers/`), () =>
        HttpResponse.json({ value: [] }),
      ),
    );
    const summary = await runDiscovery(registry().get('azure-prod')!);
    expect(summary).toMatchObject({ total: 0, countsByKind: {}, warnings: [] });
  });

  it('validates credentials and read access', async () => {
    serveLogin();
    serveArm({
      'Microsoft.Network/virtualNetworks': () =>
        HttpResponse.json(
          {
            error: {
              code: 'AuthorizationFailed',
              message: `The client '1111' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read' over scope '/subscriptions/${SUB}'.`,
            },
          },
          { status: 403 },
        ),
    });
    const checks = await registry().get('azure-prod')!.validate();
    expect(checks.map(c => [c.id, c.status])).toEqual([
      ['azure-credentials', 'pass'],
      ['azure-compute', 'pass'],
      ['azure-network', 'fail'],
    ]);
    expect(checks[2].message).toContain('AuthorizationFailed');
    expect(checks[2].remediation).toContain('Reader role');
  });

  it('names the bad key in the azure block', () => {
    const build = (azure: object) =>
      CloudProviderRegistry.fromConfig(
        new ConfigReader({
          migration: { environments: [{ id: 'az', provider: 'azure', azure }] },
        }),
        {
          factories: { azure: azureProviderFactory },
          logger: mockServices.logger.mock(),
        },
      );
    expect(() => build({ subscriptionId: 'prod' })).toThrow(
      'migration.environments[0] (az): azure.subscriptionId "prod" is not a subscription GUID',
    );
    expect(() => build({ subscriptionId: SUB, tenantId: TENANT })).toThrow(
      'azure.tenantId, azure.clientId and azure.clientSecret go together',
    );
  });
});
