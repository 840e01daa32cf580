/*
 * When the scheduled operational report of a migration was last sent (epoch milliseconds), so
 * each cron occurrence is reported once, across restarts and replicas.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('migration_support_configs', table => {
    table
      .bigInteger('last_report_at')
      .nullable()
      .comment('When the scheduled report was last sent');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('migration_support_configs', table => {
    table.dropColumn('last_report_at');
  });
};
