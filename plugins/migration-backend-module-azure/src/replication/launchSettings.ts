import type {
  MigrationItem,
  UpdateMigrationItemInput,
  VMwareCbtNicInput,
} from '@azure/arm-recoveryservices-siterecovery';
import { InputError } from '@backstage/errors';
import type { LaunchSettings } from '@sirsi-nexus/plugin-migration-node';
import type { SiteRecoverySettings } from './replicationSettings';
import { vmwareDetails } from './replicationState';

const VM_SIZE = /^(Standard|Basic)_[A-Za-z0-9_]+$/;
const SUBNET_ID =
  /^(\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Network\/virtualNetworks\/[^/]+)\/subnets\/([^/]+)$/i;

/**
 * The `update` input that sets how Azure Migrate creates the VM: size, the network and subnet
 * of the primary NIC (and of test migrations, from config), and tags. Network security groups
 * cannot be set on a VMware agentless migration item (`VMwareCbtUpdateMigrationItemInput` has
 * no such field), so they are returned as a warning: associate them with the target subnet.
 *
 * @throws InputError naming the setting that Azure would not accept.
 */
export function launchUpdateInput(
  item: MigrationItem,
  launch: LaunchSettings,
  settings: SiteRecoverySettings,
): { input: UpdateMigrationItemInput; warnings: string[] } {
  const warnings: string[] = [];
  if (launch.instanceType && !VM_SIZE.test(launch.instanceType)) {
    throw new InputError(
      `instanceType "${launch.instanceType}" is not an Azure VM size such as Standard_D2s_v5`,
    );
  }
  const subnet = launch.subnetId ? SUBNET_ID.exec(launch.subnetId) : undefined;
  if (launch.subnetId && !subnet) {
    throw new InputError(
      `subnetId "${launch.subnetId}" is not the resource id of a virtual network subnet`,
    );
  }
  const primary = (vmwareDetails(item)?.vmNics ?? []).find(
    nic => nic.isPrimaryNic === 'true',
  );
  const nic: VMwareCbtNicInput | undefined =
    primary?.nicId && (subnet || settings.testSubnetName)
      ? {
          nicId: primary.nicId,
          isPrimaryNic: 'true',
          targetSubnetName: subnet?.[2],
          testSubnetName: settings.testSubnetName,
        }
      : undefined;
  if (subnet && !nic) {
    warnings.push(
      `${item.properties?.machineName}: Site Recovery reports no primary NIC, so subnet ${subnet[2]} is not set`,
    );
  }
  if (launch.securityGroupIds?.length) {
    warnings.push(
      `${
        item.properties?.machineName
      }: Azure Migrate (VMware agentless) cannot attach network security groups to a migrated VM; associate ${launch.securityGroupIds.join(
        ', ',
      )} with the target subnet instead`,
    );
  }
  const input: UpdateMigrationItemInput = {
    properties: {
      providerSpecificDetails: {
        instanceType: 'VMwareCbt',
        targetVmSize: launch.instanceType,
        targetNetworkId: subnet?.[1],
        testNetworkId: settings.testNetworkId,
        vmNics: nic ? [nic] : undefined,
        targetVmTags: Object.keys(launch.tags).length ? launch.tags : undefined,
      },
    },
  };
  return { input, warnings };
}
