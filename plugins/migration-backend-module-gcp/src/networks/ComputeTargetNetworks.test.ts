import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createGcpCapabilities } from '../capabilities/gcpCapabilities';
import { TEST_TOKEN, testAuth } from '../testUtils/googleTestAuth';

const server = setupServer();
registerMswTestHooks(server);

const PROJECT = 'landing-prod-4711';
const API = `https://compute.googleapis.com/compute/v1/projects/${PROJECT}`;
const LINK = `https://www.googleapis.com/compute/v1/projects/${PROJECT}`;

const network = (name: string, extra: object = {}) => ({
  kind: 'compute#network',
  id: '5381772093816430000',
  creationTimestamp: '2025-06-02T01:12:45.123-07:00',
  name,
  selfLink: `${LINK}/global/networks/${name}`,
  selfLinkWithId: `${LINK}/global/networks/5381772093816430000`,
  routingConfig: { routingMode: 'GLOBAL' },
  networkFirewallPolicyEnforcementOrder: 'AFTER_CLASSIC_FIREWALL',
  ...extra,
});

const subnetwork = (
  region: string,
  name: string,
  networkName: string,
  extra: object,
) => ({
  kind: 'compute#subnetwork',
  id: '8741726354123',
  creationTimestamp: '2025-06-02T01:13:01.456-07:00',
  name,
  network: `${LINK}/global/networks/${networkName}`,
  region: `${LINK}/regions/${region}`,
  gatewayAddress: '10.132.0.1',
  selfLink: `${LINK}/regions/${region}/subnetworks/${name}`,
  privateIpGoogleAccess: true,
  stackType: 'IPV4_ONLY',
  fingerprint: 'ExAmPlE=',
  ...extra,
});

function capabilities() {
  return createGcpCapabilities({
    config: new ConfigReader({
      migration: {
        environments: [
          {
            id: 'gcp-landing',
            provider: 'gcp',
            gcp: { projectId: PROJECT },
            retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
          },
        ],
      },
    }),
    auth: () => testAuth(),
  });
}

const TARGET = {
  provider: 'gcp',
  region: 'europe-west1',
  environmentId: 'gcp-landing',
};

describe('ComputeTargetNetworks', () => {
  it("lists the project's networks with subnet, secondary and legacy ranges from every region", async () => {
    const auth: string[] = [];
    server.use(
      http.get(`${API}/global/networks`, ({ request }) => {
        auth.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({
          kind: 'compute#networkList',
          id: `projects/${PROJECT}/global/networks`,
          items: [
            network('shared-vpc', { autoCreateSubnetworks: false }),
            network('legacy', {
              IPv4Range: '10.240.0.0/16',
              gatewayIPv4: '10.240.0.1',
            }),
          ],
          selfLink: `${LINK}/global/networks`,
        });
      }),
      http.get(`${API}/aggregated/subnetworks`, ({ request }) => {
        const token = new URL(request.url).searchParams.get('pageToken');
        if (!token) {
          return HttpResponse.json({
            kind: 'compute#subnetworkAggregatedList',
            id: `projects/${PROJECT}/aggregated/subnetworks`,
            items: {
              'regions/europe-west1': {
                subnetworks: [
                  subnetwork('europe-west1', 'gke', 'shared-vpc', {
                    ipCidrRange: '10.132.0.0/20',
                    secondaryIpRanges: [
                      { rangeName: 'pods', ipCidrRange: '10.4.0.0/14' },
                      { rangeName: 'services', ipCidrRange: '10.8.0.0/20' },
                    ],
                  }),
                ],
              },
              'regions/us-east1': {
                warning: {
                  code: 'NO_RESULTS_ON_PAGE',
                  message:
                    "There are no results for scope 'regions/us-east1' on this page.",
                  data: [{ key: 'scope', value: 'regions/us-east1' }],
                },
              },
            },
            nextPageToken: 'page-2',
            selfLink: `${LINK}/aggregated/subnetworks`,
          });
        }
        return HttpResponse.json({
          kind: 'compute#subnetworkAggregatedList',
          id: `projects/${PROJECT}/aggregated/subnetworks`,
          items: {
            'regions/us-central1': {
              subnetworks: [
                subnetwork('us-central1', 'dual', 'shared-vpc', {
                  ipCidrRange: '10.128.0.0/20',
                  stackType: 'IPV4_IPV6',
                  ipv6CidrRange: '2600:1900:4000:a1b2::/64',
                }),
              ],
            },
          },
          selfLink: `${LINK}/aggregated/subnetworks`,
        });
      }),
    );

    expect(await capabilities().targetNetworks!.listNetworks(TARGET)).toEqual([
      {
        id: `projects/${PROJECT}/global/networks/shared-vpc`,
        name: 'shared-vpc',
        cidrs: [
          '10.132.0.0/20',
          '10.4.0.0/14',
          '10.8.0.0/20',
          '10.128.0.0/20',
          '2600:1900:4000:a1b2::/64',
        ],
      },
      {
        id: `projects/${PROJECT}/global/networks/legacy`,
        name: 'legacy',
        cidrs: ['10.240.0.0/16'],
      },
    ]);
    expect(auth).toEqual([`Bearer ${TEST_TOKEN}`]);
  });

  it('says which project it could not read, and refuses a target that is no Google Cloud environment', async () => {
    server.use(
      http.get(`${API}/global/networks`, () =>
        HttpResponse.json(
          {
            error: {
              code: 403,
              message: `Required 'compute.networks.list' permission for 'projects/${PROJECT}'`,
              errors: [
                {
                  message: `Required 'compute.networks.list' permission for 'projects/${PROJECT}'`,
                  domain: 'global',
                  reason: 'forbidden',
                },
              ],
            },
          },
          { status: 403 },
        ),
      ),
    );
    const networks = capabilities().targetNetworks!;
    await expect(networks.listNetworks(TARGET)).rejects.toThrow(
      /Compute Engine: list the networks of project landing-prod-4711.*compute\.networks\.list/,
    );
    await expect(
      networks.listNetworks({ ...TARGET, environmentId: 'elsewhere' }),
    ).rejects.toThrow(
      'target.environmentId: "elsewhere" is not an environment with provider: gcp',
    );
  });
});
