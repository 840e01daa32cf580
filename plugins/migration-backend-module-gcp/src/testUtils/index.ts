/**
 * Test utilities of `@sirsi-nexus/plugin-migration-backend-module-gcp`: `msw` fakes of Migrate
 * to Virtual Machines, Compute Engine and Cloud DNS in their real JSON formats, and credentials
 * that need no network, for module authors and for integration tests of the transfer phase.
 *
 * @packageDocumentation
 */
export { createFakeCloudDns } from './fakeCloudDns';
export { createFakeCompute } from './fakeCompute';
export { createFakeVmMigration } from './fakeVmMigration';
export { FAST_RETRY, testAuth } from './googleTestAuth';
export { LOCATION, PROJECT, TARGET_PROJECT, ZONE } from './replicatorSetup';
