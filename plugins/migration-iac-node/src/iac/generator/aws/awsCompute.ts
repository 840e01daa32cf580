import { hcl, type HclBlock, type HclValue } from '../../hcl/document';
import type { IacDisk, IacInstance } from '../../model';
import {
  imageFamily,
  instanceExtraTags,
  isArm64InstanceType,
  requiredTags,
} from '../context';
import type { WaveWriting } from '../waveWriter';
import { awsTags } from './awsTags';

const { attr, block, blank, expr, str, num, bool, strings, stringMap } = hcl;

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

/** Name of the AMI lookup a machine boots from: image family, `_arm64` for Graviton. */
function amiKey(instance: IacInstance): string {
  const family = imageFamily(instance.os);
  const arm =
    family !== 'windows' && isArm64InstanceType('aws', instance.instanceType);
  return arm ? `${family}_arm64` : family;
}

/** One `aws_ami` lookup per image the wave's Terraform-created machines boot from. */
export function awsImages(w: WaveWriting): HclBlock[] {
  const amis = [...new Set(w.instances.map(amiKey))].sort();
  return amis.map(ami => {
    const [family, arch] = ami.split('_');
    const filter = AMI_FILTERS[family];
    return block(
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
    );
  });
}

/** An EC2 instance with an encrypted root volume and IMDSv2 required. */
export function awsInstance(w: WaveWriting, instance: IacInstance): HclBlock {
  return block(
    'resource',
    ['aws_instance', w.id('instance', instance.key)],
    [
      attr('ami', expr(`data.aws_ami.${amiKey(instance)}.id`)),
      attr('instance_type', str(instance.instanceType)),
      attr('subnet_id', expr(w.ref.subnet(instance.subnetKey))),
      attr(
        'vpc_security_group_ids',
        hcl.list(
          instance.securityGroupKeys.map(k => expr(w.ref.securityGroup(k))),
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
              requiredTags(w.model, w.wave, { Name: `${instance.name}-root` }),
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
      awsTags(w, instance.name, instanceExtraTags(instance)),
    ],
  );
}

/** An encrypted EBS volume in the machine's zone, attached as `/dev/sdf`, `/dev/sdg`… */
export function awsVolume(
  w: WaveWriting,
  disk: IacDisk,
  instance: IacInstance,
  position: number,
): HclBlock[] {
  const vmId = w.id('instance', instance.key);
  const diskId = w.id('disk', disk.key);
  return [
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
        awsTags(w, disk.name),
      ],
    ),
    block(
      'resource',
      ['aws_volume_attachment', diskId],
      [
        attr('device_name', str(`/dev/sd${DEVICE_LETTERS[position]}`)),
        attr('volume_id', expr(`aws_ebs_volume.${diskId}.id`)),
        attr('instance_id', expr(`aws_instance.${vmId}.id`)),
      ],
    ),
  ];
}

/**
 * Where MGN launches a machine: the subnet and security groups of its launch template's network
 * interface, and the instance type the assessment sized it to.
 */
export function awsLaunchSettings(
  w: WaveWriting,
  instance: IacInstance,
): HclValue {
  return hcl.object([
    ['subnet_id', expr(w.ref.subnet(instance.subnetKey))],
    [
      'security_group_ids',
      hcl.list(
        instance.securityGroupKeys.map(k => expr(w.ref.securityGroup(k))),
      ),
    ],
    ['instance_type', str(instance.instanceType)],
  ]);
}
