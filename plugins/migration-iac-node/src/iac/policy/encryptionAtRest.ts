import type {
  IacCheckResult,
  IacFinding,
} from '@sirsi-nexus/plugin-migration-common';
import type { ParsedModule } from '../validate/module';
import type { PolicyOptions } from './checks';
import { first, locate, resources, result } from './policyContext';
import { severity } from './rules';

/** Encryption at rest of every disk and volume. */
export function encryptionAtRest(
  modules: ParsedModule[],
  options: PolicyOptions,
): IacCheckResult {
  const findings: IacFinding[] = [];
  let checked = 0;
  const hipaa = options.complianceProfile === 'hipaa';
  const unencrypted = severity(options.complianceProfile, 'encryptionAtRest');
  for (const module of modules) {
    checked += awsEncryption(module, unencrypted, findings);
    checked += customerManagedKeys(module, hipaa, findings);
  }
  return result(
    'policy.encryption-at-rest',
    'Encryption at rest',
    checked,
    findings,
  );
}

/** EBS volumes and instance root and block devices must be encrypted. */
function awsEncryption(
  module: ParsedModule,
  unencrypted: 'warn' | 'fail',
  findings: IacFinding[],
): number {
  let checked = 0;
  for (const block of resources(module, 'aws_ebs_volume')) {
    checked++;
    if (block.body.encrypted !== true) {
      findings.push({
        status: unencrypted,
        ...locate(module, block, 'encrypted'),
        message: `${block.address} is not encrypted at rest`,
        remediation:
          'Set encrypted = true (and kms_key_id for a customer-managed key)',
      });
    }
  }
  for (const block of resources(module, 'aws_instance')) {
    checked++;
    const root = first(block.body.root_block_device);
    if (root?.encrypted !== true) {
      findings.push({
        status: unencrypted,
        ...locate(module, block, 'root_block_device'),
        message: `${block.address} has an unencrypted root volume`,
        remediation: 'Add root_block_device { encrypted = true }',
      });
    }
    for (const device of (block.body.ebs_block_device as any[]) ?? []) {
      if (device?.encrypted !== true) {
        findings.push({
          status: unencrypted,
          ...locate(module, block, 'ebs_block_device'),
          message: `${block.address} has an unencrypted EBS block device ${
            device?.device_name ?? ''
          }`.trim(),
          remediation: 'Set encrypted = true on every ebs_block_device',
        });
      }
    }
  }
  return checked;
}

/**
 * Azure managed disks and Google persistent disks are always encrypted with platform keys;
 * HIPAA asks for customer-managed keys.
 */
function customerManagedKeys(
  module: ParsedModule,
  hipaa: boolean,
  findings: IacFinding[],
): number {
  let checked = 0;
  for (const block of resources(
    module,
    'azurerm_managed_disk',
    'azurerm_linux_virtual_machine',
    'azurerm_windows_virtual_machine',
  )) {
    checked++;
    const cmk =
      block.type === 'azurerm_managed_disk'
        ? block.body.disk_encryption_set_id
        : first(block.body.os_disk)?.disk_encryption_set_id;
    if (hipaa && !cmk) {
      findings.push({
        status: 'warn',
        ...locate(module, block),
        message: `${block.address} uses platform-managed encryption keys; HIPAA expects customer-managed keys`,
        remediation:
          'Set disk_encryption_set_id to a disk encryption set with your key',
      });
    }
  }
  for (const block of resources(
    module,
    'google_compute_disk',
    'google_compute_instance',
  )) {
    checked++;
    const cmk =
      block.type === 'google_compute_disk'
        ? first(block.body.disk_encryption_key)?.kms_key_self_link
        : first(block.body.boot_disk)?.kms_key_self_link;
    if (hipaa && !cmk) {
      findings.push({
        status: 'warn',
        ...locate(module, block),
        message: `${block.address} uses Google-managed encryption keys; HIPAA expects customer-managed keys`,
        remediation:
          'Set a Cloud KMS key (disk_encryption_key / kms_key_self_link)',
      });
    }
  }
  return checked;
}
