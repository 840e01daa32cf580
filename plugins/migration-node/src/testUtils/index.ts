/**
 * Test utilities of `@sirsi-nexus/plugin-migration-node`.
 *
 * @packageDocumentation
 */
export { fakeCloudProviderFactory } from './fakeCloudProvider';
export {
  InMemoryServerReplicator,
  type InMemoryReplicatorCall,
  type InMemoryServer,
} from './inMemoryServerReplicator';
export { InMemoryDnsCutover, type InMemoryDnsCall } from './inMemoryDnsCutover';
