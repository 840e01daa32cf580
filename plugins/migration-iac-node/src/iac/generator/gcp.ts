import { hcl, type HclBlock } from '../hcl/document';
import { toGcpLabel } from '../hcl/identifiers';
import type { IacInstance, IacSecurityRule } from '../model';
import { instanceExtraTags } from './aws';
import {
  importCollector,
  versionsBlocks,
  defaultZone,
  imageFamily,
  isArm64InstanceType,
  owns,
  requiredTags,
  resourceTags,
  mapOutput,
  type WaveBlocks,
  type WaveContext,
} from './context';

const { attr, block, blank, expr, str, num, bool, strings, stringMap } = hcl;

const IMAGES: Record<string, { x86: string; arm: string }> = {
  linux: { x86: 'debian-cloud/debian-12', arm: 'debian-cloud/debian-12-arm64' },
  ubuntu: {
    x86: 'ubuntu-os-cloud/ubuntu-2404-lts-amd64',
    arm: 'ubuntu-os-cloud/ubuntu-2404-lts-arm64',
  },
  rhel: { x86: 'rhel-cloud/rhel-9', arm: 'rhel-cloud/rhel-9-arm64' },
  windows: {
    x86: 'windows-cloud/windows-2022',
    arm: 'windows-cloud/windows-2022',
  },
};

/** GCP labels: sanitised keys and values; at most 64 labels. */
export function gcpLabels(
  tags: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    if (Object.keys(out).length >= 64) break;
    out[toGcpLabel(key, 'key')] = toGcpLabel(value, 'value');
  }
  return out;
}

function firewallAllow(rule: IacSecurityRule): HclBlock {
  if (rule.protocol === 'all' || rule.protocol === 'icmp') {
    return block('allow', [], [attr('protocol', str(rule.protocol))]);
  }
  const to = rule.toPort ?? rule.fromPort!;
  return block(
    'allow',
    [],
    [
      attr('protocol', str(rule.protocol)),
      attr(
        'ports',
        strings([
          to === rule.fromPort
            ? String(rule.fromPort)
            : `${rule.fromPort}-${to}`,
        ]),
      ),
    ],
  );
}

/** Terraform writer for `hashicorp/google`. */
export function writeGcpWave(ctx: WaveContext): WaveBlocks {
  const { model, scope, names, index } = ctx;
  const waveNo = scope.wave.number;
  const id = (kind: string, key: string) => names.ids.allocate(kind, key);
  const cloudName = (type: string, key: string, name: string) =>
    names.cloud.allocate(type, key, name, 'gcp');
  // owner, migration-id and wave come from the provider's default_labels.
  const labelsAttr = (extra: Record<string, string> = {}) => {
    const labels = gcpLabels(resourceTags(model, extra));
    return Object.keys(labels).length > 0
      ? [blank(), attr('labels', stringMap(labels))]
      : [];
  };

  const { imports, importBlock } = importCollector(ctx);

  const versions = versionsBlocks({
    name: 'google',
    source: 'hashicorp/google',
    version: '~> 6.0',
  });
  const providers = [
    block(
      'provider',
      ['google'],
      [
        attr('project', expr('var.project_id')),
        attr('region', expr('var.region')),
        attr(
          'default_labels',
          stringMap(gcpLabels(requiredTags(model, waveNo))),
        ),
      ],
    ),
  ];
  const variables = [
    block(
      'variable',
      ['project_id'],
      [
        attr('description', str('GCP project of the migration target')),
        attr('type', expr('string')),
        ...(model.target.project
          ? [attr('default', str(model.target.project))]
          : []),
      ],
    ),
    block(
      'variable',
      ['region'],
      [
        attr('description', str('GCP region of the migration target')),
        attr('type', expr('string')),
        attr('default', str(model.target.region)),
      ],
    ),
    block(
      'variable',
      ['zone'],
      [
        attr('description', str('Zone for machines and disks that name none')),
        attr('type', expr('string')),
        attr('default', str(defaultZone(model))),
      ],
    ),
  ];

  const networkName = (key: string) =>
    cloudName('google_compute_network', key, index.networks.get(key)!.name);
  const networkRef = (key: string) =>
    owns(ctx, 'network', key)
      ? `google_compute_network.${id('network', key)}.id`
      : `data.google_compute_network.${id('network', key)}.id`;

  // network.tf
  const network: HclBlock[] = [];
  for (const net of scope.ownedNetworks) {
    const netId = id('network', net.key);
    network.push(
      block(
        'resource',
        ['google_compute_network', netId],
        [
          attr('name', str(networkName(net.key))),
          attr('auto_create_subnetworks', bool(false)),
          attr(
            'description',
            str(
              `${net.name} (${net.cidrBlock}), migration ${model.migrationId}`,
            ),
          ),
        ],
      ),
    );
    importBlock(`google_compute_network.${netId}`, net.sourceId);
    for (const subnet of [...net.subnets].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    )) {
      const subnetId = id('subnet', subnet.key);
      network.push(
        block(
          'resource',
          ['google_compute_subnetwork', subnetId],
          [
            attr(
              'name',
              str(
                cloudName('google_compute_subnetwork', subnet.key, subnet.name),
              ),
            ),
            attr('ip_cidr_range', str(subnet.cidrBlock)),
            attr('region', expr('var.region')),
            attr('network', expr(`google_compute_network.${netId}.id`)),
            attr('private_ip_google_access', bool(true)),
          ],
        ),
      );
      importBlock(`google_compute_subnetwork.${subnetId}`, subnet.sourceId);
    }
  }
  for (const net of scope.foreignNetworks) {
    network.push(
      block(
        'data',
        ['google_compute_network', id('network', net.key)],
        [attr('name', str(networkName(net.key)))],
      ),
    );
  }
  for (const { subnet } of scope.foreignSubnets) {
    network.push(
      block(
        'data',
        ['google_compute_subnetwork', id('subnet', subnet.key)],
        [
          attr(
            'name',
            str(
              cloudName('google_compute_subnetwork', subnet.key, subnet.name),
            ),
          ),
          attr('region', expr('var.region')),
        ],
      ),
    );
  }
  const subnetRef = (subnetKey: string) => {
    const { network: net } = index.subnets.get(subnetKey)!;
    return owns(ctx, 'network', net.key)
      ? `google_compute_subnetwork.${id('subnet', subnetKey)}.id`
      : `data.google_compute_subnetwork.${id('subnet', subnetKey)}.id`;
  };
  /** Firewall rules select machines by network tag; each security group is one tag. */
  const groupTag = (key: string) =>
    cloudName('network-tag', key, `sg-${index.securityGroups.get(key)!.name}`);

  // security.tf
  const security: HclBlock[] = [];
  for (const group of scope.ownedSecurityGroups) {
    const sgId = id('sg', group.key);
    group.ingress.forEach((rule, n) => {
      const name = cloudName(
        'google_compute_firewall',
        `${group.key}\u0000${n}`,
        `${group.name}-in-${n + 1}`,
      );
      const sourceTags = [...(rule.sourceGroupKeys ?? [])].map(groupTag);
      security.push(
        block(
          'resource',
          ['google_compute_firewall', `${sgId}_in_${n + 1}`],
          [
            attr('name', str(name)),
            attr('network', expr(networkRef(group.networkKey))),
            attr('direction', str('INGRESS')),
            ...(rule.description
              ? [attr('description', str(rule.description))]
              : []),
            ...(rule.sources?.length
              ? [attr('source_ranges', strings(rule.sources))]
              : []),
            ...(sourceTags.length
              ? [attr('source_tags', strings(sourceTags))]
              : []),
            attr('target_tags', strings([groupTag(group.key)])),
            blank(),
            firewallAllow(rule),
          ],
        ),
      );
    });
    if (group.sourceId) {
      ctx.warnings.push(
        `Security group "${group.name}" maps to firewall rules, which are created rather than imported`,
      );
    }
  }

  // compute.tf
  const compute: HclBlock[] = [];
  const instances = [...scope.wave.instances].sort((a, b) =>
    a.key < b.key ? -1 : 1,
  );
  for (const instance of instances) {
    compute.push(instanceBlock(instance));
    importBlock(
      `google_compute_instance.${id('instance', instance.key)}`,
      instance.sourceId,
    );
  }

  function instanceBlock(instance: IacInstance): HclBlock {
    const vmId = id('instance', instance.key);
    const images = IMAGES[imageFamily(instance.os)];
    const arm = isArm64InstanceType('gcp', instance.instanceType);
    return block(
      'resource',
      ['google_compute_instance', vmId],
      [
        attr(
          'name',
          str(
            cloudName('google_compute_instance', instance.key, instance.name),
          ),
        ),
        attr('machine_type', str(instance.instanceType)),
        attr('zone', instance.zone ? str(instance.zone) : expr('var.zone')),
        attr('tags', strings([...instance.securityGroupKeys].map(groupTag))),
        blank(),
        block(
          'boot_disk',
          [],
          [
            ...(instance.rootDisk.kmsKeyId
              ? [attr('kms_key_self_link', str(instance.rootDisk.kmsKeyId))]
              : []),
            block(
              'initialize_params',
              [],
              [
                attr('image', str(arm ? images.arm : images.x86)),
                attr('size', num(instance.rootDisk.sizeGiB)),
                attr('type', str(instance.rootDisk.storageClass)),
              ],
            ),
          ],
        ),
        blank(),
        block(
          'network_interface',
          [],
          [attr('subnetwork', expr(subnetRef(instance.subnetKey)))],
        ),
        blank(),
        block(
          'shielded_instance_config',
          [],
          [
            attr('enable_secure_boot', bool(instance.os.family !== 'other')),
            attr('enable_vtpm', bool(true)),
            attr('enable_integrity_monitoring', bool(true)),
          ],
        ),
        blank(),
        block(
          'lifecycle',
          [],
          [attr('ignore_changes', hcl.list([expr('attached_disk')]))],
        ),
        ...labelsAttr(instanceExtraTags(instance)),
      ],
    );
  }

  // storage.tf
  const storage: HclBlock[] = [];
  for (const instance of instances) {
    const vmId = id('instance', instance.key);
    for (const disk of [...instance.dataDisks].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    )) {
      const diskId = id('disk', disk.key);
      storage.push(
        block(
          'resource',
          ['google_compute_disk', diskId],
          [
            attr(
              'name',
              str(cloudName('google_compute_disk', disk.key, disk.name)),
            ),
            attr('type', str(disk.storageClass)),
            attr('size', num(disk.sizeGiB)),
            attr('zone', expr(`google_compute_instance.${vmId}.zone`)),
            ...(disk.kmsKeyId
              ? [
                  blank(),
                  block(
                    'disk_encryption_key',
                    [],
                    [attr('kms_key_self_link', str(disk.kmsKeyId))],
                  ),
                ]
              : []),
            ...labelsAttr(),
          ],
        ),
        block(
          'resource',
          ['google_compute_attached_disk', diskId],
          [
            attr('disk', expr(`google_compute_disk.${diskId}.id`)),
            attr('instance', expr(`google_compute_instance.${vmId}.id`)),
          ],
        ),
      );
      importBlock(`google_compute_disk.${diskId}`, disk.sourceId);
    }
  }

  // outputs.tf
  const outputs: HclBlock[] = [
    ...mapOutput(
      'network_ids',
      'Id of each VPC network this wave creates',
      scope.ownedNetworks.map(net => [
        id('network', net.key),
        `google_compute_network.${id('network', net.key)}.id`,
      ]),
    ),
    ...mapOutput(
      'private_ips',
      'Private IP address of each machine of this wave',
      instances.map(i => [
        id('instance', i.key),
        `google_compute_instance.${id(
          'instance',
          i.key,
        )}.network_interface[0].network_ip`,
      ]),
    ),
  ];

  return {
    versions,
    providers,
    variables,
    network,
    security,
    storage,
    compute,
    outputs,
    imports,
  };
}
