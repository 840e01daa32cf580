import { hcl, type HclBlock } from '../../hcl/document';
import type { IacNetwork, IacSubnet } from '../../model';
import { defaultZone, requiredTags } from '../context';
import type { WaveWriting } from '../waveWriter';
import { awsLookupTags, awsTags } from './awsTags';
import { variable } from '../../hcl/variable';

const { attr, block, blank, expr, str, bool, stringMap } = hcl;

/** `providers.tf`: the region and the required tags as `default_tags`. */
export function awsProviders(w: WaveWriting): HclBlock[] {
  return [
    block(
      'provider',
      ['aws'],
      [
        attr('region', expr('var.region')),
        blank(),
        block(
          'default_tags',
          [],
          [attr('tags', stringMap(requiredTags(w.model, w.wave)))],
        ),
      ],
    ),
  ];
}

/** `variables.tf`: region, default zone and key pair. */
export function awsVariables(w: WaveWriting): HclBlock[] {
  return [
    variable(
      'region',
      'AWS region of the migration target',
      'string',
      attr('default', str(w.model.target.region)),
    ),
    variable(
      'zone',
      'Availability zone for subnets that name none',
      'string',
      attr('default', str(defaultZone(w.model))),
    ),
    variable(
      'key_name',
      'EC2 key pair for SSH/RDP access; null for none',
      'string',
      attr('default', hcl.nil()),
    ),
  ];
}

export function awsVpc(w: WaveWriting, net: IacNetwork): HclBlock {
  return block(
    'resource',
    ['aws_vpc', w.id('network', net.key)],
    [
      attr('cidr_block', str(net.cidrBlock)),
      attr('enable_dns_hostnames', bool(true)),
      attr('enable_dns_support', bool(true)),
      blank(),
      awsTags(w, net.name, { 'resource-key': net.key }),
    ],
  );
}

export function awsSubnet(
  w: WaveWriting,
  subnet: IacSubnet,
  net: IacNetwork,
): HclBlock {
  return block(
    'resource',
    ['aws_subnet', w.id('subnet', subnet.key)],
    [
      attr('vpc_id', expr(`aws_vpc.${w.id('network', net.key)}.id`)),
      attr('cidr_block', str(subnet.cidrBlock)),
      attr(
        'availability_zone',
        subnet.zone ? str(subnet.zone) : expr('var.zone'),
      ),
      blank(),
      awsTags(w, subnet.name, { 'resource-key': subnet.key }),
    ],
  );
}

export function awsVpcLookup(w: WaveWriting, net: IacNetwork): HclBlock {
  return block(
    'data',
    ['aws_vpc', w.id('network', net.key)],
    [
      attr(
        'tags',
        awsLookupTags(w, net.key, w.ownership.networks.get(net.key)!),
      ),
    ],
  );
}

export function awsSubnetLookup(
  w: WaveWriting,
  subnet: IacSubnet,
  net: IacNetwork,
): HclBlock {
  return block(
    'data',
    ['aws_subnet', w.id('subnet', subnet.key)],
    [
      attr('vpc_id', expr(w.ref.network(net.key))),
      attr(
        'tags',
        awsLookupTags(w, subnet.key, w.ownership.networks.get(net.key)!),
      ),
    ],
  );
}
