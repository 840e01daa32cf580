import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  parseArtifact,
  type ArtifactDefinition,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import type { ArtifactReader, TaskContext } from './types';

/**
 * Reads a JSON artifact of the phase contract, checked against its schema; undefined when the
 * migration does not have it.
 *
 * @throws InputError naming the artifact and the field when it does not match the contract.
 * @public
 */
export async function readArtifact<T>(
  reader: ArtifactReader,
  definition: ArtifactDefinition<T>,
): Promise<T | undefined> {
  const value = await reader.getJson(definition.name);
  if (value === undefined) return undefined;
  try {
    return parseArtifact(definition, value);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

/**
 * Writes an artifact of the phase contract with its media type; JSON artifacts are checked
 * against their schema first, so nothing that breaks the contract is stored.
 *
 * @throws InputError naming the artifact and the field when it does not match the contract.
 * @public
 */
export async function writeArtifact<T>(
  artifacts: TaskContext['artifacts'],
  definition: ArtifactDefinition<T>,
  content: T extends JsonValue ? T : T | Buffer | string,
): Promise<ArtifactSummary> {
  if (definition.schema) {
    try {
      parseArtifact(definition, content);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
  }
  return artifacts.put(
    definition.name,
    content as Buffer | string | JsonValue,
    {
      mediaType: definition.mediaType,
    },
  );
}
