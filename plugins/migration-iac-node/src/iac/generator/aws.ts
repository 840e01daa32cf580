import { hcl, type HclBlock, type HclBodyItem } from '../hcl/document';
import type { IacInstance, IacSecurityGroup, IacSecurityRule } from '../model';
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

/** Characters AWS accepts in security group names and descriptions. */
function awsDescription(text: string): string {
  return text
    .replace(/[^A-Za-z0-9. _\-:/()#,@[\]+=&;{}!$*]/g, ' ')
    .slice(0, 255);
}

const AMI_FILTERS: Record<
  string,
  { owners: string[]; x86: string; arm: string }
> = {
  linux: {
    owners: ['amazon'],
    x86: 'al2023-ami-2023.*-x86_64',
    arm: 'al2023-ami-2023.*-arm64',
  },
  ubuntu: {
    owners: ['099720109477'],
    x86: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*',
    arm: 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-*',
  },
  rhel: {
    owners: ['309956199498'],
    x86: 'RHEL-9.*_HVM-*-x86_64-*',
    arm: 'RHEL-9.*_HVM-*-arm64-*',
  },
  windows: {
    owners: ['amazon'],
    x86: 'Windows_Server-2022-English-Full-Base-*',
    arm: 'Windows_Server-2022-English-Full-Base-*',
  },
};

const DEVICE_LETTERS = 'fghijklmnopqrstuvwxyz';

function amiKey(instance: IacInstance): string {
  const family = imageFamily(instance.os);
  const arm =
    family !== 'windows' && isArm64InstanceType('aws', instance.instanceType);
  return arm ? `${family}_arm64` : family;
}

/** Terraform writer for `hashicorp/aws`. */
export function writeAwsWave(ctx: WaveContext): WaveBlocks {
  const { model, scope, names } = ctx;
  const waveNo = scope.wave.number;
  const id = (kind: string, key: string) => names.ids.allocate(kind, key);
  // owner, migration-id and wave come from the provider's default_tags.
  const tagsAttr = (name: string, extra: Record<string, string> = {}) =>
    attr('tags', stringMap(resourceTags(model, { ...extra, Name: name })));
  const lookupTags = (key: string, ownerWave: number) =>
    stringMap({
      'migration-id': model.migrationId,
      'resource-key': key,
      wave: String(ownerWave),
    });

  const vpcRef = (networkKey: string) =>
    owns(ctx, 'network', networkKey)
      ? `aws_vpc.${id('network', networkKey)}.id`
      : `data.aws_vpc.${id('network', networkKey)}.id`;
  const subnetRef = (subnetKey: string) => {
    const { network } = ctx.index.subnets.get(subnetKey)!;
    return owns(ctx, 'network', network.key)
      ? `aws_subnet.${id('subnet', subnetKey)}.id`
      : `data.aws_subnet.${id('subnet', subnetKey)}.id`;
  };
  const groupRef = (groupKey: string) =>
    owns(ctx, 'securityGroup', groupKey)
      ? `aws_security_group.${id('sg', groupKey)}.id`
      : `data.aws_security_group.${id('sg', groupKey)}.id`;

  const { imports, importBlock } = importCollector(ctx);

  // versions.tf / providers.tf / variables.tf
  const versions = versionsBlocks({
    name: 'aws',
    source: 'hashicorp/aws',
    version: '~> 6.0',
  });
  const providers = [
    block(
      'provider',
      ['aws'],
      [
        attr('region', expr('var.region')),
        blank(),
        block(
          'default_tags',
          [],
          [attr('tags', stringMap(requiredTags(model, waveNo)))],
        ),
      ],
    ),
  ];
  const variables = [
    block(
      'variable',
      ['region'],
      [
        attr('description', str('AWS region of the migration target')),
        attr('type', expr('string')),
        attr('default', str(model.target.region)),
      ],
    ),
    block(
      'variable',
      ['zone'],
      [
        attr(
          'description',
          str('Availability zone for subnets that name none'),
        ),
        attr('type', expr('string')),
        attr('default', str(defaultZone(model))),
      ],
    ),
    block(
      'variable',
      ['key_name'],
      [
        attr(
          'description',
          str('EC2 key pair for SSH/RDP access; null for none'),
        ),
        attr('type', expr('string')),
        attr('default', hcl.nil()),
      ],
    ),
  ];

  // network.tf
  const network: HclBlock[] = [];
  for (const net of scope.ownedNetworks) {
    const netId = id('network', net.key);
    network.push(
      block(
        'resource',
        ['aws_vpc', netId],
        [
          attr('cidr_block', str(net.cidrBlock)),
          attr('enable_dns_hostnames', bool(true)),
          attr('enable_dns_support', bool(true)),
          blank(),
          tagsAttr(net.name, { 'resource-key': net.key }),
        ],
      ),
    );
    importBlock(`aws_vpc.${netId}`, net.sourceId);
    for (const subnet of [...net.subnets].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    )) {
      const subnetId = id('subnet', subnet.key);
      network.push(
        block(
          'resource',
          ['aws_subnet', subnetId],
          [
            attr('vpc_id', expr(`aws_vpc.${netId}.id`)),
            attr('cidr_block', str(subnet.cidrBlock)),
            attr(
              'availability_zone',
              subnet.zone ? str(subnet.zone) : expr('var.zone'),
            ),
            blank(),
            tagsAttr(subnet.name, { 'resource-key': subnet.key }),
          ],
        ),
      );
      importBlock(`aws_subnet.${subnetId}`, subnet.sourceId);
    }
  }
  for (const net of scope.foreignNetworks) {
    network.push(
      block(
        'data',
        ['aws_vpc', id('network', net.key)],
        [
          attr(
            'tags',
            lookupTags(net.key, ctx.ownership.networks.get(net.key)!),
          ),
        ],
      ),
    );
  }
  for (const { subnet, network: net } of scope.foreignSubnets) {
    network.push(
      block(
        'data',
        ['aws_subnet', id('subnet', subnet.key)],
        [
          attr('vpc_id', expr(vpcRef(net.key))),
          attr(
            'tags',
            lookupTags(subnet.key, ctx.ownership.networks.get(net.key)!),
          ),
        ],
      ),
    );
  }

  // security.tf
  const security: HclBlock[] = [];
  for (const group of scope.ownedSecurityGroups) {
    security.push(...securityGroupBlocks(group));
  }
  for (const group of scope.foreignSecurityGroups) {
    security.push(
      block(
        'data',
        ['aws_security_group', id('sg', group.key)],
        [
          attr('vpc_id', expr(vpcRef(group.networkKey))),
          attr(
            'tags',
            lookupTags(group.key, ctx.ownership.securityGroups.get(group.key)!),
          ),
        ],
      ),
    );
  }

  function securityGroupBlocks(group: IacSecurityGroup): HclBlock[] {
    const sgId = id('sg', group.key);
    const sgName = names.cloud.allocate(
      'aws_security_group',
      group.key,
      group.name,
      'aws',
    );
    const blocks: HclBlock[] = [
      block(
        'resource',
        ['aws_security_group', sgId],
        [
          attr('name', str(sgName)),
          attr(
            'description',
            str(
              awsDescription(
                group.description ?? `Migrated security group ${group.name}`,
              ),
            ),
          ),
          attr('vpc_id', expr(vpcRef(group.networkKey))),
          blank(),
          tagsAttr(group.name, { 'resource-key': group.key }),
        ],
      ),
    ];
    importBlock(`aws_security_group.${sgId}`, group.sourceId);
    let n = 0;
    for (const rule of group.ingress) {
      for (const source of ruleSources(rule)) {
        n++;
        blocks.push(
          block(
            'resource',
            ['aws_vpc_security_group_ingress_rule', `${sgId}_in_${n}`],
            [
              attr('security_group_id', expr(`aws_security_group.${sgId}.id`)),
              ...protocolAttrs(rule),
              source,
              ...(rule.description
                ? [attr('description', str(awsDescription(rule.description)))]
                : []),
              blank(),
              tagsAttr(`${group.name} ingress ${n}`),
            ],
          ),
        );
      }
    }
    blocks.push(
      block(
        'resource',
        ['aws_vpc_security_group_egress_rule', `${sgId}_egress_all`],
        [
          attr('security_group_id', expr(`aws_security_group.${sgId}.id`)),
          attr('ip_protocol', str('-1')),
          attr('cidr_ipv4', str('0.0.0.0/0')),
          attr('description', str('Outbound traffic')),
          blank(),
          tagsAttr(`${group.name} egress`),
        ],
      ),
    );
    return blocks;
  }

  function ruleSources(rule: IacSecurityRule): HclBodyItem[] {
    return [
      ...[...(rule.sources ?? [])].map(cidr =>
        cidr.includes(':')
          ? attr('cidr_ipv6', str(cidr))
          : attr('cidr_ipv4', str(cidr)),
      ),
      ...[...(rule.sourceGroupKeys ?? [])].map(key =>
        attr('referenced_security_group_id', expr(groupRef(key))),
      ),
    ];
  }

  // compute.tf
  const compute: HclBlock[] = [];
  const amis = [...new Set(scope.wave.instances.map(amiKey))].sort();
  for (const ami of amis) {
    const [family, arch] = ami.split('_');
    const filter = AMI_FILTERS[family];
    compute.push(
      block(
        'data',
        ['aws_ami', ami],
        [
          attr('most_recent', bool(true)),
          attr('owners', strings(filter.owners)),
          blank(),
          block(
            'filter',
            [],
            [
              attr('name', str('name')),
              attr('values', strings([arch ? filter.arm : filter.x86])),
            ],
          ),
        ],
      ),
    );
  }
  const instances = [...scope.wave.instances].sort((a, b) =>
    a.key < b.key ? -1 : 1,
  );
  for (const instance of instances) {
    const vmId = id('instance', instance.key);
    compute.push(
      block(
        'resource',
        ['aws_instance', vmId],
        [
          attr('ami', expr(`data.aws_ami.${amiKey(instance)}.id`)),
          attr('instance_type', str(instance.instanceType)),
          attr('subnet_id', expr(subnetRef(instance.subnetKey))),
          attr(
            'vpc_security_group_ids',
            hcl.list(
              [...instance.securityGroupKeys].map(k => expr(groupRef(k))),
            ),
          ),
          attr('key_name', expr('var.key_name')),
          blank(),
          block(
            'root_block_device',
            [],
            [
              attr('volume_size', num(instance.rootDisk.sizeGiB)),
              attr('volume_type', str(instance.rootDisk.storageClass)),
              attr('encrypted', bool(true)),
              ...(instance.rootDisk.kmsKeyId
                ? [attr('kms_key_id', str(instance.rootDisk.kmsKeyId))]
                : []),
              attr(
                'tags',
                stringMap(
                  requiredTags(model, waveNo, {
                    Name: `${instance.name}-root`,
                  }),
                ),
              ),
            ],
          ),
          blank(),
          block(
            'metadata_options',
            [],
            [
              attr('http_endpoint', str('enabled')),
              attr('http_tokens', str('required')),
            ],
          ),
          blank(),
          tagsAttr(instance.name, instanceExtraTags(instance)),
        ],
      ),
    );
    importBlock(`aws_instance.${vmId}`, instance.sourceId);
  }

  // storage.tf
  const storage: HclBlock[] = [];
  for (const instance of instances) {
    const vmId = id('instance', instance.key);
    const disks = [...instance.dataDisks].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    );
    disks.forEach((disk, n) => {
      const diskId = id('disk', disk.key);
      storage.push(
        block(
          'resource',
          ['aws_ebs_volume', diskId],
          [
            attr(
              'availability_zone',
              expr(`aws_instance.${vmId}.availability_zone`),
            ),
            attr('size', num(disk.sizeGiB)),
            attr('type', str(disk.storageClass)),
            attr('encrypted', bool(true)),
            ...(disk.kmsKeyId ? [attr('kms_key_id', str(disk.kmsKeyId))] : []),
            blank(),
            tagsAttr(disk.name),
          ],
        ),
        block(
          'resource',
          ['aws_volume_attachment', diskId],
          [
            attr('device_name', str(`/dev/sd${DEVICE_LETTERS[n]}`)),
            attr('volume_id', expr(`aws_ebs_volume.${diskId}.id`)),
            attr('instance_id', expr(`aws_instance.${vmId}.id`)),
          ],
        ),
      );
      importBlock(`aws_ebs_volume.${diskId}`, disk.sourceId);
    });
  }

  // outputs.tf
  const outputs: HclBlock[] = [
    ...mapOutput(
      'network_ids',
      'VPC id of each network this wave creates',
      scope.ownedNetworks.map(net => [
        id('network', net.key),
        `aws_vpc.${id('network', net.key)}.id`,
      ]),
    ),
    ...mapOutput(
      'private_ips',
      'Private IP address of each machine of this wave',
      instances.map(i => [
        id('instance', i.key),
        `aws_instance.${id('instance', i.key)}.private_ip`,
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

function protocolAttrs(rule: IacSecurityRule): HclBodyItem[] {
  if (rule.protocol === 'all') return [attr('ip_protocol', str('-1'))];
  if (rule.protocol === 'icmp') {
    return [
      attr('ip_protocol', str('icmp')),
      attr('from_port', num(-1)),
      attr('to_port', num(-1)),
    ];
  }
  return [
    attr('ip_protocol', str(rule.protocol)),
    attr('from_port', num(rule.fromPort!)),
    attr('to_port', num(rule.toPort ?? rule.fromPort!)),
  ];
}

/** Source tags carried over, plus where the machine came from. */
export function instanceExtraTags(
  instance: IacInstance,
): Record<string, string> {
  return {
    ...(instance.tags ?? {}),
    ...(instance.entityRef ? { 'source-entity': instance.entityRef } : {}),
  };
}
