import type { DependencyEdge } from './formats/azureMigrate';

/**
 * The edges of dependency exports, kept compactly: every server key (lower-case name, or
 * `ip:<address>` for unnamed ends) becomes a number, and each source holds the numbers of its
 * destinations. Addresses seen next to a name resolve unnamed ends.
 */
export class DependencyIndex {
  private readonly ids = new Map<string, number>();
  // Parallel arrays, grown in step so they stay dense (sparse arrays fall back to slow
  // dictionaries).
  private readonly keys: string[] = [];
  private readonly targets: (number[] | undefined)[] = [];
  private readonly destination: boolean[] = [];
  /** The address a named server was seen with, by id. */
  private readonly addressOf: (string | undefined)[] = [];
  private ipToName?: Map<string, string>;

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.targets.push(undefined);
      this.destination.push(false);
      this.addressOf.push(undefined);
      this.ids.set(key, id);
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
    const list = this.targets[source];
    if (!list) this.targets[source] = [target];
    else if (!list.includes(target)) list.push(target);
  }

  private resolve(id: number): string | undefined {
    const key = this.keys[id];
    if (!key.startsWith('ip:')) return key;
    if (!this.ipToName) {
      this.ipToName = new Map();
      for (let i = 0; i < this.keys.length; i++) {
        const address = this.addressOf[i];
        if (address && !this.ipToName.has(address)) {
          this.ipToName.set(address, this.keys[i]);
        }
      }
    }
    return this.ipToName.get(key.slice(3));
  }

  /**
   * The server names a server depends on, found by its name and its addresses; `outside` counts
   * edges to addresses no named server has.
   */
  dependenciesOf(
    name: string,
    ips: readonly string[],
  ): { names: string[]; outside: number } {
    const result = { names: [] as string[], outside: 0 };
    this.collect(this.ids.get(name), name, result);
    for (const ip of ips) this.collect(this.ids.get(`ip:${ip}`), name, result);
    return result;
  }

  private collect(
    id: number | undefined,
    self: string,
    into: { names: string[]; outside: number },
  ) {
    const list = id === undefined ? undefined : this.targets[id];
    if (!list) return;
    for (const target of list) {
      const resolved = this.resolve(target);
      if (!resolved) into.outside++;
      else if (resolved !== self && !into.names.includes(resolved)) {
        into.names.push(resolved);
      }
    }
  }

  /** Named destinations for which `known` says no server was read. */
  unknownDestinations(known: (name: string) => boolean): string[] {
    const unknown = new Set<string>();
    for (let id = 0; id < this.keys.length; id++) {
      if (!this.destination[id]) continue;
      const name = this.resolve(id);
      if (name && !known(name)) unknown.add(name);
    }
    return [...unknown];
  }
}
