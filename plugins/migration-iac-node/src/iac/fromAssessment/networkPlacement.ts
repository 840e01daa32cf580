import type {
  AssessmentResource,
  DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import type { IacNetwork, IacSubnet } from '../model';
import { isCidr } from '../validateModel';
import type { AdapterContext } from './adapterContext';

/** The networks machines are placed in, and which network each subnet belongs to. */
export interface NetworkPlacement {
  networks: Map<string, IacNetwork>;
  /** Subnet key → network key. */
  subnetNetwork: Map<string, string>;
  /** Places the machine's subnet (and its network) and returns the subnet key. */
  subnetOf(machine: AssessmentResource): string;
}

function firstIpv4(resource?: DiscoveredResource): string | undefined {
  return resource?.specs.ipAddresses?.find(ip =>
    /^\d{1,3}(\.\d{1,3}){3}$/.test(ip),
  );
}

function prefix(ip: string, bits: 16 | 24): string {
  const parts = ip.split('.').map(Number);
  return bits === 16
    ? `${parts[0]}.${parts[1]}.0.0/16`
    : `${parts[0]}.${parts[1]}.${parts[2]}.0/24`;
}

/**
 * Networks and subnets: the discovered ones where the machine names them, else a subnet per /24
 * of its address in a network per /16 (10.254.0.0/24 without an address, with a warning).
 */
export function networkPlacement(ctx: AdapterContext): NetworkPlacement {
  const networks = new Map<string, IacNetwork>();
  const subnetNetwork = new Map<string, string>();
  const place = (subnet: IacSubnet, network: Omit<IacNetwork, 'subnets'>) => {
    const existing = networks.get(network.key) ?? { ...network, subnets: [] };
    networks.set(network.key, existing);
    if (!existing.subnets.some(s => s.key === subnet.key))
      existing.subnets.push(subnet);
    subnetNetwork.set(subnet.key, network.key);
    return subnet.key;
  };
  const subnetOf = (machine: AssessmentResource): string => {
    const source = ctx.find(machine.id);
    const discovered = discoveredSubnet(ctx, source);
    if (discovered) return place(discovered.subnet, discovered.network);
    const ip = firstIpv4(source);
    if (!ip) {
      ctx.warnings.push(
        `${machine.name} has no IPv4 address or subnet; it is placed in 10.254.0.0/24`,
      );
    }
    const derivedSubnet = ip ? prefix(ip, 24) : '10.254.0.0/24';
    const derivedNetwork = ip ? prefix(ip, 16) : '10.254.0.0/16';
    return place(
      {
        key: `subnet-${derivedSubnet}`,
        name: `subnet-${derivedSubnet.replace('/', '-')}`,
        cidrBlock: derivedSubnet,
      },
      {
        key: `net-${derivedNetwork}`,
        name: `${
          ctx.assessment.sourceEnvironmentId ?? 'migrated'
        }-${derivedNetwork.replace('/', '-')}`,
        cidrBlock: derivedNetwork,
      },
    );
  };
  return { networks, subnetNetwork, subnetOf };
}

/**
 * The machine's discovered subnet with a CIDR block, in its discovered network, or in a
 * network of the subnet's own block when the network is unknown.
 */
function discoveredSubnet(
  { depsOfKind, sameCloud }: AdapterContext,
  source: DiscoveredResource | undefined,
): { subnet: IacSubnet; network: Omit<IacNetwork, 'subnets'> } | undefined {
  const subnet = depsOfKind(source, 'subnet')[0];
  const subnetCidr = subnet?.specs.cidrBlocks?.find(isCidr);
  if (!subnet || !subnetCidr) return undefined;
  const network = depsOfKind(subnet, 'network')[0];
  const networkCidr = network?.specs.cidrBlocks?.find(isCidr);
  return {
    subnet: {
      key: subnet.externalId,
      name: subnet.name,
      cidrBlock: subnetCidr,
      ...(subnet.zone ? { zone: subnet.zone } : {}),
      ...(sameCloud ? { sourceId: subnet.externalId } : {}),
    },
    network:
      network && networkCidr
        ? {
            key: network.externalId,
            name: network.name,
            cidrBlock: networkCidr,
            ...(sameCloud ? { sourceId: network.externalId } : {}),
          }
        : {
            key: `net-${subnetCidr}`,
            name: `net-${subnetCidr}`,
            cidrBlock: subnetCidr,
          },
  };
}
