import type { WaveBlocks, WaveContext } from '../context';
import type { CloudWaveWriter } from '../waveWriter';
import { writeWave } from '../writeWave';
import { gcpDisk, gcpInstance, gcpLaunchSettings } from './gcpCompute';
import {
  gcpNetwork,
  gcpNetworkLookup,
  gcpProviders,
  gcpSubnetwork,
  gcpSubnetworkLookup,
  gcpVariables,
} from './gcpNetwork';
import { gcpFirewallRules } from './gcpSecurity';

/**
 * The `hashicorp/google` blocks of a wave. Security groups are network tags that firewall rules
 * target, so there is nothing to look up for an earlier wave's group.
 */
export const gcpWaveWriter: CloudWaveWriter = {
  provider: { name: 'google', source: 'hashicorp/google', version: '~> 6.0' },
  nameStyle: 'gcp',
  types: {
    network: 'google_compute_network',
    subnet: 'google_compute_subnetwork',
    machine: () => 'google_compute_instance',
    disk: 'google_compute_disk',
  },
  networkIdsDescription: 'Id of each VPC network this wave creates',
  blocks: w => ({
    providers: () => gcpProviders(w),
    variables: () => gcpVariables(w),
    network: net => gcpNetwork(w, net),
    subnet: (subnet, net) => gcpSubnetwork(w, subnet, net),
    foreignNetwork: net => gcpNetworkLookup(w, net),
    foreignSubnet: subnet => gcpSubnetworkLookup(w, subnet),
    securityGroup: group => gcpFirewallRules(w, group),
    machine: instance => [gcpInstance(w, instance)],
    disk: (disk, instance) => gcpDisk(w, disk, instance),
    privateIp: vmId =>
      `google_compute_instance.${vmId}.network_interface[0].network_ip`,
    launchSettings: instance => gcpLaunchSettings(w, instance),
  }),
};

/** Terraform writer for `hashicorp/google`. */
export function writeGcpWave(ctx: WaveContext): WaveBlocks {
  return writeWave(ctx, gcpWaveWriter);
}
