import type { TokenCredential } from '@azure/core-auth';
import {
  AnonymousCredential,
  BlobServiceClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { ObjectStorage } from '@sirsi-nexus/plugin-migration-node';
import { toAzureCallError } from '../access/armErrors';
import { BlobTarget } from './BlobTarget';

/** `migration.transfer.blob`: where real Azure migrations write their data. */
export interface BlobSettings {
  /** `https://<account>.blob.core.windows.net`, or a path-style emulator URL. */
  accountUrl: string;
  account: string;
  container: string;
  prefix: string;
  /** The `migration.environments[]` entry whose credentials to use. */
  environment?: string;
  accountKey?: string;
  sasToken?: string;
  maxTries: number;
}

const FIELD = 'migration.transfer.blob';

/** The account of an account URL: the first path segment (emulator, path style) or host label. */
function accountOf(url: URL) {
  const segment = url.pathname.split('/').filter(Boolean)[0];
  return (segment ?? url.hostname.split('.')[0]).toLowerCase();
}

/**
 * Reads `migration.transfer.blob`; undefined when it is not configured.
 *
 * @throws InputError naming the key of a bad value.
 */
export function readBlobSettings(root: Config): BlobSettings | undefined {
  const blob = root.getOptionalConfig(FIELD);
  if (!blob) return undefined;
  const accountUrl = blob.getString('accountUrl').replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(accountUrl);
  } catch {
    throw new InputError(`${FIELD}.accountUrl "${accountUrl}" is not a URL`);
  }
  if (url.search || url.username || url.password) {
    throw new InputError(
      `${FIELD}.accountUrl must not carry credentials or a SAS token; set ${FIELD}.sasToken or ${FIELD}.accountKey (secrets) instead`,
    );
  }
  const accountKey = blob.getOptionalString('accountKey');
  const sasToken = blob.getOptionalString('sasToken')?.replace(/^\?/, '');
  if (accountKey && sasToken) {
    throw new InputError(
      `${FIELD}.accountKey and ${FIELD}.sasToken exclude each other`,
    );
  }
  return {
    accountUrl,
    account: blob.getOptionalString('accountName') ?? accountOf(url),
    container: blob.getString('container'),
    prefix: (blob.getOptionalString('prefix') ?? 'migrations').replace(
      /^\/+|\/+$/g,
      '',
    ),
    environment: blob.getOptionalString('environment'),
    accountKey,
    sasToken,
    maxTries: blob.getOptionalNumber('retry.maxAttempts') ?? 4,
  };
}

/** The Blob service client of the settings: account key, SAS token, or an Entra ID credential. */
export function blobServiceClient(
  settings: BlobSettings,
  tokenCredential: () => TokenCredential,
): BlobServiceClient {
  const options: StoragePipelineOptions = {
    retryOptions: { maxTries: settings.maxTries },
  };
  if (settings.accountKey) {
    return new BlobServiceClient(
      settings.accountUrl,
      new StorageSharedKeyCredential(settings.account, settings.accountKey),
      options,
    );
  }
  if (settings.sasToken) {
    return new BlobServiceClient(
      `${settings.accountUrl}?${settings.sasToken}`,
      new AnonymousCredential(),
      options,
    );
  }
  return new BlobServiceClient(settings.accountUrl, tokenCredential(), options);
}

/**
 * Parses `azblob://<account>/<container>/<blob path>`.
 *
 * @throws InputError naming `field` when the URL is not of the configured account.
 */
export function parseBlobUrl(
  url: string,
  settings: BlobSettings,
  field: string,
) {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${field}: '${url}' is not a URL`);
  }
  const [container, ...rest] = parsed.pathname
    .replace(/^\//, '')
    .split('/')
    .map(decodeURIComponent);
  const blob = rest.join('/');
  if (parsed.protocol !== 'azblob:' || !container || !blob) {
    throw new InputError(
      `${field}: '${url}' must look like azblob://<account>/<container>/<path>`,
    );
  }
  if (parsed.hostname.toLowerCase() !== settings.account) {
    throw new InputError(
      `${field}: '${url}' is not in storage account ${settings.account} (${FIELD}.accountUrl)`,
    );
  }
  return { container, blob };
}

/**
 * Azure Blob Storage as the data destination of real migrations, for `azblob://` URLs of the
 * account in `migration.transfer.blob`.
 */
export function blobObjectStorage(
  settings: BlobSettings | undefined,
  client: () => BlobServiceClient,
): ObjectStorage {
  const base = settings
    ? `azblob://${settings.account}/${settings.container}/${settings.prefix}`
    : undefined;
  const blockBlob = (url: string, field: string) => {
    if (!settings) {
      throw new InputError(`${field}: ${FIELD} is not configured`);
    }
    const { container, blob } = parseBlobUrl(url, settings, field);
    return client().getContainerClient(container).getBlockBlobClient(blob);
  };
  return {
    scheme: 'azblob',
    destination: migration => (base ? `${base}/${migration.id}` : undefined),
    describe: () => base,
    target: (url, { field }) =>
      new BlobTarget({ client: blockBlob(url, field), description: url }),
    async remove(url, { signal }) {
      try {
        await blockBlob(url, 'target').deleteIfExists({
          deleteSnapshots: 'include',
          abortSignal: signal,
        });
      } catch (error) {
        throw toAzureCallError(error, {
          service: 'Azure Blob Storage',
          action: `delete ${url}`,
          role: 'the Storage Blob Data Contributor role on the container',
        });
      }
    },
  };
}
