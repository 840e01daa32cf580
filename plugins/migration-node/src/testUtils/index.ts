/**
 * Test utilities of `@sirsi-nexus/plugin-migration-node`.
 *
 * @packageDocumentation
 */
export { fakeCloudProviderFactory } from './fakeCloudProvider';
