import { InputError } from '@backstage/errors';
import {
  COMMITMENT_TYPES,
  COMPLIANCE_PROFILES,
  RISK_TOLERANCES,
  TARGET_PROVIDERS,
} from '@sirsi-nexus/plugin-migration-common';
import type { AssessInput } from './assess';

const listed = (values: readonly string[]) =>
  `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

/**
 * Rejects a selection, target or options the assessment cannot work with.
 *
 * @throws InputError naming the field.
 */
export function validateAssessInput(input: AssessInput): void {
  if (!Array.isArray(input.resources) || input.resources.length === 0) {
    throw new InputError('resources: the selection is empty');
  }
  const provider = input.target?.provider;
  if (!(TARGET_PROVIDERS as readonly string[]).includes(provider)) {
    throw new InputError(
      `target.provider must be one of ${TARGET_PROVIDERS.join(
        ', ',
      )}, got "${provider}"`,
    );
  }
  if (!input.target.region || typeof input.target.region !== 'string') {
    throw new InputError('target.region is required');
  }
  const profile = input.options?.complianceProfile ?? 'none';
  if (!(COMPLIANCE_PROFILES as readonly string[]).includes(profile)) {
    throw new InputError(
      `options.complianceProfile must be ${listed(
        COMPLIANCE_PROFILES,
      )}, got "${profile}"`,
    );
  }
  const tolerance = input.options?.riskTolerance;
  if (
    tolerance !== undefined &&
    !(RISK_TOLERANCES as readonly string[]).includes(tolerance)
  ) {
    throw new InputError(
      `options.riskTolerance must be ${listed(
        RISK_TOLERANCES,
      )}, got "${tolerance}"`,
    );
  }
  const type = input.options?.commitmentType;
  if (
    type !== undefined &&
    !(COMMITMENT_TYPES as readonly string[]).includes(type)
  ) {
    throw new InputError(
      `options.commitmentType must be ${listed(
        COMMITMENT_TYPES,
      )}, got "${type}"`,
    );
  }
  const comfort = input.options?.comfortFactor;
  if (
    comfort !== undefined &&
    !(Number.isFinite(comfort) && comfort >= 1 && comfort <= 5)
  ) {
    throw new InputError(
      `options.comfortFactor must be a number between 1 and 5, got ${comfort}`,
    );
  }
}
