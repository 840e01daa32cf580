import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import {
  type Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { EntityMatch, ResolvedResource } from '../database/MigrationStore';
import { requestedOnly } from '../database/knex/resourceIndex';
import {
  CONTAINER_KINDS,
  readCatalogSelection,
  refOf,
} from '../executors/plan/readCatalogSelection';

/**
 * Resolves requested entity refs through the catalog, for the resolved resources stored at
 * creation and for the `entityRef` filter of `GET /migrations`.
 *
 * @public
 */
export interface MigrationResourceResolver {
  /** The requested refs and what they stand for (systems, domains and groups expanded). */
  resolve(entityRefs: string[]): Promise<ResolvedResource[]>;
  /** What a migration touching `entityRefs` may have requested or resolved. */
  match(entityRefs: string[]): Promise<EntityMatch>;
}

const lower = (ref: string) => ref.toLocaleLowerCase('en-US');

/** The Systems, Domains and Groups an entity belongs to: `partOf`, `ownedBy`, `spec.system`. */
function containersOf(entity: Entity): string[] {
  const refs = (entity.relations ?? [])
    .filter(r => r.type === 'partOf' || r.type === 'ownedBy')
    .map(r => r.targetRef);
  const system = entity.spec?.system;
  if (typeof system === 'string' && system) {
    const ref = parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    refs.push(stringifyEntityRef(ref));
  }
  return refs
    .map(lower)
    .filter(ref =>
      (CONTAINER_KINDS as readonly string[]).includes(parseEntityRef(ref).kind),
    );
}

/**
 * A {@link MigrationResourceResolver} over the catalog, with the plugin's own credentials. When
 * the catalog cannot answer, a migration keeps just its requested refs (the plan phase fills in
 * the rest) and a list matches just the refs asked for.
 *
 * @public
 */
export function createCatalogResourceResolver(deps: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): MigrationResourceResolver {
  const select = async (entityRefs: string[]) =>
    readCatalogSelection({
      catalog: deps.catalog,
      entityRefs,
      credentials: await deps.auth.getOwnServiceCredentials(),
    });
  return {
    async resolve(entityRefs) {
      try {
        const { resolved, unknownRefs } = await select(entityRefs);
        return [...resolved, ...requestedOnly(unknownRefs)];
      } catch (error) {
        deps.logger.warn(
          `Could not resolve ${entityRefs.length} entities through the catalog; storing the requested refs only: ${error}`,
        );
        return requestedOnly(entityRefs);
      }
    },
    async match(entityRefs) {
      const refs = entityRefs.map(lower);
      try {
        const { entities, resolved } = await select(refs);
        const asked = new Set(refs);
        return {
          refs,
          containers: [
            ...new Set(
              entities.filter(e => asked.has(refOf(e))).flatMap(containersOf),
            ),
          ],
          parts: resolved
            .filter(r => r.viaRef !== r.entityRef)
            .map(r => r.entityRef),
        };
      } catch (error) {
        deps.logger.warn(
          `Could not look up ${entityRefs.length} entities in the catalog; matching them only: ${error}`,
        );
        return { refs, containers: [], parts: [] };
      }
    },
  };
}
