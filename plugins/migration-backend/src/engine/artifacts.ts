import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import type { MigrationStore } from '../database/MigrationStore';

const ARTIFACT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$/;

/** Throws an InputError unless `name` is a safe artifact name (no paths, no spaces). */
export function assertArtifactName(name: string): void {
  if (typeof name !== 'string' || !ARTIFACT_NAME.test(name)) {
    throw new InputError(
      `name: "${name}" is not a valid artifact name (letters, digits, ".", "_" and "-", at most 255)`,
    );
  }
}

/** Turns what an executor hands to `artifacts.put` into bytes and a media type. */
export function encodeArtifact(
  data: Buffer | string | JsonValue,
  mediaType?: string,
): { content: Buffer; mediaType: string } {
  if (Buffer.isBuffer(data)) {
    return {
      content: data,
      mediaType: mediaType ?? 'application/octet-stream',
    };
  }
  if (typeof data === 'string') {
    return {
      content: Buffer.from(data, 'utf8'),
      mediaType: mediaType ?? 'text/plain; charset=utf-8',
    };
  }
  return {
    content: Buffer.from(jsonText(data), 'utf8'),
    mediaType: mediaType ?? 'application/json',
  };
}

/** Above this size JSON artifacts are stored compact: indentation made a 5,000-VM assessment 18 MiB. */
const PRETTY_JSON_MAX_CHARS = 256 * 1024;

/** Indented for people when small; compact when large (viewers indent it again on display). */
function jsonText(data: JsonValue): string {
  const compact = JSON.stringify(data);
  return compact.length > PRETTY_JSON_MAX_CHARS
    ? compact
    : JSON.stringify(data, null, 2);
}

/** Read access to one migration's artifacts. */
export function createArtifactReader(
  store: MigrationStore,
  migrationId: string,
): ArtifactReader {
  return {
    async get(name) {
      const artifact = await store.getArtifact(migrationId, name);
      return artifact
        ? { content: artifact.content, mediaType: artifact.summary.mediaType }
        : undefined;
    },
    async getJson<T = JsonValue>(name: string) {
      const artifact = await store.getArtifact(migrationId, name);
      return artifact
        ? (JSON.parse(artifact.content.toString('utf8')) as T)
        : undefined;
    },
    list() {
      return store.listArtifacts(migrationId);
    },
  };
}
