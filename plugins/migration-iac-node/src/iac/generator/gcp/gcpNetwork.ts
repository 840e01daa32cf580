import { hcl, type HclBlock } from '../../hcl/document';
import type { IacNetwork, IacSubnet } from '../../model';
import { defaultZone, requiredTags } from '../context';
import type { WaveWriting } from '../waveWriter';
import { gcpLabels } from './gcpLabels';
import { variable } from '../../hcl/variable';

const { attr, block, expr, str, bool, stringMap } = hcl;

/** `providers.tf`: project, region and the required tags as `default_labels`. */
export function gcpProviders(w: WaveWriting): HclBlock[] {
  return [
    block(
      'provider',
      ['google'],
      [
        attr('project', expr('var.project_id')),
        attr('region', expr('var.region')),
        attr(
          'default_labels',
          stringMap(gcpLabels(requiredTags(w.model, w.wave))),
        ),
      ],
    ),
  ];
}

/** `variables.tf`: project, region and default zone. */
export function gcpVariables({ model }: WaveWriting): HclBlock[] {
  return [
    variable(
      'project_id',
      'GCP project of the migration target',
      'string',
      ...(model.target.project
        ? [attr('default', str(model.target.project))]
        : []),
    ),
    variable(
      'region',
      'GCP region of the migration target',
      'string',
      attr('default', str(model.target.region)),
    ),
    variable(
      'zone',
      'Zone for machines and disks that name none',
      'string',
      attr('default', str(defaultZone(model))),
    ),
  ];
}

function networkName(w: WaveWriting, key: string): string {
  return w.cloudName(
    'google_compute_network',
    key,
    w.index.networks.get(key)!.name,
  );
}

function subnetName(w: WaveWriting, subnet: IacSubnet): string {
  return w.cloudName('google_compute_subnetwork', subnet.key, subnet.name);
}

/** A custom-mode VPC network; its CIDR block lives on in the description. */
export function gcpNetwork(w: WaveWriting, net: IacNetwork): HclBlock {
  return block(
    'resource',
    ['google_compute_network', w.id('network', net.key)],
    [
      attr('name', str(networkName(w, net.key))),
      attr('auto_create_subnetworks', bool(false)),
      attr(
        'description',
        str(`${net.name} (${net.cidrBlock}), migration ${w.model.migrationId}`),
      ),
    ],
  );
}

export function gcpSubnetwork(
  w: WaveWriting,
  subnet: IacSubnet,
  net: IacNetwork,
): HclBlock {
  return block(
    'resource',
    ['google_compute_subnetwork', w.id('subnet', subnet.key)],
    [
      attr('name', str(subnetName(w, subnet))),
      attr('ip_cidr_range', str(subnet.cidrBlock)),
      attr('region', expr('var.region')),
      attr(
        'network',
        expr(`google_compute_network.${w.id('network', net.key)}.id`),
      ),
      attr('private_ip_google_access', bool(true)),
    ],
  );
}

export function gcpNetworkLookup(w: WaveWriting, net: IacNetwork): HclBlock {
  return block(
    'data',
    ['google_compute_network', w.id('network', net.key)],
    [attr('name', str(networkName(w, net.key)))],
  );
}

export function gcpSubnetworkLookup(
  w: WaveWriting,
  subnet: IacSubnet,
): HclBlock {
  return block(
    'data',
    ['google_compute_subnetwork', w.id('subnet', subnet.key)],
    [
      attr('name', str(subnetName(w, subnet))),
      attr('region', expr('var.region')),
    ],
  );
}
