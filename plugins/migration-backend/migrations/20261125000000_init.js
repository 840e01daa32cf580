/*
 * The migration engine's tables. Every time is epoch milliseconds taken from the database clock,
 * stored as bigint, so lease comparisons are plain numeric comparisons on SQLite and PostgreSQL.
 * JSON values are stored as text for portability.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('migrations', table => {
    table.comment('One requested migration and its overall state');
    table.string('id', 36).primary().notNullable();
    table.string('title', 200).notNullable();
    table.string('status', 32).notNullable();
    table.string('source_environment_id', 255).notNullable();
    table.text('target').notNullable().comment('JSON MigrationTarget');
    table.text('entity_refs').notNullable().comment('JSON array of refs');
    table.string('owner', 255).notNullable();
    table.string('requested_by', 255).notNullable();
    table.text('options').notNullable().comment('JSON MigrationOptions');
    table
      .text('gated_phases')
      .notNullable()
      .comment(
        'JSON array of phases that wait for approval, fixed at creation',
      );
    table.string('current_phase', 32).nullable();
    table.text('status_reason').nullable();
    table.string('idempotency_key', 255).nullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('completed_at').nullable();
    table.unique(['requested_by', 'idempotency_key'], {
      indexName: 'migrations_idempotency_key_idx',
    });
    table.index(['status'], 'migrations_status_idx');
    table.index(['owner'], 'migrations_owner_idx');
    table.index(['created_at'], 'migrations_created_at_idx');
  });

  await knex.schema.createTable('migration_entity_refs', table => {
    table.comment('Lower-cased entity refs of each migration, for filtering');
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable();
    table.primary(['migration_id', 'entity_ref']);
    table.index(['entity_ref'], 'migration_entity_refs_ref_idx');
  });

  await knex.schema.createTable('phases', table => {
    table.comment('The nine phases of each migration');
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('phase', 32).notNullable();
    table.integer('ordinal').notNullable();
    table.string('status', 32).notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('completed_at').nullable();
    table.primary(['migration_id', 'phase']);
  });

  await knex.schema.createTable('tasks', table => {
    table.comment('Units of work, claimed by workers with a lease');
    table.string('id', 36).primary().notNullable();
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('phase', 32).notNullable();
    table.string('task_type', 255).notNullable();
    table.string('key', 255).notNullable();
    table.string('title', 500).notNullable();
    table.string('mode', 16).notNullable().comment('run | compensate');
    table.string('compensates_task_id', 36).nullable();
    table.string('status', 16).notNullable();
    table
      .integer('pending_deps')
      .notNullable()
      .defaultTo(0)
      .comment('Dependencies not yet succeeded; the task is ready at 0');
    table.double('progress').notNullable().defaultTo(0);
    table.text('message').nullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.integer('max_attempts').notNullable();
    table.text('input').notNullable().comment('JSON object');
    table.text('output').nullable().comment('JSON object');
    table.text('error').nullable();
    table
      .integer('seq')
      .notNullable()
      .comment('Creation order within the migration');
    table.string('lease_owner', 255).nullable();
    table.bigInteger('lease_expires_at').nullable();
    table.bigInteger('available_at').notNullable();
    table.bigInteger('created_at').notNullable();
    table.bigInteger('updated_at').notNullable();
    table.bigInteger('started_at').nullable();
    table.bigInteger('completed_at').nullable();
    table.unique(['migration_id', 'key'], { indexName: 'tasks_key_idx' });
    // Partial indexes: a task enters each only in the states that query it, so finishing a task
    // touches as few index pages as possible.
    table.index(['available_at', 'seq'], 'tasks_claim_idx', {
      predicate: knex.whereRaw("status = 'ready'"),
    });
    table.index(['lease_expires_at'], 'tasks_lease_idx', {
      predicate: knex.whereRaw("status = 'running'"),
    });
    table.index(['migration_id', 'phase', 'status'], 'tasks_open_idx', {
      predicate: knex.whereRaw("status in ('pending', 'ready', 'running')"),
    });
  });

  await knex.schema.createTable('task_dependencies', table => {
    table.comment(
      'Edges of the task DAG: task_id waits for depends_on_task_id',
    );
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table
      .string('depends_on_task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table.primary(['task_id', 'depends_on_task_id']);
    table.index(['depends_on_task_id'], 'task_dependencies_reverse_idx');
  });

  await knex.schema.createTable('task_checkpoints', table => {
    table.comment('Persisted results of ctx.checkpoint, replayed on retries');
    table
      .string('task_id', 36)
      .notNullable()
      .references('id')
      .inTable('tasks')
      .onDelete('CASCADE');
    table.string('key', 255).notNullable();
    table.text('value').nullable().comment('JSON value');
    table.bigInteger('created_at').notNullable();
    table.primary(['task_id', 'key']);
  });

  await knex.schema.createTable('approvals', table => {
    table.comment('Approval gates of phases');
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('phase', 32).notNullable();
    table.string('status', 16).notNullable();
    table.bigInteger('requested_at').notNullable();
    table.string('decided_by', 255).nullable();
    table.bigInteger('decided_at').nullable();
    table.text('comment').nullable();
    table.primary(['migration_id', 'phase']);
    table.index(['status'], 'approvals_status_idx');
  });

  await knex.schema.createTable('audit_events', table => {
    table.comment('Append-only record of every state change');
    table.bigIncrements('id').primary();
    table.string('migration_id', 36).notNullable();
    table.bigInteger('at').notNullable();
    table.string('actor', 255).notNullable();
    table.string('action', 64).notNullable();
    table.string('phase', 32).nullable();
    table.string('task_id', 36).nullable();
    table.text('detail').nullable().comment('JSON object');
    table.index(['migration_id', 'id'], 'audit_events_migration_idx');
  });

  await knex.schema.createTable('artifacts', table => {
    table.comment('Files produced by tasks, one per migration and name');
    table
      .string('migration_id', 36)
      .notNullable()
      .references('id')
      .inTable('migrations')
      .onDelete('CASCADE');
    table.string('name', 255).notNullable();
    table.string('media_type', 255).notNullable();
    table.string('sha256', 64).notNullable();
    table.bigInteger('size').notNullable();
    table.binary('content').notNullable();
    table.string('task_id', 36).nullable();
    table.bigInteger('created_at').notNullable();
    table.primary(['migration_id', 'name']);
  });

  await knex.schema.createTable('environment_validations', table => {
    table.comment('The last validate() result of each configured environment');
    table.string('environment_id', 255).primary().notNullable();
    table.string('provider', 64).notNullable();
    table.text('checks').notNullable().comment('JSON EnvironmentCheck[]');
    table.bigInteger('validated_at').notNullable();
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('environment_validations');
  await knex.schema.dropTable('artifacts');
  await knex.schema.dropTable('audit_events');
  await knex.schema.dropTable('approvals');
  await knex.schema.dropTable('task_checkpoints');
  await knex.schema.dropTable('task_dependencies');
  await knex.schema.dropTable('tasks');
  await knex.schema.dropTable('phases');
  await knex.schema.dropTable('migration_entity_refs');
  await knex.schema.dropTable('migrations');
};
