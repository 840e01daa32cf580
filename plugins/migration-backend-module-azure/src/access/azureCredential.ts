import type { TokenCredential } from '@azure/core-auth';
import {
  ClientSecretCredential,
  DefaultAzureCredential,
} from '@azure/identity';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The credential of an `azure` block: the app registration of `tenantId` + `clientId` +
 * `clientSecret`, or the default credential chain (managed identity, Azure CLI, `AZURE_*`
 * variables) when none of the three is set.
 *
 * @param key - the block's config key, for messages, e.g. `migration.environments[0].azure`
 * @param override - a credential that replaces the configured one (tests, custom auth); the block
 *   is still checked
 * @throws InputError when only some of the three are set.
 */
export function azureCredentialFromConfig(
  block: Config,
  key: string,
  override?: TokenCredential,
): TokenCredential {
  const tenantId = block.getOptionalString('tenantId');
  const clientId = block.getOptionalString('clientId');
  const clientSecret = block.getOptionalString('clientSecret');
  const given = [tenantId, clientId, clientSecret].filter(Boolean).length;
  if (given > 0 && given < 3) {
    throw new InputError(
      `${key}.tenantId, ${key}.clientId and ${key}.clientSecret go together; set all three or none (default credential chain)`,
    );
  }
  if (override) return override;
  if (tenantId && clientId && clientSecret) {
    return new ClientSecretCredential(tenantId, clientId, clientSecret, {
      authorityHost: block.getOptionalString('authorityHost'),
      // The authority is known; skip the instance-discovery round trip.
      disableInstanceDiscovery: true,
    });
  }
  return new DefaultAzureCredential();
}
