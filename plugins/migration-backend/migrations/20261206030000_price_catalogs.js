/*
 * Instance price lists read from the clouds' public price sources (Azure Retail Prices API, AWS
 * Price List, Google Cloud Billing Catalog) by the scheduled price refresh. The assessment prefers
 * the newest catalog of the target provider over the catalog shipped with it; older ones are kept
 * (a few per provider) so an assessment's `priceCatalog.fetchedAt` can be traced.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('price_catalogs', table => {
    table.comment('Instance price lists fetched from the clouds');
    table.bigIncrements('id').primary();
    table.string('provider', 32).notNullable().comment('aws, azure, gcp');
    table
      .text('source')
      .notNullable()
      .comment('The API or file the prices came from');
    table.string('currency', 8).notNullable();
    table
      .bigInteger('fetched_at')
      .notNullable()
      .comment('When the source was read (epoch milliseconds)');
    table
      .bigInteger('stored_at')
      .notNullable()
      .comment('When the catalog was stored (epoch milliseconds)');
    table.integer('row_count').notNullable();
    table.text('regions').notNullable().comment('JSON array of region ids');
    table
      .text('rows', 'longtext')
      .notNullable()
      .comment('JSON array of instance price rows');
    table.index(['provider', 'fetched_at'], 'price_catalogs_provider_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('price_catalogs');
};
