import { generateKeyPairSync } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { CloudProviderRegistry } from '@sirsi-nexus/plugin-migration-node';
import { gcpProviderFactory } from '../../module';

/** A service-account key file for `project`, with a fresh RSA key, as `gcp.credentials` takes it. */
export function testServiceAccountKey(project: string): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return JSON.stringify({
    type: 'service_account',
    project_id: project,
    private_key_id: 'abc123',
    private_key: privateKey,
    client_email: `discovery@${project}.iam.gserviceaccount.com`,
    client_id: '100000000000000000001',
    token_uri: 'https://oauth2.googleapis.com/token',
  });
}

/**
 * A registry with one GCP environment, `gcp-prod`, for `project` signing in with `credentials`
 * and retrying without waiting; `env` adds to its configuration.
 */
export function gcpTestRegistry(
  project: string,
  credentials: string,
  env: Record<string, unknown> = {},
) {
  return CloudProviderRegistry.fromConfig(
    new ConfigReader({
      migration: {
        environments: [
          {
            id: 'gcp-prod',
            provider: 'gcp',
            gcp: { projectId: project, credentials },
            retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 10 },
            ...env,
          },
        ],
      },
    }),
    {
      factories: { gcp: gcpProviderFactory },
      logger: mockServices.logger.mock(),
    },
  );
}
