/**
 * Backend library of SirsiNexus Migrate: cloud providers and extension points shared by the
 * migration backend plugin and its modules.
 *
 * @packageDocumentation
 */

export { MIGRATION_PHASES } from '@sirsi-nexus/plugin-migration-common';
