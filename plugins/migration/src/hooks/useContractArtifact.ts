import { useMemo } from 'react';
import {
  parseArtifact,
  type ArtifactDefinition,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import { useArtifact } from './useArtifact';

/** A JSON artifact of the phase contract as loaded and checked. */
export interface ContractArtifactState<T> {
  loading: boolean;
  /** Loading failed, or the content is not JSON. */
  error?: Error;
  /** The content as stored. */
  raw?: unknown;
  /** The content, checked against the contract. */
  value?: T;
  /** Why the content does not match the contract, naming the artifact and the field. */
  mismatch?: Error;
}

function check<T>(
  definition: ArtifactDefinition<T>,
  raw: unknown,
): Pick<ContractArtifactState<T>, 'value' | 'mismatch'> {
  if (raw === undefined) return {};
  try {
    return { value: parseArtifact(definition, raw) };
  } catch (e) {
    return { mismatch: e as Error };
  }
}

/**
 * Loads a JSON artifact and checks it against its definition in the phase contract; reloads
 * only when the artifact changes.
 */
export function useContractArtifact<T>(
  artifact:
    | Pick<ArtifactSummary, 'migrationId' | 'name' | 'sha256'>
    | undefined,
  definition: ArtifactDefinition<T>,
): ContractArtifactState<T> {
  const { loading, error, value: raw } = useArtifact(artifact, 'json');
  const checked = useMemo(() => check(definition, raw), [definition, raw]);
  return { loading, error, raw, ...checked };
}
