/**
 * The migration backend plugin of SirsiNexus Migrate.
 *
 * @packageDocumentation
 */

export { migrationPlugin as default } from './plugin';
export { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';
export {
  createMigrationConditionalDecision,
  migrationConditions,
  migrationResourceRef,
  migrationRules,
  type MigrationRuleQuery,
} from './service/permissions/migrationRules';
