/*
 * Which notifications of a migration were sent (a gate waiting, a decision, a failure, the end),
 * one row per event key. The notifier inserts the row before it sends, so each event is announced
 * once across retries, restarts and replicas.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('migration_notifications', table => {
    table.comment('Notifications sent about a migration, one per event');
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table
      .string('event_key', 255)
      .notNullable()
      .comment(
        'The event, e.g. gate:build:<requested at> or failed:<updated at>',
      );
    table.bigInteger('sent_at').notNullable().comment('Epoch milliseconds');
    table.primary(['migration_id', 'event_key']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('migration_notifications');
};
