/*
 * Tables of the execution routes: the monitoring configuration stored by
 * POST /migrations/{id}/configure-support (with the code generated from it) and the alerts
 * Alertmanager delivered to POST /migrations/{id}/alerts, one row per fingerprint.
 * Times are epoch milliseconds from the database clock, like the engine's tables.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('migration_support_configs', table => {
    table.comment(
      'MonitoringConfig of a migration and the code generated from it',
    );
    table
      .string('migration_id', 36)
      .primary()
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.text('config').notNullable().comment('JSON MonitoringConfig');
    table.text('generated').notNullable().comment('JSON GeneratedMonitoring');
    table.text('target').notNullable().comment('JSON MigrationTarget');
    table.string('updated_by', 255).notNullable();
    table.bigInteger('updated_at').notNullable();
  });

  await knex.schema.createTable('migration_alerts', table => {
    table.comment(
      'Alerts received from Alertmanager, de-duplicated by fingerprint',
    );
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('fingerprint', 64).notNullable();
    table.string('status', 16).notNullable();
    table.string('alertname', 255).notNullable();
    table.string('severity', 32).nullable();
    table.text('labels').notNullable().comment('JSON object');
    table.text('annotations').notNullable().comment('JSON object');
    table
      .string('starts_at', 64)
      .notNullable()
      .comment('As Alertmanager sent it');
    table.string('ends_at', 64).nullable();
    table.text('generator_url').nullable();
    table.bigInteger('first_received_at').notNullable();
    table.bigInteger('last_received_at').notNullable();
    table.integer('receive_count').notNullable().defaultTo(1);
    table.primary(['migration_id', 'fingerprint']);
    table.index(
      ['migration_id', 'last_received_at'],
      'migration_alerts_recent_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('migration_alerts');
  await knex.schema.dropTable('migration_support_configs');
};
