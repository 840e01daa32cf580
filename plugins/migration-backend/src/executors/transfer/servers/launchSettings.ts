import {
  MIGRATION_ARTIFACTS,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  type ArtifactReader,
  type LaunchSettings,
} from '@sirsi-nexus/plugin-migration-node';
import type { ServerCandidate } from './serverCandidates';

/**
 * What the Terraform output `launch_settings` says about one machine, in the generated bundle's
 * field names per cloud: AWS `subnet_id` + `security_group_ids`; Azure `subnet_id` +
 * `network_security_group_id`; Google Cloud `subnetwork` (self link) + `network_tags`. Every
 * cloud adds `instance_type`.
 */
interface LaunchOutput {
  subnet_id?: unknown;
  security_group_ids?: unknown;
  network_security_group_id?: unknown;
  subnetwork?: unknown;
  network_tags?: unknown;
  instance_type?: unknown;
}

const text = (value: unknown) =>
  typeof value === 'string' && value ? value : undefined;

const texts = (value: unknown) =>
  Array.isArray(value) && value.every(v => typeof v === 'string')
    ? (value as string[])
    : undefined;

/** The subnet of a machine's entry: an AWS/Azure subnet id or a GCP subnetwork self link. */
const subnetOf = (output: LaunchOutput) =>
  text(output.subnet_id) ?? text(output.subnetwork);

/** Its security groups: AWS group ids, the Azure NSG id or the GCP network tags. */
function securityGroupsOf(output: LaunchOutput): string[] | undefined {
  const nsg = text(output.network_security_group_id);
  return (
    texts(output.security_group_ids) ??
    (nsg ? [nsg] : undefined) ??
    texts(output.network_tags)
  );
}

/**
 * The `launch_settings` outputs of the applied waves, by machine name: a map a wave publishes as
 * `output "launch_settings" { value = { "shop-web-01" = { subnet_id = ..., security_group_ids = [...] } } }`
 * (Azure and Google Cloud name the fields as their resources do, see {@link LaunchOutput}).
 */
async function launchOutputs(
  artifacts: ArtifactReader,
): Promise<Map<string, LaunchOutput>> {
  const build = await readArtifact(artifacts, MIGRATION_ARTIFACTS.build);
  const outputs = new Map<string, LaunchOutput>();
  for (const wave of build?.waves ?? []) {
    if (wave.mode !== 'applied') continue;
    const map = wave.outputs?.launch_settings;
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [name, value] of Object.entries(map)) {
      if (value && typeof value === 'object') {
        outputs.set(name.toLowerCase(), value as LaunchOutput);
      }
    }
  }
  return outputs;
}

/**
 * How each server's target instance is launched: the instance type the assessment sized it to
 * (or the one the build published), subnet and security groups from the build's Terraform output
 * `launch_settings`, and the tags the generated Terraform gives its resources. Missing values are
 * left to the service's defaults.
 */
export async function launchSettingsOf(
  artifacts: ArtifactReader,
  migration: Migration,
  servers: ServerCandidate[],
): Promise<Map<string, LaunchSettings>> {
  const outputs = await launchOutputs(artifacts);
  const settings = new Map<string, LaunchSettings>();
  for (const server of servers) {
    const output = outputs.get(server.name.toLowerCase()) ?? {};
    settings.set(server.entityRef, {
      instanceType: text(output.instance_type) ?? server.instanceType,
      subnetId: subnetOf(output),
      securityGroupIds: securityGroupsOf(output),
      tags: {
        owner: migration.owner,
        'migration-id': migration.id,
        // The same value the generated Terraform tags its resources with.
        wave: String(server.wave),
      },
    });
  }
  return settings;
}
