import { DNS, type Zone } from '@google-cloud/dns';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  DnsChange,
  DnsCutover,
  DnsRecordSet,
  RetrySettings,
} from '@sirsi-nexus/plugin-migration-node';
import type { GoogleAuth } from 'google-auth-library';
import { callGoogle } from '../google/googleRetry';

/**
 * A Cloud DNS managed zone under the name the migration's config gives it.
 *
 * @public
 */
export interface CloudDnsZone {
  /** The zone's name in `migration.dns.zones[]`, as DNS cutover steps refer to it. */
  name: string;
  project: string;
  /** The managed zone's name in Cloud DNS (not its DNS name). */
  managedZone: string;
  auth: GoogleAuth;
  /** Custom Cloud DNS endpoint. */
  apiEndpoint?: string;
}

/**
 * Options of {@link CloudDnsCutover}.
 *
 * @public
 */
export interface CloudDnsCutoverOptions {
  zones: CloudDnsZone[];
  retry: RetrySettings;
}

/** The request options of the client's interceptors. */
type Decorated = ReturnType<DNS['interceptors'][number]['request']>;

type RecordLike = { metadata: { ttl?: number; rrdatas?: string[] } };

const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);

function sameSet(current: DnsRecordSet, wanted: DnsRecordSet) {
  const a = [...current.values].sort();
  const b = [...wanted.values].sort();
  return (
    current.ttl === wanted.ttl &&
    a.length === b.length &&
    a.every((v, i) => v === b[i])
  );
}

/** Deletions that no longer match the zone come back as 412; reading again and retrying once fixes a race. */
const ATTEMPTS = 2;

/**
 * DNS cutover with Cloud DNS (`@google-cloud/dns`): every change replaces whole record sets — the
 * current set is deleted and the new one added in one atomic change, since Cloud DNS refuses a
 * deletion that does not match the zone exactly (412 `conditionNotMet`). A change that would alter
 * nothing is not sent; its receipt is then the zone's newest change.
 *
 * @public
 */
export class CloudDnsCutover implements DnsCutover {
  readonly service = 'Google Cloud DNS';
  private readonly zones = new Map<
    string,
    { zone: Zone; config: CloudDnsZone }
  >();

  constructor(private readonly options: CloudDnsCutoverOptions) {
    for (const config of options.zones) {
      const dns = new DNS({
        projectId: config.project,
        authClient: config.auth as never,
        apiEndpoint: config.apiEndpoint,
      });
      // Retries are ours, with backoff and the rate-limit reason read from the body; the
      // client's own (up to 3, seconds apart) would hide the throttling and double the wait.
      dns.interceptors.push({
        request: request => ({ ...(request as Decorated), maxRetries: 0 }),
      });
      this.zones.set(config.name, {
        zone: dns.zone(config.managedZone),
        config,
      });
    }
  }

  private zone(name: string) {
    const found = this.zones.get(name);
    if (!found) {
      throw new InputError(
        `zone '${name}' is not a Cloud DNS zone of migration.dns.zones (known: ${
          [...this.zones.keys()].join(', ') || 'none'
        })`,
      );
    }
    return found;
  }

  private call<T>(
    what: string,
    zone: string,
    fn: () => Promise<T>,
    signal?: AbortSignal,
  ) {
    const { config } = this.zone(zone);
    return callGoogle(
      `Cloud DNS: ${what} in projects/${config.project}/managedZones/${config.managedZone}`,
      fn,
      { retry: this.options.retry, signal },
    );
  }

  async read(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
    signal?: AbortSignal,
  ): Promise<DnsRecordSet | undefined> {
    const { zone: z } = this.zone(zone);
    const [records] = await this.call(
      `read ${fqdn(name)} ${type}`,
      zone,
      () => z.getRecords({ name: fqdn(name), type }),
      signal,
    );
    const found = (records as unknown as RecordLike[])[0];
    if (!found) return undefined;
    return {
      name: fqdn(name),
      type,
      ttl: found.metadata.ttl ?? 0,
      values: found.metadata.rrdatas ?? [],
    };
  }

  async apply(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    return this.change(zone, records, 'apply', signal);
  }

  async remove(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    return this.change(zone, records, 'remove', signal);
  }

  async verify(change: DnsChange, signal?: AbortSignal): Promise<boolean> {
    const { zone: z } = this.zone(change.zone);
    const [metadata] = await this.call(
      `read change ${change.id}`,
      change.zone,
      () => z.change(change.id).getMetadata(),
      signal,
    );
    return (metadata as { status?: string }).status === 'done';
  }

  /**
   * One atomic change: for `apply`, each differing set's current records go and the new ones
   * come; for `remove`, a set goes only when it still holds what the cutover wrote.
   */
  private async change(
    zone: string,
    records: DnsRecordSet[],
    mode: 'apply' | 'remove',
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const { zone: z } = this.zone(zone);
    for (let attempt = 1; ; attempt++) {
      const additions: DnsRecordSet[] = [];
      const deletions: DnsRecordSet[] = [];
      for (const wanted of records) {
        const current = await this.read(zone, wanted.name, wanted.type, signal);
        if (mode === 'remove') {
          if (!current) continue;
          if (!sameSet(current, wanted)) {
            throw new ConflictError(
              `${current.name} ${
                current.type
              } in zone ${zone} changed since the cutover wrote it (now ${current.values.join(
                ', ',
              )}); not removed`,
            );
          }
          deletions.push(current);
        } else if (!current || !sameSet(current, wanted)) {
          if (current) deletions.push(current);
          additions.push({ ...wanted, name: fqdn(wanted.name) });
        }
      }
      if (additions.length === 0 && deletions.length === 0) {
        return this.newestChange(zone, signal);
      }
      const toRecord = (set: DnsRecordSet) =>
        z.record(set.type.toLowerCase(), {
          name: set.name,
          ttl: set.ttl,
          data: set.values,
        });
      try {
        const [created] = await this.call(
          `${mode} ${[...additions, ...deletions]
            .map(r => `${r.name} ${r.type}`)
            .join(', ')}`,
          zone,
          () =>
            z.createChange({
              add: additions.map(toRecord),
              delete: deletions.map(toRecord),
            }),
          signal,
        );
        return { id: String(created.id), zone };
      } catch (error) {
        if ((error as Error).name !== 'ConflictError' || attempt >= ATTEMPTS)
          throw error;
      }
    }
  }

  /** The zone's newest change: the receipt of a change that had nothing left to do. */
  private async newestChange(zone: string, signal?: AbortSignal) {
    const { zone: z } = this.zone(zone);
    const [changes] = await this.call(
      'read the newest change',
      zone,
      () =>
        z.getChanges({
          maxResults: 1,
          sortOrder: 'descending',
          autoPaginate: false,
        }),
      signal,
    );
    const newest = changes[0];
    if (!newest?.id) {
      throw new ConflictError(`zone ${zone} reports no changes`);
    }
    return { id: String(newest.id), zone };
  }
}
