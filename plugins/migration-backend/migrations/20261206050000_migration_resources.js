/*
 * The resolved resources of each migration: the requested entities plus what they stand for in
 * the catalog (the parts of a requested System or Domain, the entities a requested Group owns),
 * one row per entity, with the requested ref it came through and, once the plan phase has
 * planned the waves, its wave. `GET /migrations?entityRef=` and the resource counts read it.
 * Existing migrations are filled with their requested refs.
 */

/** The kind of an entity ref (`kind:namespace/name`), lower-cased; `component` without one. */
function kindOf(ref) {
  const colon = ref.indexOf(':');
  return colon > 0 ? ref.slice(0, colon).toLowerCase() : 'component';
}

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('migration_resources', table => {
    table.comment(
      'Resolved entities of each migration (systems, groups and domains expanded)',
    );
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table
      .string('entity_ref', 255)
      .notNullable()
      .comment('Lower-case entity ref of the resolved entity');
    table
      .string('via_ref', 255)
      .notNullable()
      .comment(
        'Lower-case requested ref it came through; equal to entity_ref when requested itself',
      );
    table
      .integer('wave')
      .nullable()
      .comment('Its wave, once the plan phase has planned the waves');
    table
      .string('kind', 64)
      .notNullable()
      .comment('Lower-case entity kind, e.g. resource, component, system');
    table.primary(['migration_id', 'entity_ref']);
    table.index(['entity_ref'], 'migration_resources_ref_idx');
    table.index(['migration_id', 'kind'], 'migration_resources_migration_idx');
  });

  let after = '';
  for (;;) {
    const migrations = await knex('migration_entity_refs')
      .distinct('migration_id')
      .where('migration_id', '>', after)
      .orderBy('migration_id')
      .limit(200);
    if (migrations.length === 0) break;
    after = migrations[migrations.length - 1].migration_id;
    const refs = await knex('migration_entity_refs').whereIn(
      'migration_id',
      migrations.map(m => m.migration_id),
    );
    for (let i = 0; i < refs.length; i += 500) {
      await knex('migration_resources').insert(
        refs.slice(i, i + 500).map(r => ({
          migration_id: r.migration_id,
          entity_ref: r.entity_ref,
          via_ref: r.entity_ref,
          wave: null,
          kind: kindOf(r.entity_ref),
        })),
      );
    }
  }
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('migration_resources');
};
