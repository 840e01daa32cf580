/**
 * An IPv4 range in CIDR notation as the first and last address (unsigned 32-bit numbers).
 *
 * @public
 */
export interface Ipv4Range {
  /** The range as written, e.g. `10.0.0.0/16`. */
  cidr: string;
  first: number;
  last: number;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Parses an IPv4 CIDR block (`10.20.0.0/16`); host bits that are set are ignored, as clouds do
 * (`10.0.1.5/16` is `10.0.0.0/16`). Undefined for IPv6 and anything that is not IPv4 CIDR.
 *
 * @public
 */
export function parseIpv4Cidr(text: string): Ipv4Range | undefined {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match[1].split('.');
  const prefix = Number(match[2]);
  if (octets.length !== 4 || !octets.every(o => OCTET.test(o))) {
    return undefined;
  }
  if (prefix > 32) return undefined;
  const address = octets.reduce((n, o) => n * 256 + Number(o), 0);
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  return { cidr: text.trim(), first, last: first + size - 1, prefix };
}

/**
 * Whether two IPv4 ranges share at least one address (one containing the other counts).
 *
 * @public
 */
export function ipv4RangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
