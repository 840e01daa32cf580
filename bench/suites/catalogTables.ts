/**
 * What the catalog's own tables and PostgreSQL's statistics say about an ingestion, for the
 * catalog-ingestion suite.
 */
import type { Knex } from 'knex';

interface Progress {
  total: number;
  processed: number;
  pendingStitch: number;
  stitched: number;
}

/** How far the catalog is, from its own tables. */
export async function progress(knex: Knex): Promise<Progress> {
  const [state] = await knex('refresh_state')
    .where('entity_ref', 'like', 'resource:%')
    .select(
      knex.raw('count(*)::int as total'),
      knex.raw('count(processed_entity)::int as processed'),
    );
  // Stitch requests wait in stitch_queue (also for refs without an entity, e.g. the owner group).
  const [queue] = await knex('stitch_queue')
    .where('entity_ref', 'like', 'resource:%')
    .count({ pendingStitch: '*' });
  const [final] = await knex('final_entities')
    .where('entity_ref', 'like', 'resource:%')
    .whereNotNull('final_entity')
    .count({ stitched: '*' });
  return {
    ...(state as any),
    pendingStitch: Number(queue.pendingStitch),
    stitched: Number(final.stitched),
  };
}

/**
 * What PostgreSQL did for the run (its statistics of this database): rows written to the
 * catalog's tables (final_entities updates ≈ stitches that changed an entity) and commits.
 */
export async function postgresWork(knex: Knex) {
  // Statistics reach the shared view within a second of each transaction.
  await new Promise(r => setTimeout(r, 1500));
  const tables = await knex('pg_stat_user_tables')
    .whereIn('relname', [
      'final_entities',
      'search',
      'relations',
      'refresh_state',
    ])
    .select('relname', knex.raw('(n_tup_ins + n_tup_upd)::bigint as written'));
  const [db] = await knex('pg_stat_database')
    .where('datname', knex.raw('current_database()'))
    .select(knex.raw('xact_commit::bigint as commits'));
  const written = tables
    .map((t: any) => `${t.relname} ${Number(t.written)}`)
    .join(', ');
  return `rows written: ${written}; ${Number(db.commits)} commits`;
}
