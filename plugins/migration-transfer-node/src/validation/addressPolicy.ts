import { BlockList, isIP } from 'node:net';
import { promises as dns } from 'node:dns';
import { InputError, NotAllowedError } from '@backstage/errors';

/**
 * Addresses that are never probed or fetched from, whatever the configuration says: link-local
 * (which holds the cloud metadata services at 169.254.169.254), the unspecified addresses and the
 * well-known metadata endpoints outside link-local.
 *
 * @public
 */
export const ALWAYS_REFUSED_RANGES = [
  '169.254.0.0/16',
  '0.0.0.0/8',
  '100.100.100.200/32',
  '168.63.129.16/32',
  'fe80::/10',
  'fd00:ec2::254/128',
  '::/128',
];

/**
 * Decides which network addresses the migration may connect to.
 *
 * @public
 */
export interface AddressPolicy {
  /** Whether the literal IP address may be contacted. */
  isAllowed(address: string): boolean;
  /**
   * Resolves a host name (or checks a literal address) and returns the address to connect to.
   * Every address the name resolves to must be allowed, so a name cannot smuggle in a refused one;
   * callers connect to the returned address, not to the name, so a second lookup cannot differ.
   * Throws `NotAllowedError` naming the host when it is refused.
   */
  resolve(host: string): Promise<{ address: string; family: 4 | 6 }>;
  /** The ranges and addresses allowed, for messages and reports. */
  describe(): string[];
}

/**
 * Options of {@link createAddressPolicy}.
 *
 * @public
 */
export interface AddressPolicyOptions {
  /** CIDR ranges or single addresses that may be contacted (`migration.validation.allowedRanges`). */
  allowedRanges?: string[];
  /** Addresses or host names that belong to the migration's targets. Names are resolved once. */
  targets?: string[];
  /** Resolver, replaceable in tests. */
  lookup?: (
    host: string,
  ) => Promise<Array<{ address: string; family: number }>>;
}

function normalise(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

function addRange(list: BlockList, range: string, field: string) {
  const [base, prefixText] = range.trim().split('/');
  const type = isIP(normalise(base));
  if (type === 0) {
    throw new InputError(
      `${field}: '${range}' is not an IP address or CIDR range`,
    );
  }
  const family = type === 4 ? 'ipv4' : 'ipv6';
  if (prefixText === undefined) {
    list.addAddress(normalise(base), family);
    return;
  }
  const prefix = Number(prefixText);
  if (
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > (type === 4 ? 32 : 128)
  ) {
    throw new InputError(`${field}: '${range}' has an invalid prefix length`);
  }
  list.addSubnet(normalise(base), prefix, family);
}

function familyOf(address: string): 'ipv4' | 'ipv6' | undefined {
  const type = isIP(address);
  if (type === 4) return 'ipv4';
  if (type === 6) return 'ipv6';
  return undefined;
}

const defaultLookup = async (host: string) =>
  dns.lookup(host, { all: true, verbatim: true });

/**
 * Creates the policy for outgoing probes and downloads: only the migration's target addresses and
 * the configured ranges are allowed; link-local/metadata addresses are refused even when a
 * configured range covers them.
 *
 * @public
 */
export async function createAddressPolicy(
  options: AddressPolicyOptions,
): Promise<AddressPolicy> {
  const lookup = options.lookup ?? defaultLookup;
  const refused = new BlockList();
  for (const range of ALWAYS_REFUSED_RANGES) {
    addRange(refused, range, 'refused ranges');
  }
  const allowed = new BlockList();
  const described: string[] = [];
  for (const range of options.allowedRanges ?? []) {
    addRange(allowed, range, 'migration.validation.allowedRanges');
    described.push(range.trim());
  }
  for (const target of options.targets ?? []) {
    const host = target.trim();
    if (!host) continue;
    if (isIP(normalise(host))) {
      addRange(allowed, host, 'targets');
      described.push(normalise(host));
      continue;
    }
    // A target named by host name contributes the addresses it resolves to now.
    try {
      for (const entry of await lookup(host)) {
        const address = normalise(entry.address);
        allowed.addAddress(address, familyOf(address)!);
        described.push(`${address} (${host})`);
      }
    } catch {
      // An unresolvable target adds nothing; probing it fails later with a clear message.
    }
  }

  const isAllowed = (raw: string): boolean => {
    const address = normalise(raw);
    const family = familyOf(address);
    if (!family) return false;
    if (refused.check(address, family)) return false;
    return allowed.check(address, family);
  };

  return {
    isAllowed,
    describe: () => [...described],
    async resolve(host: string) {
      const bare = host.replace(/^\[(.*)\]$/, '$1');
      const literal = normalise(bare);
      let addresses: string[];
      if (isIP(literal)) {
        addresses = [literal];
      } else {
        try {
          addresses = (await lookup(bare)).map(e => normalise(e.address));
        } catch (error) {
          throw new NotAllowedError(
            `Cannot resolve host '${host}': ${(error as Error).message}`,
          );
        }
        if (addresses.length === 0) {
          throw new NotAllowedError(`Host '${host}' resolves to no address`);
        }
      }
      const bad = addresses.find(a => !isAllowed(a));
      if (bad !== undefined) {
        const why = refused.check(bad, familyOf(bad)!)
          ? 'a link-local or metadata address, which is never contacted'
          : "outside the migration's targets and migration.validation.allowedRanges";
        throw new NotAllowedError(
          `Refusing to contact '${host}': ${bad} is ${why}`,
        );
      }
      return {
        address: addresses[0],
        family: isIP(addresses[0]) === 6 ? 6 : 4,
      };
    },
  };
}
