/*
 * The records a migration is created from and listed by: the new migration, its audit entry, its
 * resolved resources and the conditions of the migration list.
 */
import type { JsonObject } from '@backstage/types';
import type {
  MigrationOptions,
  MigrationPhase,
  MigrationTarget,
} from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';

/**
 * Narrows a query over `migrations` (columns qualified, e.g. `migrations.owner`), e.g. a
 * translated conditional permission decision.
 *
 * @public
 */
export type MigrationRowFilter = (query: Knex.QueryBuilder) => void;

/**
 * What an audit event records besides the migration and the time (both filled in by the store).
 *
 * @public
 */
export interface AuditEntry {
  /** User or service entity ref, or `plugin:migration` for the engine itself. */
  actor: string;
  action: string;
  phase?: MigrationPhase;
  taskId?: string;
  detail?: JsonObject;
}

/** @public */
export interface NewMigration {
  id: string;
  title: string;
  sourceEnvironmentId: string;
  target: MigrationTarget;
  entityRefs: string[];
  owner: string;
  requestedBy: string;
  options: MigrationOptions;
  gatedPhases: MigrationPhase[];
  idempotencyKey?: string;
  /**
   * The requested entities resolved through the catalog (systems, domains and groups expanded);
   * the requested refs alone when not given.
   */
  resources?: ResolvedResource[];
}

/**
 * One resolved entity of a migration, as stored in `migration_resources`.
 *
 * @public
 */
export interface ResolvedResource {
  /** Entity ref (stored lower-case). */
  entityRef: string;
  /** The requested ref it came through; `entityRef` itself when it was requested. */
  viaRef: string;
  /** Entity kind, e.g. `resource`, `system` (stored lower-case). */
  kind: string;
}

/**
 * What `GET /migrations?entityRef=` looks for: the entities asked for, the Systems and Groups
 * they belong to and their own parts (all refs compared lower-case).
 *
 * @public
 */
export interface EntityMatch {
  refs: string[];
  /** Systems, Domains and Groups the entities belong to (a migration requested one of them). */
  containers: string[];
  /** Parts of the entities that are Systems, Domains or Groups. */
  parts: string[];
}

/**
 * The migration list's extra conditions: an entity match (with each item's involvement) and a
 * filter of the permission policy.
 *
 * @public
 */
export interface ListMigrationsOptions {
  match?: EntityMatch;
  /** Narrows the `migrations` rows, e.g. a translated conditional permission decision. */
  where?: MigrationRowFilter;
}
