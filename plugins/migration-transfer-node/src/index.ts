/**
 * Transfer library of SirsiNexus Migrate: the verified, resumable data mover with its manifest
 * and bandwidth limit, file and HTTP sources, the file target, the DNS cutover plan, and the
 * probes the validate phase runs against migrated targets.
 *
 * @packageDocumentation
 */

export * from './transfer';
export * from './validation';
