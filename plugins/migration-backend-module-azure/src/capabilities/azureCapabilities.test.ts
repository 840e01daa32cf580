import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { staticCredential, SUBSCRIPTION } from '../testUtils/arm';
import {
  createFakeSiteRecovery,
  migrationItem,
  RG,
  VAULT,
} from '../testUtils/fakeSiteRecovery';
import { createAzureCapabilities } from './azureCapabilities';

const server = setupServer();
registerMswTestHooks(server);

const OTHER_SUB = '9d3e1c55-0000-4000-8000-0000000000aa';

const environments = [
  { id: 'onprem', provider: 'inventory' },
  {
    id: 'azure-prod',
    provider: 'azure',
    azure: {
      subscriptionId: SUBSCRIPTION,
      replication: { resourceGroup: RG, vault: VAULT },
    },
  },
  { id: 'azure-dev', provider: 'azure', azure: { subscriptionId: OTHER_SUB } },
];

function capabilities(migration: object) {
  const credentials: Array<string | undefined> = [];
  const caps = createAzureCapabilities({
    config: new ConfigReader({ migration }),
    credentialFor: id => {
      credentials.push(id);
      return staticCredential();
    },
  });
  return { caps, credentials };
}

const target = (environmentId?: string) => ({
  provider: 'azure',
  region: 'westeurope',
  environmentId,
});

describe('createAzureCapabilities', () => {
  it('offers nothing that is not configured', () => {
    const { caps } = capabilities({});
    expect(
      caps.storage!.destination({
        id: 'm-1',
        target: { region: 'westeurope' },
      }),
    ).toBeUndefined();
    expect(caps.serverReplicator!(target('azure-prod'))).toBeUndefined();
    expect(caps.dnsCutover!(target())).toBeUndefined();
  });

  it("uses the target environment's vault and credentials, before the shared block", async () => {
    const fake = createFakeSiteRecovery([
      migrationItem('shop-web-01', { ip: '10.1.1.11' }),
    ]);
    server.use(...fake.handlers);
    const { caps, credentials } = capabilities({
      environments,
      replication: {
        azure: {
          subscriptionId: OTHER_SUB,
          resourceGroup: 'rg-other',
          vault: 'other-vault',
          environment: 'azure-dev',
        },
      },
    });

    const replicator = caps.serverReplicator!(target('azure-prod'))!;
    expect(replicator.service).toBe('Azure Migrate (Site Recovery)');
    const result = await replicator.match([
      {
        entityRef: 'resource:default/web',
        name: 'shop-web-01',
        externalId: 'vm-1',
        provider: 'inventory',
        hostnames: [],
        ipAddresses: [],
      },
    ]);
    expect(result.matched).toHaveLength(1);
    expect(credentials).toEqual(['azure-prod']);

    expect(caps.serverReplicator!(target('azure-dev'))).toBeDefined();
    expect(caps.serverReplicator!(target())).toBeDefined();
    expect(credentials).toEqual(['azure-prod', 'azure-dev']);
  });

  it('builds the DNS cutover of the configured Azure zones with their environment', () => {
    const { caps, credentials } = capabilities({
      environments,
      dns: {
        zones: [
          {
            name: 'example.com',
            provider: 'azure',
            azure: {
              subscriptionId: SUBSCRIPTION,
              resourceGroup: 'rg-dns',
              environment: 'azure-dev',
            },
          },
        ],
      },
    });
    const dns = caps.dnsCutover!(target('azure-prod'))!;
    expect(dns.service).toBe('Azure DNS');
    expect(credentials).toEqual([]);
  });

  it('names the key of a bad setting at start-up', () => {
    expect(() =>
      capabilities({
        replication: {
          azure: { subscriptionId: 'prod', resourceGroup: RG, vault: VAULT },
        },
      }),
    ).toThrow(
      'migration.replication.azure.subscriptionId must be the GUID of the vault\'s subscription (got "prod")',
    );
    expect(() =>
      capabilities({
        dns: { zones: [{ name: 'example.com', provider: 'azure' }] },
      }),
    ).toThrow('migration.dns.zones[0].azure is required for provider: azure');
    expect(() =>
      capabilities({
        transfer: {
          blob: {
            accountUrl:
              'https://shopdata.blob.core.windows.net/?sv=2024-05-04&sig=c2VjcmV0',
            container: 'landing',
          },
        },
      }),
    ).toThrow(
      /migration.transfer.blob.accountUrl must not carry credentials or a SAS token/,
    );
    expect(() =>
      capabilities({
        transfer: {
          blob: {
            accountUrl: 'https://shopdata.blob.core.windows.net/?sig=c2VjcmV0',
            container: 'landing',
          },
        },
      }),
    ).not.toThrow(/c2VjcmV0/);
    const { caps } = capabilities({
      environments,
      replication: {
        azure: {
          subscriptionId: SUBSCRIPTION,
          resourceGroup: RG,
          vault: VAULT,
          environment: 'onprem',
        },
      },
    });
    expect(() => caps.serverReplicator!(target())).toThrow(
      'migration.replication.azure.environment: "onprem" is not an environment with provider: azure in migration.environments',
    );
  });
});
