/**
 * One DNS record set as a zone holds it.
 *
 * @public
 */
export interface DnsRecordSet {
  /** Fully qualified name, e.g. `shop.example.com.` (trailing dot optional). */
  name: string;
  /** `A`, `AAAA` or `CNAME`. */
  type: 'A' | 'AAAA' | 'CNAME';
  ttl: number;
  values: string[];
}

/**
 * A change the DNS service accepted; `verify` tells when every name server has it.
 *
 * @public
 */
export interface DnsChange {
  id: string;
  /** The zone the change was made in. */
  zone: string;
}

/**
 * A cloud's DNS service (Route 53, Azure DNS, Cloud DNS) carrying out the cutover: the previous
 * records are read and stored by the caller before any change, so `revert` can restore them.
 *
 * @public
 */
export interface DnsCutover {
  /** The service's name for messages, e.g. `Amazon Route 53`. */
  readonly service: string;
  /** The current record set of a name, or undefined when the zone has none. */
  read(
    zone: string,
    name: string,
    type: DnsRecordSet['type'],
    signal?: AbortSignal,
  ): Promise<DnsRecordSet | undefined>;
  /** Replaces (upserts) record sets: lowering the TTL ahead of the window, switching, restoring. */
  apply(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange>;
  /** Removes record sets the cutover created that did not exist before. */
  remove(
    zone: string,
    records: DnsRecordSet[],
    signal?: AbortSignal,
  ): Promise<DnsChange>;
  /** Whether a change has reached every name server of the zone (Route 53 `INSYNC`). */
  verify(change: DnsChange, signal?: AbortSignal): Promise<boolean>;
}
