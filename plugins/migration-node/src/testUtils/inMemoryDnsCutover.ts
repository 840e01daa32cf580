import { ConflictError, InputError } from '@backstage/errors';
import type {
  DnsChange,
  DnsCutover,
  DnsRecordSet,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * One call the in-memory DNS service received.
 *
 * @public
 */
export interface InMemoryDnsCall {
  method: 'read' | 'apply' | 'remove' | 'verify';
  zone: string;
  /** `name type ttl values` of the records the call was about. */
  records: string[];
  changeId?: string;
}

const key = (name: string, type: string) =>
  `${name.toLowerCase().replace(/\.$/, '')}|${type}`;

const describe = (r: DnsRecordSet) =>
  `${r.name.replace(/\.$/, '')} ${r.type} ${r.ttl} ${r.values.join(',')}`;

/**
 * A `DnsCutover` in memory, for tests: zones hold record sets, changes apply at once and are
 * in sync after `syncPolls` calls of `verify`, and every call is recorded in `calls`. Removing a
 * record whose values differ from the ones given throws, as Route 53 does.
 *
 * @public
 */
export class InMemoryDnsCutover implements DnsCutover {
  readonly service: string;
  readonly calls: InMemoryDnsCall[] = [];
  readonly zones = new Map<string, Map<string, DnsRecordSet>>();
  private readonly changes = new Map<string, { polls: number }>();
  private readonly syncPolls: number;
  private counter = 0;

  constructor(
    options: {
      /** Record sets per zone name, e.g. `{ 'example.com': [...] }`. */
      zones?: Record<string, DnsRecordSet[]>;
      service?: string;
      /** `verify` answers false this many times per change (default 1). */
      syncPolls?: number;
    } = {},
  ) {
    this.service = options.service ?? 'In-memory DNS';
    this.syncPolls = options.syncPolls ?? 1;
    for (const [zone, records] of Object.entries(options.zones ?? {})) {
      this.zones.set(
        zone,
        new Map(records.map(r => [key(r.name, r.type), { ...r }])),
      );
    }
  }

  /** The record set a zone holds now. */
  record(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
  ): DnsRecordSet | undefined {
    return this.zone(zone).get(key(name, type));
  }

  /** The calls that change something (`apply`, `remove`), as `method zone: records`. */
  changesMade(): string[] {
    return this.calls
      .filter(c => c.method === 'apply' || c.method === 'remove')
      .map(c => `${c.method} ${c.zone}: ${c.records.join('; ')}`);
  }

  async read(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
  ): Promise<DnsRecordSet | undefined> {
    this.calls.push({ method: 'read', zone, records: [`${name} ${type}`] });
    const found = this.zone(zone).get(key(name, type));
    return found ? { ...found, values: [...found.values] } : undefined;
  }

  async apply(zone: string, records: DnsRecordSet[]): Promise<DnsChange> {
    const held = this.zone(zone);
    for (const r of records) held.set(key(r.name, r.type), { ...r });
    return this.change('apply', zone, records);
  }

  async remove(zone: string, records: DnsRecordSet[]): Promise<DnsChange> {
    const held = this.zone(zone);
    for (const r of records) {
      const current = held.get(key(r.name, r.type));
      if (!current) continue;
      if ([...current.values].sort().join() !== [...r.values].sort().join()) {
        throw new ConflictError(
          `Not deleting ${r.name} ${r.type}: it holds ${current.values.join(
            ', ',
          )}`,
        );
      }
      held.delete(key(r.name, r.type));
    }
    return this.change('remove', zone, records);
  }

  async verify(change: DnsChange): Promise<boolean> {
    this.calls.push({
      method: 'verify',
      zone: change.zone,
      records: [],
      changeId: change.id,
    });
    const known = this.changes.get(change.id);
    if (!known) throw new ConflictError(`No change ${change.id}`);
    return known.polls++ >= this.syncPolls;
  }

  private change(
    method: 'apply' | 'remove',
    zone: string,
    records: DnsRecordSet[],
  ): DnsChange {
    const id = `change-${++this.counter}`;
    this.changes.set(id, { polls: 0 });
    this.calls.push({
      method,
      zone,
      records: records.map(describe),
      changeId: id,
    });
    return { id, zone };
  }

  private zone(zone: string): Map<string, DnsRecordSet> {
    const held = this.zones.get(zone);
    if (!held) throw new InputError(`${zone} is not a zone of ${this.service}`);
    return held;
  }
}
