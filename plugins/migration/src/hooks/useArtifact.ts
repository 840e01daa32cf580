import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';
import { migrationApiRef } from '../api';

/** How an artifact's content is read. */
export type ArtifactFormat = 'json' | 'text' | 'bytes';

/** Content of an artifact in the format asked for. */
export type ArtifactContent<F extends ArtifactFormat> = F extends 'json'
  ? unknown
  : F extends 'text'
  ? string
  : Uint8Array;

/**
 * Loads an artifact's content; reloads only when the artifact changes (its sha256), so live
 * refreshes of the page do not refetch unchanged artifacts.
 */
export function useArtifact<F extends ArtifactFormat>(
  artifact:
    | Pick<ArtifactSummary, 'migrationId' | 'name' | 'sha256'>
    | undefined,
  format: F,
) {
  const api = useApi(migrationApiRef);
  const migrationId = artifact?.migrationId;
  const name = artifact?.name;
  return useAsync(async (): Promise<ArtifactContent<F> | undefined> => {
    if (!migrationId || !name) return undefined;
    const blob = await api.getArtifact(migrationId, name);
    if (format === 'bytes') {
      return new Uint8Array(await blob.arrayBuffer()) as ArtifactContent<F>;
    }
    const text = await blob.text();
    if (format === 'text') return text as ArtifactContent<F>;
    try {
      return JSON.parse(text) as ArtifactContent<F>;
    } catch (e) {
      throw new Error(`${name} is not valid JSON: ${(e as Error).message}`);
    }
  }, [api, migrationId, name, artifact?.sha256, format]);
}
