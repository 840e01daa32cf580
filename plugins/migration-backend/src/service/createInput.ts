import { InputError } from '@backstage/errors';
import type { MigrationOptions } from '@sirsi-nexus/plugin-migration-common';
import type { CloudProviderLookup } from '@sirsi-nexus/plugin-migration-node';
import type { MigrationEngineConfig } from '../engine/config';
import type { Actor } from './MigrationService';
import type { CreateMigrationInput } from './validation';

/**
 * Checks a migration request against the configuration (policy acknowledgement, environments)
 * and works out its options and owner.
 *
 * @throws InputError naming the field that is wrong.
 */
export function checkCreateInput(
  input: CreateMigrationInput,
  actor: Actor,
  deps: { config: MigrationEngineConfig; providers: CloudProviderLookup },
): { policy?: string; options: MigrationOptions; owner: string } {
  const { config, providers } = deps;
  const policy = config.policyAcknowledgement;
  if (policy && input.policyAcknowledged !== true) {
    throw new InputError(
      `policyAcknowledged: the migration policy must be acknowledged (true): "${policy}"`,
    );
  }
  if (!providers.get(input.sourceEnvironmentId)) {
    throw new InputError(
      `sourceEnvironmentId: no environment "${input.sourceEnvironmentId}" is configured`,
    );
  }
  const targetEnvironment = input.target.environmentId
    ? providers.get(input.target.environmentId)
    : undefined;
  if (input.target.environmentId && !targetEnvironment) {
    throw new InputError(
      `target.environmentId: no environment "${input.target.environmentId}" is configured`,
    );
  }
  if (targetEnvironment && targetEnvironment.id !== input.target.provider) {
    throw new InputError(
      `target.environmentId: environment "${input.target.environmentId}" is ${targetEnvironment.id}, not ${input.target.provider}`,
    );
  }
  // Without a configured target environment there are no target credentials: unless the
  // requester chose otherwise, the migration rehearses up to the last irreversible call.
  const options = {
    ...input.options,
    rehearsal: input.options?.rehearsal ?? !targetEnvironment,
  };
  const owner = input.owner ?? actor.userEntityRef;
  if (!owner) {
    throw new InputError(
      'owner: required when the request is not made on behalf of a user',
    );
  }
  return { policy, options, owner };
}
