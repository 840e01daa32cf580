import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * A host name without its DNS suffix (`web01.contoso.com` → `web01`); undefined for addresses
 * and names that have none.
 */
export function shortHostName(name: string): string | undefined {
  // Most names have no dot: answer those before the address checks (once per server and edge).
  const dot = name.indexOf('.');
  if (dot <= 0) return undefined;
  if (name.startsWith('ip:') || name.includes(':') || IPV4.test(name))
    return undefined;
  return name.slice(0, dot);
}

/**
 * The servers read so far, found by their key (lower-case name), the name without DNS suffix and
 * their addresses. An import filled with FQDNs (as Microsoft recommends) and a dependency export
 * with short names and IPs then name the same servers. A short name or address that two servers
 * share proves nothing and finds neither.
 */
export class HostDirectory {
  private readonly hosts = new Map<string, string | null>();
  /**
   * Servers added since the last lookup: most estates never need a lookup (the export names
   * servers as the server files do), so the aliases are only built when one is asked for.
   */
  private readonly pending: { key: string; ips: readonly string[] }[] = [];

  private set(alias: string, key: string) {
    const known = this.hosts.get(alias);
    if (known === undefined) this.hosts.set(alias, key);
    else if (known !== key) this.hosts.set(alias, null);
  }

  add(key: string, resource: DiscoveredResource) {
    this.pending.push({ key, ips: resource.specs.ipAddresses ?? [] });
  }

  private build() {
    for (const { key } of this.pending) {
      // The exact key always wins over another server's alias.
      this.hosts.set(key, key);
    }
    for (const { key, ips } of this.pending) {
      const short = shortHostName(key);
      if (short && this.hosts.get(short) !== short) this.set(short, key);
      for (const ip of ips) this.set(`ip:${ip}`, key);
    }
    this.pending.length = 0;
  }

  /** The key of the server a dependency export names (`db01`, `db01.contoso.com`, `ip:…`). */
  find(name: string): string | undefined {
    if (this.pending.length > 0) this.build();
    const exact = this.hosts.get(name);
    if (exact) return exact;
    if (exact === null) return undefined;
    const short = shortHostName(name);
    return (short && this.hosts.get(short)) || undefined;
  }
}
