import type { CapabilityTarget } from './capabilities';

/**
 * A network that already exists in the target environment (AWS VPC, Azure virtual network, GCP
 * VPC network) with every address range it holds.
 *
 * @public
 */
export interface TargetNetwork {
  /** The cloud's id: VPC id, virtual network resource id, network self link. */
  id: string;
  /** Its name (AWS: the `Name` tag, else the id). */
  name: string;
  /** Every range in CIDR notation: primary and secondary blocks, address prefixes, subnet ranges. */
  cidrs: string[];
}

/**
 * Lists the networks that exist in a migration target, for the landing-zone check of the test
 * phase (the generated networks must not overlap them).
 *
 * @public
 */
export interface TargetNetworks {
  /**
   * The networks in the target's region (AWS), subscription (Azure) or project (GCP), read with
   * the target environment's credentials.
   */
  listNetworks(
    target: CapabilityTarget,
    signal?: AbortSignal,
  ): Promise<TargetNetwork[]>;
}
