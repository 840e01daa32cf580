/*
 * Port rules: which inbound rules open administration, database or clear-text ports to the
 * internet. They work on plain data so the same rules judge the plan and the generated code.
 */

/**
 * Remote administration ports: SSH, Telnet, RDP, WinRM (HTTP and HTTPS).
 *
 * @public
 */
export const ADMIN_PORTS: Readonly<Record<number, string>> = {
  22: 'SSH',
  23: 'Telnet',
  3389: 'RDP',
  5985: 'WinRM',
  5986: 'WinRM over HTTPS',
};

/**
 * Database listener ports.
 *
 * @public
 */
export const DATABASE_PORTS: Readonly<Record<number, string>> = {
  1433: 'SQL Server',
  1521: 'Oracle',
  3306: 'MySQL/MariaDB',
  5432: 'PostgreSQL',
  5984: 'CouchDB',
  6379: 'Redis',
  9042: 'Cassandra',
  9200: 'Elasticsearch',
  27017: 'MongoDB',
  50000: 'Db2',
};

/**
 * Ports of clear-text protocols that should be redirected to TLS.
 *
 * @public
 */
export const CLEARTEXT_PORTS: Readonly<Record<number, string>> = {
  21: 'FTP',
  23: 'Telnet',
  80: 'HTTP',
};

const INTERNET_SOURCES = new Set([
  '0.0.0.0/0',
  '::/0',
  '0.0.0.0',
  '*',
  'any',
  'internet',
]);

/**
 * Whether a source (CIDR, address, or a provider's service tag such as Azure's `Internet`) — or any
 * of a list of sources — means "anyone on the internet".
 *
 * @public
 */
export function isOpenToInternet(
  sources: string | readonly string[] | undefined,
): boolean {
  if (sources === undefined) return false;
  const list = typeof sources === 'string' ? [sources] : sources;
  return list.some(s => {
    const v = s.trim().toLowerCase();
    return INTERNET_SOURCES.has(v) || /^(0\.0\.0\.0|::)\/0$/.test(v);
  });
}

/**
 * An inbound rule as the rules see it: the shape of `SecurityRule` in migration-common, and of a
 * security group rule in generated IaC.
 *
 * @public
 */
export interface InboundRule {
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  sources?: readonly string[];
}

/**
 * Which of `ports` an inbound rule admits. `all` protocols or a rule without ports admits every
 * port; ICMP admits none.
 *
 * @public
 */
export function admittedPorts(
  rule: InboundRule,
  ports: readonly number[],
): number[] {
  const protocol = (rule.protocol ?? 'all').toLowerCase();
  if (protocol === 'icmp' || protocol === 'icmpv6') return [];
  const anyPort =
    protocol === 'all' ||
    protocol === '-1' ||
    protocol === '*' ||
    (rule.fromPort === undefined && rule.toPort === undefined);
  if (anyPort) return [...ports];
  const from = rule.fromPort ?? rule.toPort!;
  const to = rule.toPort ?? rule.fromPort!;
  return ports.filter(p => p >= from && p <= to);
}

/**
 * Ports out of `ports` that a set of inbound rules opens to the internet.
 *
 * @public
 */
export function internetExposedPorts(
  rules: readonly InboundRule[] | undefined,
  ports: readonly number[],
): number[] {
  let found: Set<number> | undefined;
  for (const rule of rules ?? []) {
    if (!isOpenToInternet(rule.sources)) continue;
    found ??= new Set<number>();
    for (const p of admittedPorts(rule, ports)) found.add(p);
  }
  return found ? [...found].sort((a, b) => a - b) : [];
}

const ADMIN_PORT_LIST = Object.keys(ADMIN_PORTS).map(Number);
const DATABASE_PORT_LIST = Object.keys(DATABASE_PORTS).map(Number);
const CLEARTEXT_PORT_LIST = Object.keys(CLEARTEXT_PORTS).map(Number);

/** Admin ports ({@link ADMIN_PORTS}) open to the internet. @public */
export function internetExposedAdminPorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, ADMIN_PORT_LIST);
}

/** Database ports ({@link DATABASE_PORTS}) open to the internet. @public */
export function internetExposedDatabasePorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, DATABASE_PORT_LIST);
}

/** Clear-text protocol ports ({@link CLEARTEXT_PORTS}) open to the internet. @public */
export function internetExposedCleartextPorts(
  rules: readonly InboundRule[] | undefined,
) {
  return internetExposedPorts(rules, CLEARTEXT_PORT_LIST);
}

/** Names ports for messages, e.g. `22 (SSH), 3389 (RDP)`. @public */
export function describePorts(ports: readonly number[]): string {
  const names: Record<number, string> = {
    ...CLEARTEXT_PORTS,
    ...DATABASE_PORTS,
    ...ADMIN_PORTS,
  };
  return ports
    .map(p => (names[p] ? `${p} (${names[p]})` : String(p)))
    .join(', ');
}
