import type { WaveBlocks, WaveContext } from '../context';
import type { CloudWaveWriter } from '../waveWriter';
import { writeWave } from '../writeWave';
import {
  awsImages,
  awsInstance,
  awsLaunchSettings,
  awsVolume,
} from './awsCompute';
import {
  awsProviders,
  awsSubnet,
  awsSubnetLookup,
  awsVariables,
  awsVpc,
  awsVpcLookup,
} from './awsNetwork';
import { awsSecurityGroup, awsSecurityGroupLookup } from './awsSecurity';

/** The `hashicorp/aws` blocks of a wave. */
export const awsWaveWriter: CloudWaveWriter = {
  provider: { name: 'aws', source: 'hashicorp/aws', version: '~> 6.0' },
  nameStyle: 'aws',
  types: {
    network: 'aws_vpc',
    subnet: 'aws_subnet',
    securityGroup: 'aws_security_group',
    machine: () => 'aws_instance',
    disk: 'aws_ebs_volume',
  },
  networkIdsDescription: 'VPC id of each network this wave creates',
  blocks: w => ({
    providers: () => awsProviders(w),
    variables: () => awsVariables(w),
    network: net => awsVpc(w, net),
    subnet: (subnet, net) => awsSubnet(w, subnet, net),
    foreignNetwork: net => awsVpcLookup(w, net),
    foreignSubnet: (subnet, net) => awsSubnetLookup(w, subnet, net),
    securityGroup: group => awsSecurityGroup(w, group),
    foreignSecurityGroup: group => awsSecurityGroupLookup(w, group),
    images: () => awsImages(w),
    machine: instance => [awsInstance(w, instance)],
    disk: (disk, instance, position) => awsVolume(w, disk, instance, position),
    privateIp: vmId => `aws_instance.${vmId}.private_ip`,
    launchSettings: instance => awsLaunchSettings(w, instance),
  }),
};

/** Terraform writer for `hashicorp/aws`. */
export function writeAwsWave(ctx: WaveContext): WaveBlocks {
  return writeWave(ctx, awsWaveWriter);
}
