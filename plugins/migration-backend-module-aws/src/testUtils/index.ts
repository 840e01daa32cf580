/**
 * Test utilities of `@sirsi-nexus/plugin-migration-backend-module-aws`: `msw` handlers that serve
 * MGN (REST-JSON), EC2 (Query/XML) and Route 53 (REST-XML) in their real wire formats, scripted
 * per test, for module authors and for integration tests of the transfer phase.
 *
 * @packageDocumentation
 */
export { S1, TARGET, targetConfig } from './awsTarget';
export { ec2Script, launchTemplateVersion, reservations } from './ec2Wire';
export { job, mgnScript, sourceServer } from './mgnWire';
export { changeInfo, recordSets, route53Script } from './route53Wire';
export { CallLog } from './scriptedService';
