import { hcl, type HclBlock, type HclBodyItem } from '../hcl/document';
import type { IacInstance, IacSecurityRule } from '../model';
import { instanceExtraTags } from './aws';
import {
  importCollector,
  versionsBlocks,
  imageFamily,
  owns,
  requiredTags,
  mapOutput,
  type WaveBlocks,
  type WaveContext,
} from './context';

const { attr, block, blank, expr, str, num, bool, strings, stringMap } = hcl;

const IMAGES: Record<
  string,
  { publisher: string; offer: string; sku: string }
> = {
  linux: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
  ubuntu: { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', sku: 'server' },
  rhel: { publisher: 'RedHat', offer: 'RHEL', sku: '9-lvm-gen2' },
  windows: {
    publisher: 'MicrosoftWindowsServer',
    offer: 'WindowsServer',
    sku: '2022-datacenter-azure-edition',
  },
};

/** Azure tag names may not contain `<>%&\?/`; values are at most 256 characters. */
function azureTags(tags: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    out[key.replace(/[<>%&\\?/]/g, '_').slice(0, 512)] = value.slice(0, 256);
  }
  return out;
}

function portRange(rule: IacSecurityRule): string {
  if (rule.protocol === 'all' || rule.protocol === 'icmp') return '*';
  const to = rule.toPort ?? rule.fromPort!;
  return to === rule.fromPort
    ? String(rule.fromPort)
    : `${rule.fromPort}-${to}`;
}

/** Priorities run from 100 to 4096 in steps of 10. */
const MAX_RULES_PER_GROUP = 399;

const PROTOCOLS: Record<IacSecurityRule['protocol'], string> = {
  tcp: 'Tcp',
  udp: 'Udp',
  icmp: 'Icmp',
  all: '*',
};

/** Terraform writer for `hashicorp/azurerm`. */
export function writeAzureWave(ctx: WaveContext): WaveBlocks {
  const { model, scope, names, index } = ctx;
  const waveNo = scope.wave.number;
  const id = (kind: string, key: string) => names.ids.allocate(kind, key);
  const cloudName = (type: string, key: string, name: string) =>
    names.cloud.allocate(type, key, name, 'azure');
  const tagsAttr = (extra: Record<string, string> = {}) =>
    attr('tags', stringMap(azureTags(requiredTags(model, waveNo, extra))));
  const firstWave = Math.min(...model.waves.map(w => w.number));
  const ownsGroup = waveNo === firstWave;
  const rg = ownsGroup
    ? 'azurerm_resource_group.migration'
    : 'data.azurerm_resource_group.migration';
  const placement = [
    attr('location', expr(`${rg}.location`)),
    attr('resource_group_name', expr(`${rg}.name`)),
  ];

  const { imports, importBlock } = importCollector(ctx);

  const versions = versionsBlocks({
    name: 'azurerm',
    source: 'hashicorp/azurerm',
    version: '~> 4.0',
  });
  const providers = [
    block('provider', ['azurerm'], [block('features', [], [])]),
  ];

  const hasLinux = scope.wave.instances.some(i => i.os.family !== 'windows');
  const hasWindows = scope.wave.instances.some(i => i.os.family === 'windows');
  const variables: HclBlock[] = [
    block(
      'variable',
      ['location'],
      [
        attr('description', str('Azure location of the migration target')),
        attr('type', expr('string')),
        attr('default', str(model.target.region)),
      ],
    ),
    block(
      'variable',
      ['resource_group_name'],
      [
        attr(
          'description',
          str('Resource group holding everything this migration creates'),
        ),
        attr('type', expr('string')),
        attr(
          'default',
          str(model.target.resourceGroup ?? `rg-${model.migrationId}`),
        ),
      ],
    ),
    block(
      'variable',
      ['admin_username'],
      [
        attr(
          'description',
          str('Administrator account created on every machine'),
        ),
        attr('type', expr('string')),
        attr('default', str('azureadmin')),
      ],
    ),
    ...(hasLinux
      ? [
          block(
            'variable',
            ['admin_ssh_public_key'],
            [
              attr(
                'description',
                str('SSH public key for the administrator of Linux machines'),
              ),
              attr('type', expr('string')),
            ],
          ),
        ]
      : []),
    ...(hasWindows
      ? [
          block(
            'variable',
            ['admin_password'],
            [
              attr(
                'description',
                str('Administrator password of Windows machines'),
              ),
              attr('type', expr('string')),
              attr('sensitive', bool(true)),
            ],
          ),
        ]
      : []),
  ];

  // network.tf
  const network: HclBlock[] = [];
  if (ownsGroup) {
    network.push(
      block(
        'resource',
        ['azurerm_resource_group', 'migration'],
        [
          attr('name', expr('var.resource_group_name')),
          attr('location', expr('var.location')),
          blank(),
          tagsAttr(),
        ],
      ),
    );
  } else {
    network.push(
      block(
        'data',
        ['azurerm_resource_group', 'migration'],
        [attr('name', expr('var.resource_group_name'))],
      ),
    );
  }
  const vnetName = (key: string) => {
    const net = index.networks.get(key)!;
    return cloudName('azurerm_virtual_network', key, net.name);
  };
  for (const net of scope.ownedNetworks) {
    const netId = id('network', net.key);
    network.push(
      block(
        'resource',
        ['azurerm_virtual_network', netId],
        [
          attr('name', str(vnetName(net.key))),
          ...placement,
          attr('address_space', strings([net.cidrBlock])),
          blank(),
          tagsAttr({ 'resource-key': net.key }),
        ],
      ),
    );
    importBlock(`azurerm_virtual_network.${netId}`, net.sourceId);
    for (const subnet of [...net.subnets].sort((a, b) =>
      a.key < b.key ? -1 : 1,
    )) {
      const subnetId = id('subnet', subnet.key);
      network.push(
        block(
          'resource',
          ['azurerm_subnet', subnetId],
          [
            attr(
              'name',
              str(cloudName('azurerm_subnet', subnet.key, subnet.name)),
            ),
            attr('resource_group_name', expr(`${rg}.name`)),
            attr(
              'virtual_network_name',
              expr(`azurerm_virtual_network.${netId}.name`),
            ),
            attr('address_prefixes', strings([subnet.cidrBlock])),
          ],
        ),
      );
      importBlock(`azurerm_subnet.${subnetId}`, subnet.sourceId);
    }
  }
  for (const { subnet, network: net } of scope.foreignSubnets) {
    network.push(
      block(
        'data',
        ['azurerm_subnet', id('subnet', subnet.key)],
        [
          attr(
            'name',
            str(cloudName('azurerm_subnet', subnet.key, subnet.name)),
          ),
          attr('virtual_network_name', str(vnetName(net.key))),
          attr('resource_group_name', expr(`${rg}.name`)),
        ],
      ),
    );
  }
  const subnetRef = (subnetKey: string) => {
    const { network: net } = index.subnets.get(subnetKey)!;
    return owns(ctx, 'network', net.key)
      ? `azurerm_subnet.${id('subnet', subnetKey)}.id`
      : `data.azurerm_subnet.${id('subnet', subnetKey)}.id`;
  };

  // security.tf — one network security group per group; a machine's network interface is
  // associated with its first group (Azure allows one per interface).
  const security: HclBlock[] = [];
  const nsgName = (key: string) =>
    cloudName(
      'azurerm_network_security_group',
      key,
      index.securityGroups.get(key)!.name,
    );
  for (const group of scope.ownedSecurityGroups) {
    const sgId = id('sg', group.key);
    security.push(
      block(
        'resource',
        ['azurerm_network_security_group', sgId],
        [
          attr('name', str(nsgName(group.key))),
          ...placement,
          blank(),
          tagsAttr({ 'resource-key': group.key }),
        ],
      ),
    );
    importBlock(`azurerm_network_security_group.${sgId}`, group.sourceId);
    group.ingress.forEach((rule, n) => {
      const prefixes = [
        ...(rule.sources ?? []),
        ...groupMemberCidrs(rule.sourceGroupKeys ?? []),
      ];
      if (prefixes.length === 0) {
        ctx.warnings.push(
          `Security group "${group.name}" rule ${
            n + 1
          }: its source groups have no machines, so the rule is left out`,
        );
        return;
      }
      security.push(
        block(
          'resource',
          ['azurerm_network_security_rule', `${sgId}_in_${n + 1}`],
          [
            attr('name', str(`in-${n + 1}`)),
            attr('priority', num(100 + n * 10)),
            attr('direction', str('Inbound')),
            attr('access', str('Allow')),
            attr('protocol', str(PROTOCOLS[rule.protocol])),
            attr('source_port_range', str('*')),
            attr('destination_port_range', str(portRange(rule))),
            attr('source_address_prefixes', strings([...new Set(prefixes)])),
            attr('destination_address_prefix', str('*')),
            ...(rule.description
              ? [attr('description', str(rule.description.slice(0, 140)))]
              : []),
            attr('resource_group_name', expr(`${rg}.name`)),
            attr(
              'network_security_group_name',
              expr(`azurerm_network_security_group.${sgId}.name`),
            ),
          ],
        ),
      );
    });
  }
  for (const group of scope.foreignSecurityGroups) {
    security.push(
      block(
        'data',
        ['azurerm_network_security_group', id('sg', group.key)],
        [
          attr('name', str(nsgName(group.key))),
          attr('resource_group_name', expr(`${rg}.name`)),
        ],
      ),
    );
  }
  for (const group of scope.ownedSecurityGroups) {
    if (group.ingress.length > MAX_RULES_PER_GROUP) {
      ctx.warnings.push(
        `Security group "${group.name}" has ${group.ingress.length} rules; Azure priorities 100-4096 leave room for ${MAX_RULES_PER_GROUP}`,
      );
    }
  }

  /** Azure has no group-to-group rules across interfaces: allow the members' subnets instead. */
  function groupMemberCidrs(keys: string[]): string[] {
    const cidrs = new Set<string>();
    for (const { instance } of index.instances) {
      if (instance.securityGroupKeys.some(k => keys.includes(k))) {
        cidrs.add(index.subnets.get(instance.subnetKey)!.subnet.cidrBlock);
      }
    }
    return [...cidrs].sort();
  }

  const groupRef = (key: string) =>
    owns(ctx, 'securityGroup', key)
      ? `azurerm_network_security_group.${id('sg', key)}.id`
      : `data.azurerm_network_security_group.${id('sg', key)}.id`;

  // compute.tf
  const compute: HclBlock[] = [];
  const instances = [...scope.wave.instances].sort((a, b) =>
    a.key < b.key ? -1 : 1,
  );
  for (const instance of instances) {
    const vmId = id('instance', instance.key);
    const name = cloudName(
      'azurerm_virtual_machine',
      instance.key,
      instance.name,
    );
    compute.push(
      block(
        'resource',
        ['azurerm_network_interface', vmId],
        [
          attr('name', str(`${name.slice(0, 76)}-nic`)),
          ...placement,
          blank(),
          block(
            'ip_configuration',
            [],
            [
              attr('name', str('primary')),
              attr('subnet_id', expr(subnetRef(instance.subnetKey))),
              attr('private_ip_address_allocation', str('Dynamic')),
            ],
          ),
          blank(),
          tagsAttr(),
        ],
      ),
    );
    if (instance.securityGroupKeys.length > 0) {
      if (instance.securityGroupKeys.length > 1) {
        ctx.warnings.push(
          `Machine "${instance.name}" has ${instance.securityGroupKeys.length} security groups; Azure allows one per network interface, so only "${instance.securityGroupKeys[0]}" is associated`,
        );
      }
      compute.push(
        block(
          'resource',
          ['azurerm_network_interface_security_group_association', vmId],
          [
            attr(
              'network_interface_id',
              expr(`azurerm_network_interface.${vmId}.id`),
            ),
            attr(
              'network_security_group_id',
              expr(groupRef(instance.securityGroupKeys[0])),
            ),
          ],
        ),
      );
    }
    compute.push(virtualMachine(instance, vmId, name));
    importBlock(
      `${
        instance.os.family === 'windows'
          ? 'azurerm_windows_virtual_machine'
          : 'azurerm_linux_virtual_machine'
      }.${vmId}`,
      instance.sourceId,
    );
  }

  function virtualMachine(
    instance: IacInstance,
    vmId: string,
    name: string,
  ): HclBlock {
    const windows = instance.os.family === 'windows';
    const image = IMAGES[imageFamily(instance.os)];
    const body: HclBodyItem[] = [
      attr('name', str(name)),
      ...(windows
        ? [
            attr(
              'computer_name',
              str(
                names.cloud.allocate(
                  'azure-computer',
                  instance.key,
                  instance.name,
                  'azure-computer',
                ),
              ),
            ),
          ]
        : []),
      ...placement,
      attr('size', str(instance.instanceType)),
      attr('admin_username', expr('var.admin_username')),
      ...(windows ? [attr('admin_password', expr('var.admin_password'))] : []),
      attr(
        'network_interface_ids',
        hcl.list([expr(`azurerm_network_interface.${vmId}.id`)]),
      ),
      ...(instance.zone ? [attr('zone', str(instance.zone))] : []),
      blank(),
      ...(windows
        ? []
        : [
            block(
              'admin_ssh_key',
              [],
              [
                attr('username', expr('var.admin_username')),
                attr('public_key', expr('var.admin_ssh_public_key')),
              ],
            ),
            blank(),
          ]),
      block(
        'os_disk',
        [],
        [
          attr('caching', str('ReadWrite')),
          attr('storage_account_type', str(instance.rootDisk.storageClass)),
          attr('disk_size_gb', num(instance.rootDisk.sizeGiB)),
          ...(instance.rootDisk.kmsKeyId
            ? [attr('disk_encryption_set_id', str(instance.rootDisk.kmsKeyId))]
            : []),
        ],
      ),
      blank(),
      block(
        'source_image_reference',
        [],
        [
          attr('publisher', str(image.publisher)),
          attr('offer', str(image.offer)),
          attr('sku', str(image.sku)),
          attr('version', str('latest')),
        ],
      ),
      blank(),
      tagsAttr(instanceExtraTags(instance)),
    ];
    return block(
      'resource',
      [
        windows
          ? 'azurerm_windows_virtual_machine'
          : 'azurerm_linux_virtual_machine',
        vmId,
      ],
      body,
    );
  }

  // storage.tf
  const storage: HclBlock[] = [];
  for (const instance of instances) {
    const vmId = id('instance', instance.key);
    const vmType =
      instance.os.family === 'windows'
        ? 'azurerm_windows_virtual_machine'
        : 'azurerm_linux_virtual_machine';
    [...instance.dataDisks]
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .forEach((disk, lun) => {
        const diskId = id('disk', disk.key);
        storage.push(
          block(
            'resource',
            ['azurerm_managed_disk', diskId],
            [
              attr(
                'name',
                str(cloudName('azurerm_managed_disk', disk.key, disk.name)),
              ),
              ...placement,
              attr('storage_account_type', str(disk.storageClass)),
              attr('create_option', str('Empty')),
              attr('disk_size_gb', num(disk.sizeGiB)),
              ...(instance.zone ? [attr('zone', str(instance.zone))] : []),
              ...(disk.kmsKeyId
                ? [attr('disk_encryption_set_id', str(disk.kmsKeyId))]
                : []),
              blank(),
              tagsAttr(),
            ],
          ),
          block(
            'resource',
            ['azurerm_virtual_machine_data_disk_attachment', diskId],
            [
              attr(
                'managed_disk_id',
                expr(`azurerm_managed_disk.${diskId}.id`),
              ),
              attr('virtual_machine_id', expr(`${vmType}.${vmId}.id`)),
              attr('lun', num(lun)),
              attr('caching', str('ReadWrite')),
            ],
          ),
        );
        importBlock(`azurerm_managed_disk.${diskId}`, disk.sourceId);
      });
  }

  // outputs.tf
  const outputs: HclBlock[] = [
    ...(ownsGroup
      ? [
          block(
            'output',
            ['resource_group_id'],
            [
              attr('description', str('Resource group of the migration')),
              attr('value', expr('azurerm_resource_group.migration.id')),
            ],
          ),
        ]
      : []),
    ...mapOutput(
      'private_ips',
      'Private IP address of each machine of this wave',
      instances.map(i => [
        id('instance', i.key),
        `azurerm_network_interface.${id('instance', i.key)}.private_ip_address`,
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
