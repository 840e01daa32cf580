import type { Entity } from '@backstage/catalog-model';
import {
  MIGRATION_ARTIFACTS,
  type CapturedEntity,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { entityToDiscoveredResource } from '../catalog';
import { readArtifact } from './artifacts';
import { PermanentTaskError } from './errors';
import type { ArtifactReader } from './types';

/**
 * One entity of a migration as the plan phase captured it, with the discovered resource it
 * describes.
 *
 * @public
 */
export interface MigrationResource {
  /** `kind:namespace/name` of the entity, lower-cased the way catalog refs compare. */
  entityRef: string;
  /** The catalog entity as the plan phase captured it. */
  entity: CapturedEntity;
  /** The discovered resource; absent for entities discovery did not create (a System, a hand-written Resource). */
  resource?: DiscoveredResource;
  /** Why there is no `resource`. */
  notDiscovered?: string;
}

/**
 * `kind:namespace/name` of a captured entity, lower-cased the way catalog refs compare.
 *
 * @public
 */
export function entityRefOf(entity: CapturedEntity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

function toMigrationResource(entity: CapturedEntity): MigrationResource {
  const entityRef = entityRefOf(entity);
  try {
    const resource = entityToDiscoveredResource(entity as unknown as Entity);
    return { entityRef, entity, resource };
  } catch (error) {
    return { entityRef, entity, notDiscovered: (error as Error).message };
  }
}

/**
 * The entities of a migration as the plan phase captured them in `plan-entities.json` (the
 * selection with the Resources of selected Systems expanded), each with the discovered resource
 * it describes. Every executor that needs the migration's resources reads them here.
 *
 * @param options.optional - return an empty list instead of failing when the plan phase has not
 *   stored the snapshot (for readers that also serve migrations before their plan phase).
 * @throws PermanentTaskError when the snapshot is missing and not optional.
 * @throws InputError when the snapshot does not match the phase contract.
 * @public
 */
export async function readMigrationResources(
  artifacts: ArtifactReader,
  options: { optional?: boolean } = {},
): Promise<MigrationResource[]> {
  const definition = MIGRATION_ARTIFACTS.planEntities;
  const plan = await readArtifact(artifacts, definition);
  if (!plan) {
    if (options.optional) {
      return [];
    }
    throw new PermanentTaskError(
      `The ${definition.name} artifact of the plan phase is missing; the catalog snapshot must run first`,
    );
  }
  return plan.entities.map(toMigrationResource);
}
