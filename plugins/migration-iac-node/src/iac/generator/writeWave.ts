import { compareStrings, type HclBlock } from '../hcl/document';
import {
  importCollector,
  mapOutput,
  owns,
  versionsBlocks,
  type WaveBlocks,
  type WaveContext,
} from './context';
import { isLaunchedByService, launchSettingsOutput } from './launchSettings';
import type {
  CloudWaveBlocks,
  CloudWaveWriter,
  WaveWriting,
} from './waveWriter';

const byKey = <T extends { key: string }>(items: T[]) =>
  [...items].sort((a, b) => compareStrings(a.key, b.key));

/** Adopts an existing resource on a same-cloud move: `adopt(type, id, sourceId)`. */
type Adopt = (type: string | undefined, id: string, sourceId?: string) => void;

/**
 * Writes one wave folder with a cloud's writer: the skeleton every cloud shares. Sections are
 * written in a fixed order — network, security, compute, storage, outputs — because cloud-side
 * names are handed out in the order they are asked for.
 */
export function writeWave(
  ctx: WaveContext,
  writer: CloudWaveWriter,
): WaveBlocks {
  const w = waveWriting(ctx, writer);
  const cloud = writer.blocks(w);
  const { imports, importBlock } = importCollector(ctx);
  const adopt: Adopt = (type, id, sourceId) => {
    if (type) importBlock(`${type}.${id}`, sourceId);
  };
  const providers = cloud.providers();
  const variables = cloud.variables();
  const network = networkSection(w, writer, cloud, adopt);
  const security = securitySection(w, writer, cloud, adopt);
  const compute = computeSection(w, writer, cloud, adopt);
  const storage = storageSection(w, writer, cloud, adopt);
  return {
    versions: versionsBlocks(writer.provider),
    providers,
    variables,
    network,
    security,
    storage,
    compute,
    outputs: outputsSection(w, writer, cloud),
    imports,
  };
}

function waveWriting(ctx: WaveContext, writer: CloudWaveWriter): WaveWriting {
  const { names, index, scope } = ctx;
  const id: WaveWriting['id'] = (kind, key) => names.ids.allocate(kind, key);
  const address = (
    owned: boolean,
    type: string | undefined,
    partId: string,
    attribute: string,
  ) => `${owned ? '' : 'data.'}${type}.${partId}.${attribute}`;
  return {
    ...ctx,
    wave: scope.wave.number,
    instances: byKey(scope.wave.instances.filter(i => !isLaunchedByService(i))),
    launchedByService: byKey(scope.wave.instances.filter(isLaunchedByService)),
    id,
    cloudName: (type, key, name) =>
      names.cloud.allocate(type, key, name, writer.nameStyle),
    ref: {
      network: (key, attribute = 'id') =>
        address(
          owns(ctx, 'network', key),
          writer.types.network,
          id('network', key),
          attribute,
        ),
      subnet: (key, attribute = 'id') =>
        address(
          owns(ctx, 'network', index.subnets.get(key)!.network.key),
          writer.types.subnet,
          id('subnet', key),
          attribute,
        ),
      securityGroup: (key, attribute = 'id') =>
        address(
          owns(ctx, 'securityGroup', key),
          writer.types.securityGroup,
          id('sg', key),
          attribute,
        ),
    },
  };
}

/** `network.tf`: the landing zone, owned networks with their subnets, then lookups. */
function networkSection(
  w: WaveWriting,
  writer: CloudWaveWriter,
  cloud: CloudWaveBlocks,
  adopt: Adopt,
): HclBlock[] {
  const blocks: HclBlock[] = [...(cloud.landingZone?.() ?? [])];
  for (const net of w.scope.ownedNetworks) {
    blocks.push(cloud.network(net));
    adopt(writer.types.network, w.id('network', net.key), net.sourceId);
    for (const subnet of byKey(net.subnets)) {
      blocks.push(cloud.subnet(subnet, net));
      adopt(writer.types.subnet, w.id('subnet', subnet.key), subnet.sourceId);
    }
  }
  if (cloud.foreignNetwork) {
    for (const net of w.scope.foreignNetworks) {
      blocks.push(cloud.foreignNetwork(net));
    }
  }
  for (const { subnet, network } of w.scope.foreignSubnets) {
    blocks.push(cloud.foreignSubnet(subnet, network));
  }
  return blocks;
}

/** `security.tf`: owned security groups, then lookups of earlier waves' groups. */
function securitySection(
  w: WaveWriting,
  writer: CloudWaveWriter,
  cloud: CloudWaveBlocks,
  adopt: Adopt,
): HclBlock[] {
  const blocks: HclBlock[] = [];
  for (const group of w.scope.ownedSecurityGroups) {
    blocks.push(...cloud.securityGroup(group));
    adopt(writer.types.securityGroup, w.id('sg', group.key), group.sourceId);
  }
  if (cloud.foreignSecurityGroup) {
    for (const group of w.scope.foreignSecurityGroups) {
      blocks.push(cloud.foreignSecurityGroup(group));
    }
  }
  cloud.afterSecurityGroups?.();
  return blocks;
}

/**
 * `compute.tf`: image lookups, then each machine Terraform creates, in key order. Machines the
 * migration service launches have no resources; `outputs.tf` says where they go.
 */
function computeSection(
  w: WaveWriting,
  writer: CloudWaveWriter,
  cloud: CloudWaveBlocks,
  adopt: Adopt,
): HclBlock[] {
  const blocks: HclBlock[] = [...(cloud.images?.() ?? [])];
  for (const instance of w.instances) {
    blocks.push(...cloud.machine(instance));
    adopt(
      writer.types.machine(instance),
      w.id('instance', instance.key),
      instance.sourceId,
    );
  }
  return blocks;
}

/** `storage.tf`: each machine's data disks in key order, with their attachments. */
function storageSection(
  w: WaveWriting,
  writer: CloudWaveWriter,
  cloud: CloudWaveBlocks,
  adopt: Adopt,
): HclBlock[] {
  const blocks: HclBlock[] = [];
  for (const instance of w.instances) {
    byKey(instance.dataDisks).forEach((disk, position) => {
      blocks.push(...cloud.disk(disk, instance, position));
      adopt(writer.types.disk, w.id('disk', disk.key), disk.sourceId);
    });
  }
  return blocks;
}

/**
 * `outputs.tf`: one map per kind of value, keyed by Terraform identifier, then the launch
 * settings of the machines the migration service launches, keyed by machine name.
 */
function outputsSection(
  w: WaveWriting,
  writer: CloudWaveWriter,
  cloud: CloudWaveBlocks,
): HclBlock[] {
  return [
    ...(cloud.landingZoneOutputs?.() ?? []),
    ...(writer.networkIdsDescription
      ? mapOutput(
          'network_ids',
          writer.networkIdsDescription,
          w.scope.ownedNetworks.map(net => [
            w.id('network', net.key),
            `${writer.types.network}.${w.id('network', net.key)}.id`,
          ]),
        )
      : []),
    ...mapOutput(
      'private_ips',
      'Private IP address of each machine of this wave',
      w.instances.map(i => [
        w.id('instance', i.key),
        cloud.privateIp(w.id('instance', i.key)),
      ]),
    ),
    ...launchSettingsOutput(w, cloud),
  ];
}
