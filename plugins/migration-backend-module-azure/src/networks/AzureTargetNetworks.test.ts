import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createAzureCapabilities } from '../capabilities/azureCapabilities';
import { ARM, SUBSCRIPTION, staticCredential } from '../testUtils/arm';

const server = setupServer();
registerMswTestHooks(server);

const LIST = `${ARM}/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Network/virtualNetworks`;
const RG = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-connectivity`;

/** A virtual network as Resource Manager returns it (properties nested, as on the wire). */
function vnet(name: string, prefixes: string[], subnets: object[] = []) {
  return {
    id: `${RG}/providers/Microsoft.Network/virtualNetworks/${name}`,
    name,
    type: 'Microsoft.Network/virtualNetworks',
    location: 'westeurope',
    etag: 'W/"00000000-0000-0000-0000-000000000000"',
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: '3f0e2b4c-1d2e-4f50-8a9b-0c1d2e3f4a5b',
      addressSpace: { addressPrefixes: prefixes },
      subnets,
      virtualNetworkPeerings: [],
      enableDdosProtection: false,
    },
  };
}

const subnet = (vnetName: string, name: string, props: object) => ({
  id: `${RG}/providers/Microsoft.Network/virtualNetworks/${vnetName}/subnets/${name}`,
  name,
  type: 'Microsoft.Network/virtualNetworks/subnets',
  properties: { provisioningState: 'Succeeded', ...props },
});

function capabilities() {
  return createAzureCapabilities({
    config: new ConfigReader({
      migration: {
        environments: [
          {
            id: 'azure-landing',
            provider: 'azure',
            azure: { subscriptionId: SUBSCRIPTION },
          },
          { id: 'aws-landing', provider: 'aws' },
        ],
      },
    }),
    credentialFor: () => staticCredential(),
  });
}

describe('AzureTargetNetworks', () => {
  it("lists the subscription's virtual networks with address spaces and subnet prefixes, following nextLink", async () => {
    const requests: string[] = [];
    server.use(
      http.get(LIST, ({ request }) => {
        const url = new URL(request.url);
        requests.push(url.search);
        if (url.searchParams.get('$skiptoken') === '2') {
          return HttpResponse.json({
            value: [vnet('vnet-spoke', ['192.168.10.0/24'])],
          });
        }
        return HttpResponse.json({
          value: [
            vnet(
              'vnet-hub',
              ['10.100.0.0/16', '10.101.0.0/16', 'fd00:db8:deca::/48'],
              [
                subnet('vnet-hub', 'GatewaySubnet', {
                  addressPrefix: '10.100.0.0/27',
                }),
                subnet('vnet-hub', 'shared', {
                  addressPrefixes: ['10.101.1.0/24', '10.101.2.0/24'],
                }),
              ],
            ),
          ],
          nextLink: `${LIST}?api-version=${url.searchParams.get(
            'api-version',
          )}&$skiptoken=2`,
        });
      }),
    );

    const networks = await capabilities().targetNetworks!.listNetworks({
      provider: 'azure',
      region: 'westeurope',
      environmentId: 'azure-landing',
    });

    expect(networks).toEqual([
      {
        id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-hub`,
        name: 'vnet-hub',
        cidrs: [
          '10.100.0.0/16',
          '10.101.0.0/16',
          'fd00:db8:deca::/48',
          '10.100.0.0/27',
          '10.101.1.0/24',
          '10.101.2.0/24',
        ],
      },
      {
        id: `${RG}/providers/Microsoft.Network/virtualNetworks/vnet-spoke`,
        name: 'vnet-spoke',
        cidrs: ['192.168.10.0/24'],
      },
    ]);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toMatch(/api-version=20\d\d-\d\d-\d\d/);
  });

  it('refuses a target environment that is not an Azure one, and passes on what ARM refuses', async () => {
    const caps = capabilities();
    await expect(
      caps.targetNetworks!.listNetworks({
        provider: 'azure',
        region: 'westeurope',
        environmentId: 'aws-landing',
      }),
    ).rejects.toThrow(
      'target.environmentId: "aws-landing" is not an environment with provider: azure',
    );

    server.use(
      http.get(LIST, () =>
        HttpResponse.json(
          {
            error: {
              code: 'AuthorizationFailed',
              message: `The client 'f5a1c2d3-0000-4000-8000-00000000abcd' with object id 'f5a1c2d3-0000-4000-8000-00000000abcd' does not have authorization to perform action 'Microsoft.Network/virtualNetworks/read' over scope '/subscriptions/${SUBSCRIPTION}' or the scope is invalid.`,
            },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(
      caps.targetNetworks!.listNetworks({
        provider: 'azure',
        region: 'westeurope',
        environmentId: 'azure-landing',
      }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^Azure Resource Manager could not list the virtual networks of subscription 0b1f6471-\S+: the identity lacks a permission \(.*403.*\)\. Assign it Reader/,
      ),
    });
  });
});
