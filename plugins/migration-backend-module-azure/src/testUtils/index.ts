/**
 * Test utilities of `@sirsi-nexus/plugin-migration-backend-module-azure`: `msw` handlers that
 * serve Site Recovery's migration items (ARM JSON with `Azure-AsyncOperation` polling) and Azure
 * DNS record sets (ARM JSON with etags) in their real wire formats, with ARM's throttling and
 * credential faults, for module authors and integration tests of the transfer phase.
 *
 * @packageDocumentation
 */
export {
  ARM,
  SUBSCRIPTION,
  armAuthorizationFailed,
  armExpiredToken,
  armThrottled,
  staticCredential,
  type ArmFaults,
} from './arm';
export {
  RG,
  VAULT,
  createFakeSiteRecovery,
  migrationItem,
  type FakeSiteRecovery,
} from './fakeSiteRecovery';
export { DNS_RG, createFakeAzureDns, type FakeAzureDns } from './fakeAzureDns';
