/*
 * Links each received alert to the migration resource it concerns: the host of its `instance`
 * label (port stripped) and the resource whose name, host name or IP address matched it. Alerts
 * that match nothing keep these columns empty and stay listed.
 */

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('migration_alerts', table => {
    table
      .string('instance', 255)
      .nullable()
      .comment('Host of the instance label, without the port');
    table
      .string('resource_id', 255)
      .nullable()
      .comment('External id of the matched migration resource');
    table.string('resource_name', 255).nullable();
    table
      .string('resource_entity_ref', 255)
      .nullable()
      .comment('Catalog entity ref of the matched resource');
    table.index(
      ['resource_entity_ref', 'status'],
      'migration_alerts_resource_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('migration_alerts', table => {
    table.dropIndex(
      ['resource_entity_ref', 'status'],
      'migration_alerts_resource_idx',
    );
    table.dropColumn('resource_entity_ref');
    table.dropColumn('resource_name');
    table.dropColumn('resource_id');
    table.dropColumn('instance');
  });
};
