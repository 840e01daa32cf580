import type { Storage } from '@google-cloud/storage';
import { InputError } from '@backstage/errors';
import type {
  ObjectStorage,
  RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import { callGoogle } from '../google/googleRetry';
import { GcsTarget } from './GcsTarget';

/** `migration.transfer.gcs`: where real migrations to Google Cloud write their data. */
export interface GcsSettings {
  bucket: string;
  /** Without leading or trailing slashes. */
  prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9._-]{1,220}[a-z0-9]$/;

/** Reads `gs://bucket/key`; `field` names the input in the error. */
export function parseGsUrl(url: string, field: string) {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  const key = parsed
    ? decodeURIComponent(parsed.pathname.replace(/^\//, ''))
    : '';
  if (parsed?.protocol !== 'gs:' || !BUCKET.test(parsed.hostname) || !key) {
    throw new InputError(`${field}: '${url}' must look like gs://bucket/key`);
  }
  return { bucket: parsed.hostname, key };
}

/**
 * Cloud Storage as the destination of migrated data: objects go to
 * `gs://<bucket>/<prefix>/<migration id>/…` as resumable uploads ({@link GcsTarget}).
 */
export function gcsStorage(
  settings: GcsSettings | undefined,
  storage: () => Storage,
  retry: RetrySettings,
): ObjectStorage {
  return {
    scheme: 'gs',
    destination: migration =>
      settings
        ? `gs://${settings.bucket}/${settings.prefix}/${migration.id}`
        : undefined,
    describe: () =>
      settings ? `gs://${settings.bucket}/${settings.prefix}` : undefined,
    target(url, { field }) {
      const { bucket, key } = parseGsUrl(url, field);
      return new GcsTarget({ storage: storage(), bucket, key, retry });
    },
    async remove(url, { signal }) {
      const { bucket, key } = parseGsUrl(url, 'target');
      await callGoogle(
        `Cloud Storage: delete gs://${bucket}/${key}`,
        () =>
          storage().bucket(bucket).file(key).delete({ ignoreNotFound: true }),
        { retry, signal },
      );
    },
  };
}
