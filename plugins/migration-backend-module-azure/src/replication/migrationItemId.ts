import { InputError } from '@backstage/errors';

/** The parts of a Site Recovery migration item's resource id. */
export interface MigrationItemRef {
  subscriptionId: string;
  resourceGroup: string;
  vault: string;
  fabric: string;
  container: string;
  item: string;
}

const ITEM_ID =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.RecoveryServices\/vaults\/([^/]+)\/replicationFabrics\/([^/]+)\/replicationProtectionContainers\/([^/]+)\/replicationMigrationItems\/([^/]+)$/i;

/**
 * Splits a migration item id (`/Subscriptions/…/replicationMigrationItems/<name>`, spelled in any
 * case — Site Recovery answers with `Subscriptions`) into the names its operations take.
 *
 * @throws InputError naming `field` when the id is not a migration item's.
 */
export function parseMigrationItemId(
  id: string,
  field = 'serverId',
): MigrationItemRef {
  const match = ITEM_ID.exec(id);
  if (!match) {
    throw new InputError(
      `${field}: "${id}" is not the resource id of a Site Recovery migration item`,
    );
  }
  const [, subscriptionId, resourceGroup, vault, fabric, container, item] =
    match.map(decodeURIComponent);
  return { subscriptionId, resourceGroup, vault, fabric, container, item };
}

/** Whether two Azure resource ids name the same resource (they compare without case). */
export function sameResourceId(a: string | undefined, b: string | undefined) {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase();
}
