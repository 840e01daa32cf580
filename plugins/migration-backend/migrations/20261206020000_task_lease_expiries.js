/*
 * How often a task's lease expired because its worker died (process killed, database lost).
 * Counted apart from `attempts`, which counts the errors the executor threw: a dying replica is
 * not the task's fault, so it gets its own, larger budget (`migration.engine.maxLeaseExpiries`).
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('tasks', table => {
    table
      .integer('lease_expiries')
      .notNullable()
      .defaultTo(0)
      .comment('Leases of this task that expired since its last retry');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('tasks', table => {
    table.dropColumn('lease_expiries');
  });
};
