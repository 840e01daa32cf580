import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { isCidr } from './validateModel';

/**
 * What `migration.iac` configures.
 *
 * @public
 */
export interface IacSettings {
  /** `terraform` or `tofu`; undefined when not configured. */
  terraformCommand?: string;
  commandTimeoutMs: number;
  plan: 'independent' | 'all' | 'none';
  allowedRegions?: string[];
  adminSources: string[];
  defaultTags: Record<string, string>;
}

/**
 * Reads `migration.iac`, refusing values that cannot work with an `InputError` naming the key.
 *
 * @public
 */
export function readIacSettings(config: Config): IacSettings {
  const iac = config.getOptionalConfig('migration.iac');
  const command = iac?.getOptionalString('terraformCommand')?.trim();
  if (command !== undefined && !/^[A-Za-z0-9_./@+-]+$/.test(command)) {
    throw new InputError(
      'migration.iac.terraformCommand must be an executable name or path such as terraform, tofu or /usr/local/bin/tofu',
    );
  }
  const timeout = iac?.getOptionalNumber('commandTimeoutSeconds') ?? 600;
  if (!(timeout > 0)) {
    throw new InputError(
      'migration.iac.commandTimeoutSeconds must be positive',
    );
  }
  const plan = iac?.getOptionalString('plan') ?? 'independent';
  if (!['independent', 'all', 'none'].includes(plan)) {
    throw new InputError('migration.iac.plan must be independent, all or none');
  }
  const adminSources = iac?.getOptionalStringArray('adminSources') ?? [];
  const bad = adminSources.find(s => !isCidr(s));
  if (bad) {
    throw new InputError(
      `migration.iac.adminSources: ${bad} is not a CIDR block`,
    );
  }
  const tagsConfig = iac?.getOptionalConfig('defaultTags');
  const defaultTags: Record<string, string> = {};
  for (const key of tagsConfig?.keys() ?? []) {
    defaultTags[key] = tagsConfig!.getString(key);
  }
  return {
    ...(command ? { terraformCommand: command } : {}),
    commandTimeoutMs: timeout * 1000,
    plan: plan as IacSettings['plan'],
    ...(iac?.has('allowedRegions')
      ? { allowedRegions: iac.getStringArray('allowedRegions') }
      : {}),
    adminSources,
    defaultTags,
  };
}
