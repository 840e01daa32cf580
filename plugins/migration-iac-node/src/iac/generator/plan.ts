import { compareStrings } from '../hcl/document';
import type {
  IacInstance,
  IacModel,
  IacNetwork,
  IacSecurityGroup,
  IacSubnet,
  IacWave,
} from '../model';

/**
 * Which wave creates each shared network and security group. A wave folder creates what it owns
 * and looks up (with `data` sources) what an earlier wave created, so every wave's folder is a
 * complete Terraform root module and waves apply in order.
 *
 * @public
 */
export interface WaveOwnership {
  /** Network key → wave number that creates it (with its subnets). */
  networks: Map<string, number>;
  /** Security group key → wave number that creates it. */
  securityGroups: Map<string, number>;
}

/** Lookups over the model used by every provider writer. */
export interface ModelIndex {
  networks: Map<string, IacNetwork>;
  subnets: Map<string, { subnet: IacSubnet; network: IacNetwork }>;
  securityGroups: Map<string, IacSecurityGroup>;
  /** Every instance with its wave number. */
  instances: Array<{ instance: IacInstance; wave: number }>;
}

export function indexModel(model: IacModel): ModelIndex {
  const subnets = new Map<string, { subnet: IacSubnet; network: IacNetwork }>();
  for (const network of model.networks) {
    for (const subnet of network.subnets)
      subnets.set(subnet.key, { subnet, network });
  }
  return {
    networks: new Map(model.networks.map(n => [n.key, n])),
    subnets,
    securityGroups: new Map(model.securityGroups.map(g => [g.key, g])),
    instances: model.waves.flatMap(w =>
      w.instances.map(instance => ({ instance, wave: w.number })),
    ),
  };
}

/**
 * Assigns each network and security group to the first wave that uses it (unused ones to the
 * first wave), then moves groups referenced by another group's rules, and the networks of
 * groups, early enough that a wave never refers to something a later wave creates.
 */
export function planOwnership(
  model: IacModel,
  index: ModelIndex,
): WaveOwnership {
  const firstWave = Math.min(...model.waves.map(w => w.number));
  const networks = new Map<string, number>();
  const securityGroups = new Map<string, number>();
  const lower = (map: Map<string, number>, key: string, wave: number) => {
    const current = map.get(key);
    if (current === undefined || wave < current) {
      map.set(key, wave);
      return true;
    }
    return false;
  };
  for (const { instance, wave } of index.instances) {
    lower(networks, index.subnets.get(instance.subnetKey)!.network.key, wave);
    for (const key of instance.securityGroupKeys)
      lower(securityGroups, key, wave);
  }
  for (const n of model.networks) lower(networks, n.key, firstWave);
  for (const g of model.securityGroups) lower(securityGroups, g.key, firstWave);

  for (let changed = true; changed; ) {
    changed = false;
    for (const group of model.securityGroups) {
      const wave = securityGroups.get(group.key)!;
      for (const rule of group.ingress) {
        for (const source of rule.sourceGroupKeys ?? []) {
          changed = lower(securityGroups, source, wave) || changed;
        }
      }
      changed = lower(networks, group.networkKey, wave) || changed;
    }
  }
  return { networks, securityGroups };
}

/**
 * What one wave's folder needs: what it owns and what it only refers to.
 */
export interface WaveScope {
  wave: IacWave;
  ownedNetworks: IacNetwork[];
  ownedSecurityGroups: IacSecurityGroup[];
  /** Networks this wave refers to but an earlier wave creates. */
  foreignNetworks: IacNetwork[];
  /** Subnets of foreign networks this wave's machines sit in. */
  foreignSubnets: Array<{ subnet: IacSubnet; network: IacNetwork }>;
  /** Security groups this wave refers to but an earlier wave creates. */
  foreignSecurityGroups: IacSecurityGroup[];
  /** Earlier waves this wave depends on. */
  dependsOnWaves: number[];
}

const byKey = <T extends { key: string }>(a: T, b: T) =>
  compareStrings(a.key, b.key);

export function scopeWave(
  wave: IacWave,
  model: IacModel,
  index: ModelIndex,
  ownership: WaveOwnership,
): WaveScope {
  const ownedNetworks = model.networks
    .filter(n => ownership.networks.get(n.key) === wave.number)
    .sort(byKey);
  const ownedSecurityGroups = model.securityGroups
    .filter(g => ownership.securityGroups.get(g.key) === wave.number)
    .sort(byKey);

  const foreignNetworks = new Map<string, IacNetwork>();
  const foreignSubnets = new Map<
    string,
    { subnet: IacSubnet; network: IacNetwork }
  >();
  const foreignGroups = new Map<string, IacSecurityGroup>();
  const dependsOn = new Set<number>();
  const useNetwork = (network: IacNetwork) => {
    const owner = ownership.networks.get(network.key)!;
    if (owner !== wave.number) {
      foreignNetworks.set(network.key, network);
      dependsOn.add(owner);
    }
  };
  const useGroup = (key: string) => {
    const owner = ownership.securityGroups.get(key)!;
    if (owner !== wave.number) {
      foreignGroups.set(key, index.securityGroups.get(key)!);
      dependsOn.add(owner);
      useNetwork(
        index.networks.get(index.securityGroups.get(key)!.networkKey)!,
      );
    }
  };

  for (const instance of wave.instances) {
    const located = index.subnets.get(instance.subnetKey)!;
    useNetwork(located.network);
    if (ownership.networks.get(located.network.key) !== wave.number) {
      foreignSubnets.set(located.subnet.key, located);
    }
    instance.securityGroupKeys.forEach(useGroup);
  }
  for (const group of ownedSecurityGroups) {
    useNetwork(index.networks.get(group.networkKey)!);
    for (const rule of group.ingress)
      (rule.sourceGroupKeys ?? []).forEach(useGroup);
  }

  return {
    wave,
    ownedNetworks,
    ownedSecurityGroups,
    foreignNetworks: [...foreignNetworks.values()].sort(byKey),
    foreignSubnets: [...foreignSubnets.values()].sort((a, b) =>
      byKey(a.subnet, b.subnet),
    ),
    foreignSecurityGroups: [...foreignGroups.values()].sort(byKey),
    dependsOnWaves: [...dependsOn].sort((a, b) => a - b),
  };
}
