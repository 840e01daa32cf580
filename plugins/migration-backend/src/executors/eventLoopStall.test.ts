import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Server } from 'node:http';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import { migrationModuleInventory } from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import request from 'supertest';
import { waitFor } from '../__testUtils__/engineHarness';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { DEFAULT_ENGINE_OPTIONS } from '../engine/config';
import { migrationPlugin } from '../plugin';

jest.setTimeout(240_000);

const VMS = 1_000;

/** A layered estate: each VM depends on up to three earlier ones, some of them in cycles. */
function estate(): DiscoveredResource[] {
  const id = (i: number) => `vm-${String(i).padStart(4, '0')}`;
  return Array.from({ length: VMS }, (_, i) => ({
    provider: 'inventory',
    environmentId: 'dc1',
    externalId: id(i),
    kind: 'vm' as const,
    name: id(i),
    specs: {
      vcpus: 2 ** (i % 4),
      memoryMiB: 4096 * 2 ** (i % 3),
      os: { family: 'linux' as const, name: 'Ubuntu 22.04 LTS' },
      ipAddresses: [`10.${(i >> 8) & 255}.${i & 255}.10`],
      disks: [{ sizeGiB: 50 + (i % 7) * 20 }],
    },
    tags: { app: `app-${i % 40}` },
    dependsOn: [i - 1, i - 7, i % 50 === 0 ? i + 3 : i - 13]
      .filter(j => j >= 0 && j < VMS && j !== i)
      .map(id),
    utilization: { cpuP95: 20 + (i % 50), memP95: 30 + (i % 40) },
  }));
}

/** Requests a migration of `entityRefs` and waits until its Build gate waits for approval. */
async function toBuildGate(server: Server, auth: string, entityRefs: string[]) {
  const created = await request(server)
    .post('/api/migration/migrations')
    .set('Authorization', auth)
    .send({
      title: `${entityRefs.length} VMs`,
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs,
    });
  expect(created.status).toBe(201);
  return waitFor(
    async () => {
      const res = await request(server)
        .get(`/api/migration/migrations/${created.body.id}/status`)
        .set('Authorization', auth);
      if (res.body.migration.status === 'failed') {
        throw new Error(`the migration failed: ${JSON.stringify(res.body)}`);
      }
      const build = res.body.phases.find((p: any) => p.phase === 'build');
      return build.status === 'awaiting_approval' ? res.body : undefined;
    },
    200_000,
    'the Build gate',
  );
}

/**
 * The engine's lease is the longest a task's worker may stay silent: a phase that blocks the
 * event loop longer stops the heartbeat, and with several replicas another one could take the task
 * over mid-run. This runs a migration of 1,000 VMs through the real executors of the environment,
 * plan, specify and test phases (assessments, Terraform generation and its validation) until the
 * Build gate, and checks that the event loop never stalled for a third of the lease (the bench
 * measures the same at 5,000 VMs).
 */
describe('a large migration through the real executors', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'never blocks the event loop for a third of the task lease, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const entities = estate().map(r => resourceToEntity(r));
      const inventory = path.resolve(
        __dirname,
        '../../../../examples/inventory/dc1/rvtools-vinfo.csv',
      );
      const { server } = await startTestBackend({
        features: [
          migrationPlugin,
          migrationModuleInventory,
          catalogServiceMock.factory({ entities }),
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              migration: {
                environments: [
                  {
                    id: 'dc1',
                    provider: 'inventory',
                    inventory: { files: [inventory] },
                  },
                ],
                engine: { pollIntervalMs: 50 },
              },
            },
          }),
        ],
      });
      const auth = mockCredentials.user.header('user:default/alice');
      const refs = entities.map(e => `resource:default/${e.metadata.name}`);
      // A small migration first loads every module the phases use: under Jest a first `require`
      // compiles the file on the spot, which is not what a running backend does.
      await toBuildGate(server, auth, refs.slice(0, 10));
      const histogram = monitorEventLoopDelay({ resolution: 20 });
      histogram.enable();
      const status = await toBuildGate(server, auth, refs);
      histogram.disable();

      // The phases before the gate all ran their real work.
      const test = status.phases.find((p: any) => p.phase === 'test');
      expect(test.status).toBe('succeeded');
      expect(status.artifacts.map((a: any) => a.name)).toEqual(
        expect.arrayContaining(['assessment.json', 'iac-bundle.zip']),
      );
      const longestStallMs = histogram.max / 1e6;
      expect(longestStallMs).toBeLessThan(
        DEFAULT_ENGINE_OPTIONS.leaseDurationMs / 3,
      );
    },
  );
});
