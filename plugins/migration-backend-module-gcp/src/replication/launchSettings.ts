import { InputError } from '@backstage/errors';
import type { LaunchSettings } from '@sirsi-nexus/plugin-migration-node';
import type { ComputeEngineTargetDefaults } from './vmMigrationTypes';

/** A subnetwork as Compute Engine names it. */
export interface SubnetworkRef {
  project: string;
  region: string;
  subnetwork: string;
  /** `projects/p/regions/r/subnetworks/s`. */
  path: string;
}

const SUBNET_PATH =
  /(?:^|\/)projects\/([^/]+)\/regions\/([^/]+)\/subnetworks\/([^/]+)$/;
const RFC1035 = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const MACHINE_TYPE = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** Reads a subnetwork id as Terraform outputs it: its path or self link. */
export function parseSubnetwork(subnetId: string): SubnetworkRef {
  const match = SUBNET_PATH.exec(subnetId.trim());
  if (!match) {
    throw new InputError(
      `subnetId '${subnetId}' must be a subnetwork path projects/<project>/regions/<region>/subnetworks/<name> or its self link`,
    );
  }
  const [, project, region, subnetwork] = match;
  return {
    project,
    region,
    subnetwork,
    path: `projects/${project}/regions/${region}/subnetworks/${subnetwork}`,
  };
}

/** A tag as a Compute Engine label: lower case, `[a-z0-9_-]`, at most 63 characters, keys starting with a letter. */
function labelPart(value: string, key: boolean) {
  let out = value
    .toLowerCase()
    .replace(/[^\p{Ll}\p{Lo}0-9_-]/gu, '_')
    .slice(0, 63);
  if (key && !/^\p{Ll}/u.test(out)) out = `t_${out}`.slice(0, 63);
  return out;
}

function toLabels(tags: Record<string, string>) {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    const label = labelPart(key, true);
    if (Object.hasOwn(labels, label)) {
      throw new InputError(
        `tags.${key}: becomes label '${label}' like another tag; Compute Engine labels are lower case`,
      );
    }
    labels[label] = labelPart(value, false);
  }
  return labels;
}

/** The `computeEngineTargetDefaults` patch of a migrating VM and its update mask. */
export interface TargetDefaultsPatch {
  computeEngineTargetDefaults: ComputeEngineTargetDefaults;
  /** Comma-separated field paths, as the service's update masks name them. */
  updateMask: string;
}

/**
 * How the assessment's launch settings become a migrating VM's target defaults: the instance
 * type is the machine type (and its series), the subnet the first network interface (with the
 * network `network` it belongs to), security groups become network tags (firewall rules select
 * instances by tag), tags become labels. Only the fields given are in the mask.
 */
export function launchPatch(
  settings: LaunchSettings,
  network?: { network: string; subnetwork: string },
): TargetDefaultsPatch {
  const defaults: ComputeEngineTargetDefaults = {};
  const mask: string[] = [];
  const field = 'compute_engine_target_defaults';
  if (settings.instanceType) {
    if (!MACHINE_TYPE.test(settings.instanceType)) {
      throw new InputError(
        `instanceType '${settings.instanceType}' is not a Compute Engine machine type (e.g. n2-standard-4)`,
      );
    }
    defaults.machineType = settings.instanceType;
    mask.push(`${field}.machine_type`);
    if (!settings.instanceType.startsWith('custom-')) {
      defaults.machineTypeSeries = settings.instanceType.split('-')[0];
      mask.push(`${field}.machine_type_series`);
    }
  }
  if (network) {
    defaults.networkInterfaces = [network];
    mask.push(`${field}.network_interfaces`);
  }
  if (settings.securityGroupIds?.length) {
    const bad = settings.securityGroupIds.find(tag => !RFC1035.test(tag));
    if (bad !== undefined) {
      throw new InputError(
        `securityGroupIds: '${bad}' is not a network tag (lower-case letters, digits and dashes, starting with a letter, at most 63 characters)`,
      );
    }
    defaults.networkTags = [...settings.securityGroupIds];
    mask.push(`${field}.network_tags`);
  }
  if (Object.keys(settings.tags).length > 0) {
    defaults.labels = toLabels(settings.tags);
    mask.push(`${field}.labels`);
  }
  return { computeEngineTargetDefaults: defaults, updateMask: mask.join(',') };
}
