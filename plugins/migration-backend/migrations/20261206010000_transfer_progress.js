/*
 * Task journals (`ctx.journal`): small records a task writes often, kept apart from artifacts so
 * they add no audit event per write. The data mover keeps its transfer progress here — the
 * manifest as a base row and the chunks sent and verified as records after it — instead of
 * saving the whole manifest as an artifact after every chunk. Rows of one journal are read in id
 * order; a reset deletes them and writes a new base. Times are epoch milliseconds from the
 * database clock.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('task_journals', table => {
    table.comment(
      'Journals of migrations: a base and the records appended after it',
    );
    table.bigIncrements('id').primary();
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('name', 255).notNullable();
    table
      .string('kind', 8)
      .notNullable()
      .comment('base (what a reset wrote) or record (appended after it)');
    table.text('body').notNullable().comment('JSON');
    table
      .string('task_id', 36)
      .notNullable()
      .comment('The task that wrote the row, under its lease');
    table.bigInteger('created_at').notNullable();
    table.index(['migration_id', 'name', 'id'], 'task_journals_read_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('task_journals');
};
