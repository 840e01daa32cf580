import { hcl, type HclBlock, type HclValue } from '../../hcl/document';
import type { IacDisk, IacInstance } from '../../model';
import {
  imageFamily,
  instanceExtraTags,
  isArm64InstanceType,
} from '../context';
import type { WaveWriting } from '../waveWriter';
import { gcpGroupTag, gcpLabelsAttr } from './gcpLabels';

const { attr, block, blank, expr, str, num, bool, strings } = hcl;

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

/**
 * A Compute Engine instance with a shielded boot disk, tagged with its security groups. Data
 * disks attach separately, so `attached_disk` changes are ignored.
 */
export function gcpInstance(w: WaveWriting, instance: IacInstance): HclBlock {
  return block(
    'resource',
    ['google_compute_instance', w.id('instance', instance.key)],
    [
      attr(
        'name',
        str(
          w.cloudName('google_compute_instance', instance.key, instance.name),
        ),
      ),
      attr('machine_type', str(instance.instanceType)),
      attr('zone', instance.zone ? str(instance.zone) : expr('var.zone')),
      attr(
        'tags',
        strings(instance.securityGroupKeys.map(key => gcpGroupTag(w, key))),
      ),
      blank(),
      bootDisk(instance),
      blank(),
      block(
        'network_interface',
        [],
        [attr('subnetwork', expr(w.ref.subnet(instance.subnetKey)))],
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
      ...gcpLabelsAttr(w, instanceExtraTags(instance)),
    ],
  );
}

function bootDisk(instance: IacInstance): HclBlock {
  const images = IMAGES[imageFamily(instance.os)];
  const arm = isArm64InstanceType('gcp', instance.instanceType);
  return block(
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
  );
}

/** A persistent disk in the machine's zone and its attachment. */
export function gcpDisk(
  w: WaveWriting,
  disk: IacDisk,
  instance: IacInstance,
): HclBlock[] {
  const vmId = w.id('instance', instance.key);
  const diskId = w.id('disk', disk.key);
  return [
    block(
      'resource',
      ['google_compute_disk', diskId],
      [
        attr(
          'name',
          str(w.cloudName('google_compute_disk', disk.key, disk.name)),
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
        ...gcpLabelsAttr(w),
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
  ];
}

/**
 * Where Migrate to Virtual Machines launches a machine: the subnetwork's self link, the network
 * tags its firewall rules select (one per security group) and the machine type.
 */
export function gcpLaunchSettings(
  w: WaveWriting,
  instance: IacInstance,
): HclValue {
  return hcl.object([
    ['subnetwork', expr(w.ref.subnet(instance.subnetKey, 'self_link'))],
    [
      'network_tags',
      strings(instance.securityGroupKeys.map(key => gcpGroupTag(w, key))),
    ],
    ['instance_type', str(instance.instanceType)],
  ]);
}
