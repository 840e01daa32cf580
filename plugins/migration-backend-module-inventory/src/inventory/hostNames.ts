import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A host name without its DNS suffix (`web01.contoso.com` → `web01`); undefined for addresses
 * and names that have none.
 */
export function shortHostName(name: string): string | undefined {
  if (name.startsWith('ip:') || IPV4.test(name) || name.includes(':'))
    return undefined;
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : undefined;
}

/** Whether two names are written differently: one with a DNS suffix, the other without. */
export function differentNaming(a: string, b: string): boolean {
  return (shortHostName(a) === undefined) !== (shortHostName(b) === undefined);
}

/**
 * The servers read so far, found by their key (lower-case name), the name without DNS suffix and
 * their addresses. An import filled with FQDNs (as Microsoft recommends) and a dependency export
 * with short names and IPs then name the same servers. A short name or address that two servers
 * share proves nothing and finds neither.
 */
export class HostDirectory {
  private readonly hosts = new Map<string, string | null>();

  private set(alias: string, key: string) {
    const known = this.hosts.get(alias);
    if (known === undefined) this.hosts.set(alias, key);
    else if (known !== key) this.hosts.set(alias, null);
  }

  add(key: string, resource: DiscoveredResource) {
    // The exact key always wins over another server's alias.
    this.hosts.set(key, key);
    const short = shortHostName(key);
    if (short && this.hosts.get(short) !== short) this.set(short, key);
    for (const ip of resource.specs.ipAddresses ?? [])
      this.set(`ip:${ip}`, key);
  }

  /** The key of the server a dependency export names (`db01`, `db01.contoso.com`, `ip:…`). */
  find(name: string): string | undefined {
    const exact = this.hosts.get(name);
    if (exact) return exact;
    if (exact === null) return undefined;
    const short = shortHostName(name);
    return (short && this.hosts.get(short)) || undefined;
  }
}
