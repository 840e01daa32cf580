import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * A Route 53 hosted zone the DNS cutover may change (`migration.dns.zones[]` with
 * `provider: aws`).
 *
 * @public
 */
export interface Route53Zone {
  /** The zone's domain, lower case without trailing dot, e.g. `example.com`. */
  name: string;
  /** Its hosted zone id, e.g. `Z1D633PJN98FT9`. */
  hostedZoneId: string;
  /** The account whose credentials change it (`aws.accounts`); default: the target's. */
  accountId?: string;
}

const HOSTED_ZONE_ID = /^Z[A-Z0-9]{1,32}$/;

/** A DNS name in the form zones are compared in: lower case, no trailing dot. */
export function normalizeDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The Route 53 zones of `migration.dns.zones`; entries of other providers are left to them. */
export function readRoute53Zones(config: Config): Route53Zone[] {
  const entries = config.getOptionalConfigArray('migration.dns.zones') ?? [];
  const zones: Route53Zone[] = [];
  entries.forEach((entry, i) => {
    if (entry.getOptionalString('provider') !== 'aws') return;
    const field = `migration.dns.zones[${i}]`;
    const name = entry.getOptionalString('name');
    if (!name?.trim()) {
      throw new InputError(
        `${field}.name: the zone's domain is required, e.g. example.com`,
      );
    }
    const hostedZoneId = entry
      .getOptionalString('aws.hostedZoneId')
      ?.replace(/^\/hostedzone\//, '');
    if (!hostedZoneId || !HOSTED_ZONE_ID.test(hostedZoneId)) {
      throw new InputError(
        `${field}.aws.hostedZoneId: "${
          hostedZoneId ?? ''
        }" is not a Route 53 hosted zone id such as Z1D633PJN98FT9`,
      );
    }
    const normalized = normalizeDnsName(name);
    if (zones.some(z => z.name === normalized)) {
      throw new InputError(
        `${field}.name: zone ${normalized} is configured twice`,
      );
    }
    zones.push({
      name: normalized,
      hostedZoneId,
      accountId: entry.getOptionalString('aws.accountId'),
    });
  });
  return zones;
}
