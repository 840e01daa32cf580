import type { DependencyEdge } from './formats/azureMigrate';
import { shortHostName } from './hostNames';

const NO_ID = -1;

/**
 * The edges of dependency exports, kept compactly: every server key (lower-case name, or
 * `ip:<address>` for unnamed ends) becomes a number, and each source holds the numbers of its
 * destinations. Addresses seen next to a name resolve unnamed ends.
 *
 * @remarks
 * Lookups go by number wherever they can: with a large estate every string compared or hashed
 * is a likely cache miss, and these lookups run once per edge and once per server.
 */
export class DependencyIndex {
  private readonly ids = new Map<string, number>();
  // Parallel arrays, grown in step so they stay dense (sparse arrays fall back to slow
  // dictionaries).
  private readonly keys: string[] = [];
  private readonly targets: (number[] | undefined)[] = [];
  private readonly destination: boolean[] = [];
  /** The destination ports seen for each destination, by id. */
  private readonly ports: (number[] | undefined)[] = [];
  /** Whether the key is an address (`ip:...`), without reading the key. */
  private readonly address: boolean[] = [];
  /** The address a named server was seen with, by id. */
  private readonly addressOf: (string | undefined)[] = [];
  /** How many ports were recorded: without any, no server has ports to look up. */
  private portCount = 0;
  /** How many keys are addresses: without any, servers are looked up by name only. */
  private addresses = 0;
  /** The id of the named server each address belongs to. */
  private ipToName?: Map<string, number>;
  /** Ids of suffixed names by their name without DNS suffix, built on first use. */
  private byShortName?: Map<string, number[]>;
  /** Per id, the last {@link dependenciesOf} call that listed it (to leave out repeats). */
  private listed = new Int32Array(0);
  private call = 0;

  /** The id of a server key; a key not seen before gets the next id. */
  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      const isAddress = key.startsWith('ip:');
      this.keys.push(key);
      this.targets.push(undefined);
      this.destination.push(false);
      this.ports.push(undefined);
      this.address.push(isAddress);
      this.addressOf.push(undefined);
      this.ids.set(key, id);
      if (isAddress) this.addresses++;
    }
    return id;
  }

  add(edge: DependencyEdge): void {
    const source = this.idOf(edge.source);
    const target = this.idOf(edge.destination);
    if (edge.sourceName && edge.sourceIp)
      this.addressOf[source] ??= edge.sourceIp;
    if (edge.destinationName && edge.destinationIp) {
      this.addressOf[target] ??= edge.destinationIp;
    }
    this.destination[target] = true;
    if (edge.port !== undefined) {
      const ports = (this.ports[target] ??= []);
      if (!ports.includes(edge.port)) {
        ports.push(edge.port);
        this.portCount++;
      }
    }
    const list = this.targets[source];
    if (!list) this.targets[source] = [target];
    else if (!list.includes(target)) list.push(target);
  }

  /** The id of the named server `id` stands for: itself, or the owner of its address. */
  private resolve(id: number): number {
    if (!this.address[id]) return id;
    if (!this.ipToName) {
      this.ipToName = new Map();
      for (let i = 0; i < this.keys.length; i++) {
        const address = this.addressOf[i];
        if (address && !this.ipToName.has(address)) {
          this.ipToName.set(address, i);
        }
      }
    }
    return this.ipToName.get(this.keys[id].slice(3)) ?? NO_ID;
  }

  /**
   * Ids of the other names the export may use for server `key`: without its DNS suffix
   * (`web01.contoso.com` → `web01`), or with one (`web01` → every `web01.*` the export names).
   */
  aliasIds(key: string): number[] {
    const short = shortHostName(key);
    if (short !== undefined) {
      const id = this.ids.get(short);
      return id === undefined ? [] : [id];
    }
    if (!this.byShortName) {
      this.byShortName = new Map();
      for (let i = 0; i < this.keys.length; i++) {
        const name = this.address[i] ? undefined : shortHostName(this.keys[i]);
        if (name) {
          const list = this.byShortName.get(name);
          if (list) list.push(i);
          else this.byShortName.set(name, [i]);
        }
      }
    }
    return this.byShortName.get(key) ?? [];
  }

  /**
   * What the server `self` (an {@link idOf} id, with `aliases` from {@link aliasIds}) depends
   * on, found by its names and its addresses: the destinations' names as the export writes
   * them, and the addresses of destinations no named server of the export has.
   */
  dependenciesOf(
    self: number,
    ips: readonly string[],
    aliases: readonly number[] = [],
  ): { names: string[]; addresses: string[] } {
    if (this.addresses === 0 && aliases.length === 0)
      return { names: this.namesOf(self), addresses: [] };
    const result = { names: [] as string[], addresses: [] as string[] };
    if (this.listed.length < this.keys.length || this.call === 0x7fffffff) {
      // Grown ahead: servers read after the dependency files add ids one at a time.
      this.listed = new Int32Array(2 * this.keys.length);
      this.call = 0;
    }
    const call = ++this.call;
    // The server itself under another name is no dependency.
    for (const alias of aliases) this.listed[alias] = call;
    this.collect(self, self, call, result);
    for (const alias of aliases) this.collect(alias, self, call, result);
    if (this.addresses > 0) {
      for (const ip of ips) {
        this.collect(this.ids.get(`ip:${ip}`) ?? NO_ID, self, call, result);
      }
    }
    return result;
  }

  /**
   * The destinations of `id` when no edge has an unnamed end: each is a named server and is
   * listed once, so there is nothing to resolve or to leave out but `id` itself.
   */
  private namesOf(id: number): string[] {
    const names: string[] = [];
    for (const target of this.targets[id] ?? []) {
      if (target !== id) names.push(this.keys[target]);
    }
    return names;
  }

  private collect(
    id: number,
    self: number,
    call: number,
    into: { names: string[]; addresses: string[] },
  ) {
    const list = id === NO_ID ? undefined : this.targets[id];
    if (!list) return;
    for (const target of list) {
      const resolved = this.resolve(target);
      if (resolved === NO_ID) {
        if (this.listed[target] !== call) {
          this.listed[target] = call;
          into.addresses.push(this.keys[target].slice(3));
        }
      } else if (resolved !== self && this.listed[resolved] !== call) {
        this.listed[resolved] = call;
        into.names.push(this.keys[resolved]);
      }
    }
  }

  /**
   * The ports dependents reach the server on (`Destination port` of the rows naming it by any
   * of its names or addresses), in ascending order.
   */
  portsOf(
    self: number,
    ips: readonly string[],
    aliases: readonly number[] = [],
  ): number[] {
    if (this.portCount === 0) return [];
    const ports = new Set<number>(this.ports[self]);
    for (const id of aliases)
      for (const p of this.ports[id] ?? []) ports.add(p);
    if (this.addresses > 0) {
      for (const ip of ips) {
        const id = this.ids.get(`ip:${ip}`);
        for (const p of id === undefined ? [] : this.ports[id] ?? [])
          ports.add(p);
      }
    }
    return ports.size === 0 ? [] : [...ports].sort((a, b) => a - b);
  }

  /** Named destinations for which `known` says no server was read (by id and name). */
  unknownDestinations(known: (id: number, name: string) => boolean): string[] {
    const unknown = new Set<string>();
    for (let id = 0; id < this.keys.length; id++) {
      if (!this.destination[id]) continue;
      const resolved = this.resolve(id);
      if (resolved === NO_ID) continue;
      if (!known(resolved, this.keys[resolved]))
        unknown.add(this.keys[resolved]);
    }
    return [...unknown];
  }
}
