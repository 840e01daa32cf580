/*
 * How an artifact's content is stored: `identity` (as is) or `gzip`. Large artifacts (a 5,000-VM
 * assessment is 12 MiB of JSON) are stored compressed, so PostgreSQL ships and node-pg decodes a
 * fraction of the bytes; rows written before this migration stay `identity` and read as before.
 * `size` and `sha256` always describe the uncompressed content.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('artifacts', table => {
    table
      .string('content_encoding', 16)
      .notNullable()
      .defaultTo('identity')
      .comment(
        'identity or gzip; size and sha256 are of the uncompressed content',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  // Compressed rows become plain ones first, so no content is lost going back.
  const zlib = require('node:zlib');
  const keys = await knex('artifacts')
    .where({ content_encoding: 'gzip' })
    .select('migration_id', 'name');
  for (const key of keys) {
    const row = await knex('artifacts')
      .where({ migration_id: key.migration_id, name: key.name })
      .first('content');
    await knex('artifacts')
      .where({ migration_id: key.migration_id, name: key.name })
      .update({ content: zlib.gunzipSync(row.content) });
  }
  await knex.schema.alterTable('artifacts', table => {
    table.dropColumn('content_encoding');
  });
};
