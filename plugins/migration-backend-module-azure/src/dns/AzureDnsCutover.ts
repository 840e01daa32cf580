import { DnsManagementClient, type RecordSet } from '@azure/arm-dns';
import { ConflictError, InputError } from '@backstage/errors';
import type {
  DnsChange,
  DnsCutover,
  DnsRecordSet,
} from '@sirsi-nexus/plugin-migration-node';
import { toAzureCallError } from '../access/armErrors';
import { armClientOptions, type AzureAccess } from '../access/azureAccess';
import { normalizeZoneName, type AzureDnsZone } from './dnsZones';
import {
  fqdnOf,
  fromAzureRecordSet,
  relativeName,
  sameRecordSet,
  toAzureRecordSet,
  validateRecordSet,
} from './recordSets';

/**
 * Options of {@link AzureDnsCutover}.
 *
 * @public
 */
export interface AzureDnsCutoverOptions {
  zones: AzureDnsZone[];
  /** The access (credential, retry settings) of a zone. */
  accessFor(zone: AzureDnsZone): AzureAccess;
}

/** What a change wrote and removed, carried in its id so `verify` can read it back later. */
interface ChangeRecord {
  written: DnsRecordSet[];
  removed: Array<Pick<DnsRecordSet, 'name' | 'type'>>;
}

const PREFIX = 'azdns1.';

/**
 * The DNS cutover on Azure DNS record sets (`Microsoft.Network/dnsZones/{type}/{name}`): each
 * write is a PUT guarded by the etag read just before (or `If-None-Match: *` for a new name), and
 * each removal a DELETE with the etag of the record set the cutover wrote, so a concurrent change
 * is never overwritten. Azure DNS answers the PUT once the record set is saved and has no
 * change-status API like Route 53's `INSYNC`; `verify` reads the record sets back and compares
 * them with what was written.
 *
 * @public
 */
export class AzureDnsCutover implements DnsCutover {
  readonly service = 'Azure DNS';
  private readonly clients = new Map<string, DnsManagementClient>();

  constructor(private readonly options: AzureDnsCutoverOptions) {}

  async read(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
    signal?: AbortSignal,
  ): Promise<DnsRecordSet | undefined> {
    const config = this.zone(zone);
    const relative = relativeName(config.name, name, 'name');
    const set = await this.get(config, relative, type, signal);
    return set && fromAzureRecordSet(set, fqdnOf(config.name, relative), type);
  }

  async apply(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const config = this.zone(zone);
    const names = records.map((record, i) => {
      validateRecordSet(record, `records[${i}]`);
      return relativeName(config.name, record.name, `records[${i}].name`);
    });
    const written: DnsRecordSet[] = [];
    for (const [i, record] of records.entries()) {
      const relative = names[i];
      const current = await this.get(config, relative, record.type, signal);
      await this.call(config, `write ${record.type} ${record.name}`, () =>
        this.client(config).recordSets.createOrUpdate(
          config.resourceGroup,
          config.name,
          relative,
          record.type,
          toAzureRecordSet(record, current?.metadata),
          current?.etag
            ? { ifMatch: current.etag, abortSignal: signal }
            : { ifNoneMatch: '*', abortSignal: signal },
        ),
      );
      written.push({ ...record, name: fqdnOf(config.name, relative) });
    }
    return this.change(config, { written, removed: [] });
  }

  async remove(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange> {
    const config = this.zone(zone);
    const removed: ChangeRecord['removed'] = [];
    for (const [i, record] of records.entries()) {
      const relative = relativeName(
        config.name,
        record.name,
        `records[${i}].name`,
      );
      const current = await this.get(config, relative, record.type, signal);
      removed.push({ name: fqdnOf(config.name, relative), type: record.type });
      if (!current) continue;
      const found = fromAzureRecordSet(current, record.name, record.type);
      if (!sameRecordSet(found, record)) {
        throw new ConflictError(
          `Azure DNS: ${record.type} ${
            record.name
          } now holds ${found.values.join(', ')} (TTL ${
            found.ttl
          }), not what the cutover wrote (${record.values.join(', ')}, TTL ${
            record.ttl
          }); it is left in place`,
        );
      }
      await this.call(config, `delete ${record.type} ${record.name}`, () =>
        this.client(config).recordSets.delete(
          config.resourceGroup,
          config.name,
          relative,
          record.type,
          { ifMatch: current.etag, abortSignal: signal },
        ),
      );
    }
    return this.change(config, { written: [], removed });
  }

  /** Whether the zone holds what the change wrote, and none of what it removed. */
  async verify(change: DnsChange, signal?: AbortSignal): Promise<boolean> {
    const config = this.zone(change.zone);
    const record = this.decode(change);
    for (const written of record.written) {
      const found = await this.read(
        config.name,
        written.name,
        written.type,
        signal,
      );
      if (!found || !sameRecordSet(found, written)) return false;
    }
    for (const gone of record.removed) {
      if (await this.read(config.name, gone.name, gone.type, signal))
        return false;
    }
    return true;
  }

  private zone(name: string): AzureDnsZone {
    const wanted = normalizeZoneName(name);
    const zone = this.options.zones.find(z => z.name === wanted);
    if (!zone) {
      throw new InputError(
        `zone: ${name} is not configured in migration.dns.zones with provider: azure`,
      );
    }
    return zone;
  }

  private client(zone: AzureDnsZone) {
    let client = this.clients.get(zone.name);
    if (!client) {
      const access = this.options.accessFor(zone);
      client = new DnsManagementClient(
        access.credential,
        zone.subscriptionId,
        armClientOptions(access),
      );
      this.clients.set(zone.name, client);
    }
    return client;
  }

  /** The record set, or undefined when the zone has none of that name and type. */
  private async get(
    zone: AzureDnsZone,
    relative: string,
    type: DnsRecordSet['type'],
    signal?: AbortSignal,
  ): Promise<RecordSet | undefined> {
    try {
      return await this.client(zone).recordSets.get(
        zone.resourceGroup,
        zone.name,
        relative,
        type,
        { abortSignal: signal },
      );
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404)
        return undefined;
      throw toAzureCallError(
        error,
        this.context(zone, `read ${type} ${fqdnOf(zone.name, relative)}`),
      );
    }
  }

  private async call<T>(
    zone: AzureDnsZone,
    action: string,
    fn: () => Promise<T>,
  ) {
    try {
      return await fn();
    } catch (error) {
      throw toAzureCallError(error, this.context(zone, action));
    }
  }

  private context(zone: AzureDnsZone, action: string) {
    return {
      service: this.service,
      action,
      role: `the DNS Zone Contributor role on zone ${zone.name} (resource group ${zone.resourceGroup})`,
    };
  }

  private change(zone: AzureDnsZone, record: ChangeRecord): DnsChange {
    return {
      id: `${PREFIX}${Buffer.from(JSON.stringify(record)).toString(
        'base64url',
      )}`,
      zone: zone.name,
    };
  }

  private decode(change: DnsChange): ChangeRecord {
    if (!change.id.startsWith(PREFIX)) {
      throw new InputError(`change.id was not made by the Azure DNS cutover`);
    }
    return JSON.parse(
      Buffer.from(change.id.slice(PREFIX.length), 'base64url').toString('utf8'),
    );
  }
}
