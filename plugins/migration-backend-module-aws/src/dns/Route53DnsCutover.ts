import {
  ChangeResourceRecordSetsCommand,
  GetChangeCommand,
  ListResourceRecordSetsCommand,
  type Change,
  type Route53Client,
} from '@aws-sdk/client-route-53';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  DnsChange,
  DnsCutover,
  DnsRecordSet,
} from '@sirsi-nexus/plugin-migration-node';
import { awsCall } from '../clients/awsServiceError';
import {
  fromResourceRecordSet,
  sameValues,
  toResourceRecordSet,
  validateName,
  validateRecords,
} from './dnsRecords';
import { normalizeDnsName, type Route53Zone } from './route53Zones';

const SERVICE = 'Amazon Route 53';

/**
 * Options of {@link Route53DnsCutover}.
 *
 * @public
 */
export interface Route53DnsCutoverOptions {
  /** The hosted zones it may change, by domain. */
  zones: Route53Zone[];
  /** The client that changes a zone (with the credentials of the zone's account). */
  client(zone: Route53Zone): Route53Client;
}

/**
 * Amazon Route 53 as the `DnsCutover` of AWS: reads a record set with
 * `ListResourceRecordSets`, upserts and deletes with `ChangeResourceRecordSets`, and tells with
 * `GetChange` when a change is `INSYNC` on every Route 53 name server.
 *
 * @public
 */
export class Route53DnsCutover implements DnsCutover {
  /** The id of a removal that found nothing to delete: no change was made, so none to wait for. */
  static readonly NO_CHANGE = 'no-change';
  readonly service = SERVICE;

  constructor(private readonly options: Route53DnsCutoverOptions) {}

  async read(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
    signal?: AbortSignal,
  ): Promise<DnsRecordSet | undefined> {
    const hosted = this.zone(zone);
    validateName(hosted.name, name, type, '');
    // Route 53 lists record sets in name and type order from the start record, so the one
    // answer may be the next name: only an exact name and type counts.
    const page = await this.call('ListResourceRecordSets', () =>
      this.options.client(hosted).send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: hosted.hostedZoneId,
          StartRecordName: `${normalizeDnsName(name)}.`,
          StartRecordType: type,
          MaxItems: 1,
        }),
        { abortSignal: signal },
      ),
    );
    return fromResourceRecordSet(page.ResourceRecordSets?.[0], name, type);
  }

  async apply(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const hosted = this.zone(zone);
    validateRecords(hosted.name, records);
    return this.change(
      hosted,
      records.map(r => ({
        Action: 'UPSERT',
        ResourceRecordSet: toResourceRecordSet(r),
      })),
      'SirsiNexus Migrate DNS cutover',
      signal,
    );
  }

  /**
   * Deletes record sets with the values Route 53 holds now (a DELETE must match them exactly).
   * A name that is already gone is done; one whose values someone changed is left alone.
   */
  async remove(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const hosted = this.zone(zone);
    validateRecords(hosted.name, records);
    const changes: Change[] = [];
    for (const record of records) {
      const current = await this.read(zone, record.name, record.type, signal);
      if (!current) continue;
      if (!sameValues(current.values, record.values)) {
        throw new ConflictError(
          `Not deleting ${current.name} ${
            current.type
          }: it now holds ${current.values.join(
            ', ',
          )}, not ${record.values.join(', ')} as the cutover left it`,
        );
      }
      changes.push({
        Action: 'DELETE',
        ResourceRecordSet: toResourceRecordSet(current),
      });
    }
    if (changes.length === 0) {
      return { id: Route53DnsCutover.NO_CHANGE, zone: hosted.name };
    }
    return this.change(
      hosted,
      changes,
      'SirsiNexus Migrate DNS rollback',
      signal,
    );
  }

  async verify(change: DnsChange, signal?: AbortSignal): Promise<boolean> {
    if (change.id === Route53DnsCutover.NO_CHANGE) return true;
    const hosted = this.zone(change.zone);
    const { ChangeInfo } = await this.call('GetChange', () =>
      this.options
        .client(hosted)
        .send(new GetChangeCommand({ Id: change.id }), {
          abortSignal: signal,
        }),
    );
    return ChangeInfo?.Status === 'INSYNC';
  }

  private async change(
    hosted: Route53Zone,
    changes: Change[],
    comment: string,
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const { ChangeInfo } = await this.call('ChangeResourceRecordSets', () =>
      this.options.client(hosted).send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: hosted.hostedZoneId,
          ChangeBatch: { Comment: comment, Changes: changes },
        }),
        { abortSignal: signal },
      ),
    );
    if (!ChangeInfo?.Id) {
      throw new Error(
        `${SERVICE} accepted a change to ${hosted.name} without a change id`,
      );
    }
    return { id: ChangeInfo.Id.replace(/^\/change\//, ''), zone: hosted.name };
  }

  private zone(zone: string): Route53Zone {
    const name = normalizeDnsName(zone ?? '');
    const hosted = this.options.zones.find(z => z.name === name);
    if (!hosted) {
      throw new InputError(
        `zone: "${zone}" is not a Route 53 zone in migration.dns.zones (provider: aws)`,
      );
    }
    return hosted;
  }

  private call<T>(operation: string, send: () => Promise<T>): Promise<T> {
    return awsCall({ service: SERVICE, action: `route53:${operation}` }, send);
  }
}
