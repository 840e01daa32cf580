import type { SetupServer } from 'msw/node';
import { MigrateToVmsServerReplicator } from '../replication/MigrateToVmsServerReplicator';
import { createFakeCompute } from './fakeCompute';
import { createFakeVmMigration } from './fakeVmMigration';
import { FAST_RETRY, testAuth } from './googleTestAuth';

export const PROJECT = 'landing-zone-4711';
export const LOCATION = 'europe-west1';
export const TARGET_PROJECT = 'shop-prod-4711';
export const ZONE = 'europe-west1-b';

/** Migrate to Virtual Machines and Compute Engine served by msw, and a replicator talking to them. */
export function replicatorSetup(
  server: SetupServer,
  options: { pageSize?: number; now?: Date } = {},
) {
  const compute = createFakeCompute();
  const m2vm = createFakeVmMigration({
    compute,
    project: PROJECT,
    location: LOCATION,
    source: 'vmware-dc1',
    targetProject: TARGET_PROJECT,
    zone: ZONE,
    pageSize: options.pageSize,
  });
  server.use(m2vm.handler, compute.handler);
  const replicator = new MigrateToVmsServerReplicator({
    auth: testAuth(),
    project: PROJECT,
    location: LOCATION,
    source: 'vmware-dc1',
    retry: FAST_RETRY,
    pollIntervalMs: 1,
    now: options.now ? () => options.now! : undefined,
  });
  return { compute, m2vm, replicator };
}
