import type { IacCheckResult } from '@sirsi-nexus/plugin-migration-common';
import {
  landingZoneCheck,
  type IacNetwork,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type {
  CloudCapabilityLookup,
  TaskContext,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Compares the generated networks with the networks that exist in the target environment
 * (listed through the target cloud's `targetNetworks` capability). Skipped with the reason when
 * the migration names no target environment (whose credentials would list them) or the cloud
 * cannot list networks; a listing error fails the task (and is retried).
 */
export async function checkLandingZone(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup | undefined,
  networks: readonly IacNetwork[],
): Promise<IacCheckResult> {
  const { target } = ctx.migration;
  if (!target.environmentId) {
    return landingZoneCheck(networks, {
      skipped:
        "No target environment is configured (target.environmentId), so the target's existing networks cannot be listed",
    });
  }
  const lister = capabilities?.get(target.provider).targetNetworks;
  if (!lister) {
    return landingZoneCheck(networks, {
      skipped: `No installed module lists the networks of ${target.provider} targets`,
    });
  }
  const existing = await lister.listNetworks(target, ctx.signal);
  ctx.logger.info(
    `Target environment ${target.environmentId} has ${existing.length} network(s); comparing ${networks.length} generated network(s) with them`,
  );
  return landingZoneCheck(networks, existing);
}
