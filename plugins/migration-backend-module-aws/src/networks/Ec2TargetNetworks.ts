import {
  paginateDescribeSubnets,
  paginateDescribeVpcs,
  type EC2Client,
  type Vpc,
} from '@aws-sdk/client-ec2';
import type {
  CapabilityTarget,
  TargetNetwork,
  TargetNetworks,
} from '@sirsi-nexus/plugin-migration-node';

/** CIDR association states that still hold the range (a disassociated block is free again). */
const HELD = new Set(['associating', 'associated']);

function vpcRanges(vpc: Vpc): string[] {
  const ranges = [
    vpc.CidrBlock,
    ...(vpc.CidrBlockAssociationSet ?? [])
      .filter(a => HELD.has(a.CidrBlockState?.State ?? 'associated'))
      .map(a => a.CidrBlock),
    ...(vpc.Ipv6CidrBlockAssociationSet ?? [])
      .filter(a => HELD.has(a.Ipv6CidrBlockState?.State ?? 'associated'))
      .map(a => a.Ipv6CidrBlock),
  ];
  return ranges.filter((r): r is string => !!r);
}

/**
 * The VPCs of an AWS target region: `DescribeVpcs` (primary and secondary CIDR associations,
 * IPv6 blocks) and `DescribeSubnets` (their ranges, added to their VPC), all pages, with the
 * target environment's credentials.
 *
 * @public
 */
export class Ec2TargetNetworks implements TargetNetworks {
  constructor(private readonly ec2: (target: CapabilityTarget) => EC2Client) {}

  async listNetworks(
    target: CapabilityTarget,
    signal?: AbortSignal,
  ): Promise<TargetNetwork[]> {
    const client = this.ec2(target);
    const networks = new Map<string, TargetNetwork>();
    for await (const page of paginateDescribeVpcs(
      { client },
      {},
      { abortSignal: signal },
    )) {
      for (const vpc of page.Vpcs ?? []) {
        if (!vpc.VpcId) continue;
        const name = vpc.Tags?.find(t => t.Key === 'Name')?.Value;
        networks.set(vpc.VpcId, {
          id: vpc.VpcId,
          name: name || vpc.VpcId,
          cidrs: vpcRanges(vpc),
        });
      }
    }
    for await (const page of paginateDescribeSubnets(
      { client },
      {},
      { abortSignal: signal },
    )) {
      for (const subnet of page.Subnets ?? []) {
        const network = subnet.VpcId ? networks.get(subnet.VpcId) : undefined;
        if (network && subnet.CidrBlock) network.cidrs.push(subnet.CidrBlock);
      }
    }
    return [...networks.values()].map(n => ({
      ...n,
      cidrs: [...new Set(n.cidrs)],
    }));
  }
}
