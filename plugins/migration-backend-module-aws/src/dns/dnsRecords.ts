import { isIPv4, isIPv6 } from 'node:net';
import type { ResourceRecordSet } from '@aws-sdk/client-route-53';
import { ConflictError, InputError } from '@backstage/errors';
import type { DnsRecordSet } from '@sirsi-nexus/plugin-migration-node';
import { normalizeDnsName } from './route53Zones';

const TYPES = new Set(['A', 'AAAA', 'CNAME']);
const VALUE_CHECKS: Record<DnsRecordSet['type'], (value: string) => boolean> = {
  A: isIPv4,
  AAAA: isIPv6,
  CNAME: value => typeof value === 'string' && value.trim().length > 0,
};

/** Route 53 returns some characters of names as octal escapes (`*` is `\052`). */
export function decodeRoute53Name(name: string): string {
  return name.replace(/\\(\d{3})/g, (_, octal: string) =>
    String.fromCharCode(parseInt(octal, 8)),
  );
}

/** Checks that a name lies in the zone and the type is one the cutover handles. */
export function validateName(
  zone: string,
  name: string,
  type: string,
  field: string,
): void {
  const normalized = normalizeDnsName(name ?? '');
  if (
    !normalized ||
    (normalized !== zone && !normalized.endsWith(`.${zone}`))
  ) {
    throw new InputError(`${field}name: "${name}" is not in zone ${zone}`);
  }
  if (!TYPES.has(type)) {
    throw new InputError(`${field}type: "${type}" must be A, AAAA or CNAME`);
  }
}

/** Checks record sets before any change; the error names the field. */
export function validateRecords(zone: string, records: DnsRecordSet[]): void {
  if (!Array.isArray(records) || records.length === 0) {
    throw new InputError('records: at least one record set is needed');
  }
  records.forEach((record, i) => {
    const field = `records[${i}]`;
    validateName(zone, record?.name, record?.type, `${field}.`);
    if (
      !Number.isInteger(record.ttl) ||
      record.ttl < 0 ||
      record.ttl > 2147483647
    ) {
      throw new InputError(
        `${field}.ttl: ${record.ttl} must be a whole number of seconds`,
      );
    }
    if (!Array.isArray(record.values) || record.values.length === 0) {
      throw new InputError(`${field}.values: at least one value is needed`);
    }
    if (record.type === 'CNAME' && record.values.length !== 1) {
      throw new InputError(`${field}.values: a CNAME has exactly one value`);
    }
    record.values.forEach((value, j) => {
      const valid = VALUE_CHECKS[record.type](value);
      if (!valid) {
        throw new InputError(
          `${field}.values[${j}]: "${value}" is not a valid ${record.type} value`,
        );
      }
    });
  });
}

/** A record set as Route 53 takes it. */
export function toResourceRecordSet(record: DnsRecordSet): ResourceRecordSet {
  return {
    Name: `${normalizeDnsName(record.name)}.`,
    Type: record.type,
    TTL: record.ttl,
    ResourceRecords: record.values.map(Value => ({ Value })),
  };
}

/**
 * The record set Route 53 returned, when it is the one asked for. Alias and routing-policy
 * records cannot be expressed as plain values, so the cutover does not touch them.
 */
export function fromResourceRecordSet(
  set: ResourceRecordSet | undefined,
  name: string,
  type: DnsRecordSet['type'],
): DnsRecordSet | undefined {
  if (
    !set?.Name ||
    normalizeDnsName(decodeRoute53Name(set.Name)) !== normalizeDnsName(name)
  ) {
    return undefined;
  }
  if (set.Type !== type) return undefined;
  if (set.AliasTarget || set.SetIdentifier) {
    throw new ConflictError(
      `${set.Name} ${type} is ${
        set.AliasTarget
          ? `an alias to ${set.AliasTarget.DNSName}`
          : `a routing-policy record (set ${set.SetIdentifier})`
      }; the DNS cutover changes only simple records, so switch this one by hand`,
    );
  }
  return {
    name: `${normalizeDnsName(name)}.`,
    type,
    ttl: set.TTL ?? 0,
    values: (set.ResourceRecords ?? []).map(r => r.Value ?? ''),
  };
}

/** Whether two value lists hold the same values (order and case of names aside). */
export function sameValues(a: string[], b: string[]): boolean {
  const norm = (values: string[]) =>
    new Set(values.map(v => normalizeDnsName(v)));
  const left = norm(a);
  const right = norm(b);
  return left.size === right.size && [...left].every(v => right.has(v));
}
