import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * Where Azure Migrate replicates the servers of a migration: the Recovery Services vault of the
 * Azure Migrate project, and how test and real migrations are launched.
 *
 * @public
 */
export interface SiteRecoverySettings {
  subscriptionId: string;
  resourceGroup: string;
  vault: string;
  /** Virtual network of test migrations, unless the migration item names one. */
  testNetworkId?: string;
  /** Subnet of the test network for the primary NIC. */
  testSubnetName?: string;
  /** Shut the source VM down before the final sync of a migration (default true). */
  shutdownSource: boolean;
  /** The `migration.environments[]` entry whose credentials to use. */
  environment?: string;
  /** The block, for retry settings and messages. */
  config: Config;
  /** The block's config key, for messages. */
  field: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VNET_ID =
  /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+$/i;

/**
 * The replication settings of a migration into `targetEnvironment`: that environment's
 * `azure.replication` block when it has one, else `migration.replication.azure`; undefined when
 * neither is configured.
 *
 * @throws InputError naming the key of a bad value.
 */
export function readSiteRecoverySettings(
  root: Config,
  targetEnvironment?: string,
): SiteRecoverySettings | undefined {
  const environments = root.getOptionalConfigArray('migration.environments');
  const index =
    environments?.findIndex(
      e =>
        e.getOptionalString('id') === targetEnvironment &&
        e.getOptionalString('provider') === 'azure' &&
        e.has('azure.replication'),
    ) ?? -1;
  if (targetEnvironment && index >= 0) {
    const env = environments![index];
    return readBlock(
      env.getConfig('azure.replication'),
      `migration.environments[${index}].azure.replication`,
      {
        environment: targetEnvironment,
        subscriptionId: env.getOptionalString('azure.subscriptionId'),
      },
    );
  }
  const shared = root.getOptionalConfig('migration.replication.azure');
  return shared
    ? readBlock(shared, 'migration.replication.azure', {
        environment: shared.getOptionalString('environment'),
      })
    : undefined;
}

function readBlock(
  block: Config,
  field: string,
  defaults: { environment?: string; subscriptionId?: string },
): SiteRecoverySettings {
  const subscriptionId =
    block.getOptionalString('subscriptionId') ?? defaults.subscriptionId;
  if (!subscriptionId || !GUID.test(subscriptionId)) {
    throw new InputError(
      `${field}.subscriptionId must be the GUID of the vault's subscription${
        subscriptionId ? ` (got "${subscriptionId}")` : ''
      }`,
    );
  }
  const testNetworkId = block.getOptionalString('testNetworkId');
  if (testNetworkId && !VNET_ID.test(testNetworkId)) {
    throw new InputError(
      `${field}.testNetworkId "${testNetworkId}" is not the resource id of a virtual network`,
    );
  }
  return {
    subscriptionId,
    resourceGroup: block.getString('resourceGroup'),
    vault: block.getString('vault'),
    testNetworkId,
    testSubnetName: block.getOptionalString('testSubnetName'),
    shutdownSource: block.getOptionalBoolean('shutdownSource') ?? true,
    environment: defaults.environment,
    config: block,
    field,
  };
}
