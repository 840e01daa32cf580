/**
 * Shared types, phases, permissions and signal channels of SirsiNexus Migrate.
 *
 * @packageDocumentation
 */

export * from './phases';
