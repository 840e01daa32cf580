import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { GoogleAuth } from 'google-auth-library';

const CLOUD_PLATFORM = 'https://www.googleapis.com/auth/cloud-platform';

/**
 * Where a Google client's credentials come from: a service account key (inline or as a file) or,
 * without either, Application Default Credentials.
 *
 * @public
 */
export interface GcpCredentialSource {
  credentials?: { client_email: string; private_key: string };
  keyFilename?: string;
}

/**
 * Reads `credentials` (a service account key as JSON) and `keyFilename` of a config block, as the
 * environments' `gcp` block has them. `field` names the block in error messages.
 */
export function readGcpCredentials(
  block: Config | undefined,
  field: string,
): GcpCredentialSource {
  if (!block) return {};
  const json = block.getOptionalString('credentials');
  let credentials: GcpCredentialSource['credentials'];
  if (json) {
    try {
      const parsed = JSON.parse(json);
      credentials = {
        client_email: parsed.client_email,
        private_key: parsed.private_key,
      };
    } catch {
      throw new InputError(
        `${field}.credentials must be the JSON key of a service account`,
      );
    }
    if (!credentials.client_email || !credentials.private_key) {
      throw new InputError(
        `${field}.credentials has no client_email or private_key`,
      );
    }
  }
  return { credentials, keyFilename: block.getOptionalString('keyFilename') };
}

/**
 * A `GoogleAuth` for the cloud-platform scope. It uses Node's own fetch (proxying through
 * undici's global dispatcher, as the rest of the backend) instead of gaxios loading node-fetch.
 */
export function createGoogleAuth(
  source: GcpCredentialSource,
  projectId?: string,
): GoogleAuth {
  return new GoogleAuth({
    ...source,
    projectId,
    scopes: [CLOUD_PLATFORM],
    clientOptions: { transporterOptions: { fetchImplementation: fetch } },
  });
}
