import { isIPv4, isIPv6 } from 'node:net';
import type { RecordSet } from '@azure/arm-dns';
import { InputError } from '@backstage/errors';
import type { DnsRecordSet } from '@sirsi-nexus/plugin-migration-node';

const MAX_TTL = 2_147_483_647;

/**
 * The record set's name relative to the zone, as Azure DNS addresses it: `www` for
 * `www.example.com.` in `example.com`, `@` for the apex.
 *
 * @throws InputError naming `field` when the name is not inside the zone.
 */
export function relativeName(zone: string, name: string, field: string) {
  const fqdn = name.trim().replace(/\.$/, '').toLowerCase();
  if (fqdn === zone) return '@';
  if (fqdn.endsWith(`.${zone}`)) return fqdn.slice(0, -zone.length - 1);
  throw new InputError(`${field}: "${name}" is not in zone ${zone}`);
}

/** The fully qualified name with trailing dot. */
export function fqdnOf(zone: string, relative: string) {
  return relative === '@' ? `${zone}.` : `${relative}.${zone}.`;
}

/**
 * Checks a record set the cutover writes: a TTL Azure accepts, and values of its type.
 *
 * @throws InputError naming the field.
 */
export function validateRecordSet(record: DnsRecordSet, field: string) {
  if (!Number.isInteger(record.ttl) || record.ttl < 0 || record.ttl > MAX_TTL) {
    throw new InputError(
      `${field}.ttl must be a whole number of seconds from 0 to ${MAX_TTL}`,
    );
  }
  if (!record.values.length) {
    throw new InputError(`${field}.values must name at least one value`);
  }
  const valid = {
    A: isIPv4,
    AAAA: isIPv6,
    CNAME: (v: string) => /^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/i.test(v),
  }[record.type];
  if (!valid) {
    throw new InputError(`${field}.type must be A, AAAA or CNAME`);
  }
  const bad = record.values.find(v => !valid(v));
  if (bad !== undefined) {
    throw new InputError(
      `${field}.values: "${bad}" is not a valid ${record.type} value`,
    );
  }
  if (record.type === 'CNAME' && record.values.length > 1) {
    throw new InputError(`${field}.values: a CNAME record holds one name`);
  }
}

/** The Azure DNS record set (`TTL`, `ARecords`, `AAAARecords`, `CNAMERecord`) of a record. */
export function toAzureRecordSet(
  record: DnsRecordSet,
  metadata?: Record<string, string>,
): RecordSet {
  const base: RecordSet = { ttl: record.ttl, metadata };
  switch (record.type) {
    case 'A':
      return {
        ...base,
        aRecords: record.values.map(ipv4Address => ({ ipv4Address })),
      };
    case 'AAAA':
      return {
        ...base,
        aaaaRecords: record.values.map(ipv6Address => ({ ipv6Address })),
      };
    default:
      return { ...base, cnameRecord: { cname: record.values[0] } };
  }
}

/** The values a record set holds for a type, in the zone's order. */
function valuesOf(set: RecordSet, type: DnsRecordSet['type']): string[] {
  switch (type) {
    case 'A':
      return (set.aRecords ?? []).map(r => r.ipv4Address ?? '');
    case 'AAAA':
      return (set.aaaaRecords ?? []).map(r => r.ipv6Address ?? '');
    default:
      return set.cnameRecord?.cname ? [set.cnameRecord.cname] : [];
  }
}

/** A record set as the cutover sees it. */
export function fromAzureRecordSet(
  set: RecordSet,
  name: string,
  type: DnsRecordSet['type'],
): DnsRecordSet {
  return { name, type, ttl: set.ttl ?? 0, values: valuesOf(set, type) };
}

/** Whether two record sets hold the same TTL and values (order and case of names aside). */
export function sameRecordSet(a: DnsRecordSet, b: DnsRecordSet) {
  const norm = (r: DnsRecordSet) =>
    r.values
      .map(v => (r.type === 'CNAME' ? v.toLowerCase().replace(/\.$/, '') : v))
      .sort()
      .join(',');
  return a.type === b.type && a.ttl === b.ttl && norm(a) === norm(b);
}
