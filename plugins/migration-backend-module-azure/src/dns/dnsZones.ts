import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * An Azure DNS zone the cutover may change (`migration.dns.zones[]` with `provider: azure`).
 *
 * @public
 */
export interface AzureDnsZone {
  /** The zone's name without trailing dot, lower case, e.g. `example.com`. */
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  /** The `migration.environments[]` entry whose credentials to use. */
  environment?: string;
  /** The entry's config, for retry settings. */
  config: Config;
  /** The entry's config key, for messages. */
  field: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A zone name as Azure DNS keys it: no trailing dot, lower case. */
export function normalizeZoneName(name: string) {
  return name.trim().replace(/\.$/, '').toLowerCase();
}

/**
 * The Azure DNS zones of `migration.dns.zones[]`; entries of other providers are left to their
 * modules.
 *
 * @throws InputError naming the key of a bad entry.
 */
export function readAzureDnsZones(root: Config): AzureDnsZone[] {
  const entries = root.getOptionalConfigArray('migration.dns.zones') ?? [];
  const zones: AzureDnsZone[] = [];
  entries.forEach((entry, index) => {
    if (entry.getOptionalString('provider') !== 'azure') return;
    const field = `migration.dns.zones[${index}]`;
    const azure = entry.getOptionalConfig('azure');
    if (!azure) {
      throw new InputError(
        `${field}.azure is required for provider: azure (subscriptionId, resourceGroup)`,
      );
    }
    const subscriptionId = azure.getString('subscriptionId');
    if (!GUID.test(subscriptionId)) {
      throw new InputError(
        `${field}.azure.subscriptionId "${subscriptionId}" is not a subscription GUID`,
      );
    }
    const name = normalizeZoneName(entry.getString('name'));
    if (zones.some(z => z.name === name)) {
      throw new InputError(`${field}.name: zone ${name} is configured twice`);
    }
    zones.push({
      name,
      subscriptionId,
      resourceGroup: azure.getString('resourceGroup'),
      environment: azure.getOptionalString('environment'),
      config: entry,
      field,
    });
  });
  return zones;
}
