import { InputError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  parseArtifact,
  type ArtifactDefinition,
  type ArtifactSummary,
} from '@sirsi-nexus/plugin-migration-common';
import type { ArtifactReader, TaskContext } from './types';

/** What the artifact's schema makes of `value`; an InputError naming the field when it breaks it. */
function checked<T>(definition: ArtifactDefinition<T>, value: unknown): T {
  try {
    return parseArtifact(definition, value);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
}

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
  return checked(definition, value);
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
    checked(definition, content);
  }
  return artifacts.put(
    definition.name,
    content as Buffer | string | JsonValue,
    {
      mediaType: definition.mediaType,
    },
  );
}

/**
 * Writes a JSON artifact of the phase contract as its schema makes it (defaults filled in) and
 * returns that value: one parse for callers that go on using the checked value (a 5,000-resource
 * assessment costs ~170 MiB of allocation per parse).
 *
 * @throws InputError naming the artifact and the field when it does not match the contract.
 * @public
 */
export async function writeParsedArtifact<T>(
  artifacts: TaskContext['artifacts'],
  definition: ArtifactDefinition<T>,
  content: T,
): Promise<T> {
  const value = checked(definition, content);
  await artifacts.put(definition.name, value as unknown as JsonValue, {
    mediaType: definition.mediaType,
  });
  return value;
}
