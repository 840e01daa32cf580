import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CloudProviderRegistry } from '@sirsi-nexus/plugin-migration-node';
import { azureProviderFactory } from '../../module';

/**
 * A registry with one Azure environment, `azure-prod`, for `subscriptionId` in `tenantId`,
 * signing in with a client secret and retrying without waiting; `env` adds to its configuration.
 */
export function azureTestRegistry(
  subscriptionId: string,
  tenantId: string,
  env: Record<string, unknown> = {},
) {
  return CloudProviderRegistry.fromConfig(
    new ConfigReader({
      migration: {
        environments: [
          {
            id: 'azure-prod',
            provider: 'azure',
            azure: {
              subscriptionId,
              tenantId,
              clientId: '11111111-2222-3333-4444-555555555555',
              clientSecret: 'test-client-secret',
            },
            retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 20 },
            ...env,
          },
        ],
      },
    }),
    {
      factories: { azure: azureProviderFactory },
      logger: mockServices.logger.mock(),
    },
  );
}
