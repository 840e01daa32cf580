import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import type { TestDatabaseId } from '@backstage/backend-test-utils';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  type BuildReport,
  type DiscoveredResource,
  type MigrationReport,
  type OptimizationReport,
  type TransferReport,
  type ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import { zipBundle } from '@sirsi-nexus/plugin-migration-iac-node';
import {
  createCloudCapabilityLookup,
  resourceToEntity,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitForStatus,
  type TestEngine,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { KnexMigrationStore } from '../database/KnexMigrationStore';
import { KnexExecutionStore } from '../database/KnexExecutionStore';
import { createMigrationAccess } from '../engine/createMigrationAccess';
import { readExecutionConfig } from './config';
import { createBuildExecutor } from './build/createBuildExecutor';
import { createOptimizeExecutor } from './optimize/createOptimizeExecutor';
import { createReportExecutor } from './support/createReportExecutor';
import { createSupportExecutor } from './support/createSupportExecutor';
import { createTerraformPlanExecutor } from './test/createTerraformPlanExecutor';
import { createTransferExecutor } from './transfer/createTransferExecutor';
import { createValidateExecutor } from './validate/createValidateExecutor';

jest.setTimeout(120_000);

/** The real terraform binary: its built-in `terraform_data` resources need no provider download. */
const TERRAFORM = process.env.SIRSI_TEST_TERRAFORM ?? 'terraform';
beforeAll(() => {
  try {
    execFileSync(TERRAFORM, ['version'], { stdio: 'ignore' });
  } catch {
    throw new Error(
      `These tests run the real ${TERRAFORM}; install Terraform/OpenTofu or set SIRSI_TEST_TERRAFORM`,
    );
  }
});

/** Extra HCL for wave 1, to make an apply fail. */
let wave1Extra = '';
let dir: string;
let service: net.Server;
let servicePort: number;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-exec-'));
  await fs.mkdir(path.join(dir, 'source'));
  service = net.createServer(socket => socket.end());
  await new Promise<void>(r => service.listen(0, '127.0.0.1', () => r()));
  servicePort = (service.address() as AddressInfo).port;
});
afterEach(async () => {
  wave1Extra = '';
  await new Promise(r => service.close(r));
  await fs.rm(dir, { recursive: true, force: true });
});

function resources(dump: string): DiscoveredResource[] {
  return [
    {
      provider: 'inventory',
      environmentId: 'dc1',
      externalId: 'vm-web-01',
      kind: 'vm',
      name: 'web-01',
      specs: {
        vcpus: 4,
        memoryMiB: 16384,
        ipAddresses: ['127.0.0.1'],
        disks: [{ sizeGiB: 50, type: 'thin' }],
      },
      tags: {
        owner: 'team-webshop',
        'transfer-source': `file://${dump}`,
        'dns-name': 'shop.example.com',
        port: String(servicePort),
        environment: 'production',
        tier: 'web',
      },
      dependsOn: [],
      utilization: { cpuP95: 30, memP95: 40 },
    },
  ];
}

/** The plan and test phases as their real executors leave them: entities and an IaC bundle. */
function upstreamExecutors(dump: string): MigrationExecutor[] {
  const wave = (n: number, extra = '') =>
    `resource "terraform_data" "network_${n}" {\n  input = "vpc-${n}"\n}\n\nresource "terraform_data" "instance_${n}" {\n  input = terraform_data.network_${n}.output\n}\n${extra}`;
  const endpoints = `\noutput "endpoints" {\n  value = [{ name = "web-01", host = "127.0.0.1", port = ${servicePort} }]\n}\n`;
  return [
    {
      phase: 'plan',
      taskType: 'test.plan',
      plan: () => [{ key: 'plan.work', title: 'Capture entities' }],
      async run(ctx) {
        await ctx.artifacts.put(MIGRATION_ARTIFACTS.planEntities.name, {
          capturedAt: new Date().toISOString(),
          selectedRefs: ['resource:default/web-01'],
          entities: resources(dump).map(r =>
            JSON.parse(
              JSON.stringify(
                resourceToEntity(r, { owner: 'group:default/team-webshop' }),
              ),
            ),
          ),
        });
      },
    },
    {
      phase: 'test',
      taskType: 'test.test',
      plan: () => [{ key: TASK_TYPES.testGenerateIac, title: 'Generate IaC' }],
      async run(ctx) {
        const zip = await zipBundle([
          { path: 'wave-01/main.tf', content: wave(1, wave1Extra) },
          { path: 'wave-02/main.tf', content: wave(2, endpoints) },
        ]);
        await ctx.artifacts.put('iac-bundle.zip', Buffer.from(zip), {
          mediaType: 'application/zip',
        });
      },
    },
  ];
}

async function start(
  databaseId: TestDatabaseId,
  databases: ReturnType<typeof createTestDatabases>,
) {
  const knex = await initMigratedDatabase(databases, databaseId);
  const dump = path.join(dir, 'source', 'orders.dump');
  await fs.writeFile(dump, randomBytes(700 * 1024));
  const config = readExecutionConfig(
    mockServices.rootConfig({
      data: {
        migration: {
          iac: { terraformCommand: TERRAFORM },
          build: { workDir: path.join(dir, 'terraform') },
          transfer: {
            stagingDir: path.join(dir, 'staging'),
            allowedSourceRoots: [path.join(dir, 'source')],
            chunkSizeMiB: 0.25,
          },
          validation: {
            timeoutMs: 1000,
            latencySamples: 2,
            // Loopback latency on a busy test machine is all jitter; runValidation's own tests
            // cover the regression rule.
            latencyToleranceMs: 1000,
          },
        },
      },
    }),
  );
  const executors = [
    ...countingExecutors().executors.filter(e =>
      ['environment', 'specify'].includes(e.phase),
    ),
    ...upstreamExecutors(dump),
    createTerraformPlanExecutor({
      config,
      after: [TASK_TYPES.testGenerateIac],
    }),
    createBuildExecutor({ config }),
    createTransferExecutor({
      config,
      capabilities: createCloudCapabilityLookup({}),
    }),
    createValidateExecutor({ config }),
    createOptimizeExecutor({ config }),
    createSupportExecutor({ store: new KnexExecutionStore(knex) }),
    createReportExecutor({
      access: createMigrationAccess(new KnexMigrationStore(knex)),
    }),
  ];
  const engine: TestEngine = createTestEngine({ knex, executors });
  await engine.engine.start();
  return { engine, dump };
}

const json = async <T>(engine: TestEngine, id: string, name: string) => {
  const artifact = await engine.store.getArtifact(id, name);
  if (!artifact) throw new Error(`No artifact ${name}`);
  return JSON.parse(artifact.content.toString('utf8')) as T;
};
const sha = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('execution executors on the engine', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'rehearse all nine phases, %p',
    async databaseId => {
      const { engine, dump } = await start(databaseId, databases);
      try {
        const { migration } = await engine.service.create(
          createRequest({ options: { rehearsal: true } }),
          alice,
        );
        await waitForStatus(engine.store, migration.id, 'completed', 60_000);

        const build = await json<BuildReport>(
          engine,
          migration.id,
          'build.json',
        );
        expect(build.rehearsal).toBe(true);
        expect(build.waves.map(w => [w.wave, w.mode])).toEqual([
          ['wave-01', 'planned'],
          ['wave-02', 'planned'],
        ]);
        expect(build.waves[0].resources.map(r => r.address).sort()).toEqual([
          'terraform_data.instance_1',
          'terraform_data.network_1',
        ]);
        expect(build.statements.join(' ')).toMatch(
          /terraform plan ran instead of apply/,
        );
        const plan = await json<any>(
          engine,
          migration.id,
          'terraform-plan-wave-01.json',
        );
        expect(plan.planned_values.root_module.resources).toHaveLength(2);
        // Nothing was applied: the workspace has no state.
        await expect(
          fs.stat(
            path.join(
              dir,
              'terraform',
              migration.id,
              'wave-01',
              'terraform.tfstate',
            ),
          ),
        ).rejects.toThrow(/ENOENT/);

        const transfer = await json<TransferReport>(
          engine,
          migration.id,
          'transfer.json',
        );
        expect(transfer.rehearsal).toBe(true);
        expect(transfer.status.objects).toEqual([
          expect.objectContaining({
            name: 'web-01/orders.dump',
            verified: true,
            chunks: 3,
            state: 'completed',
          }),
        ]);
        const staged = path.join(
          dir,
          'staging',
          migration.id,
          'web-01',
          'orders.dump',
        );
        expect(sha(await fs.readFile(staged))).toBe(
          sha(await fs.readFile(dump)),
        );
        expect(transfer.statements.join(' ')).toMatch(
          /Rehearsal: 1 object\(s\).*staging directory/,
        );
        expect(
          (await json<any>(engine, migration.id, 'dns-cutover.json'))
            .records[0],
        ).toMatchObject({
          name: 'shop.example.com',
          currentValues: ['127.0.0.1'],
        });
        expect(
          (await json<any>(engine, migration.id, 'performance-baseline.json'))
            .endpoints[0],
        ).toMatchObject({ name: 'web-01' });

        const validation = await json<ValidationReport>(
          engine,
          migration.id,
          'validation.json',
        );
        expect(
          validation.checks.find(c => c.id === 'network.endpoints')?.message,
        ).toMatch(/Rehearsal/);
        expect(
          validation.checks.find(c => c.id.startsWith('data.checksum'))?.status,
        ).toBe('passed');
        expect(
          validation.checks.filter(c => c.category === 'security').length,
        ).toBeGreaterThan(0);

        const optimization = await json<OptimizationReport>(
          engine,
          migration.id,
          'optimization.json',
        );
        expect(optimization.carbon?.kgCo2ePerMonth).toBeGreaterThan(0);
        expect(
          (await json<any>(engine, migration.id, 'support.json')).config.alerts
            .length,
        ).toBeGreaterThan(0);

        const report = await json<MigrationReport>(
          engine,
          migration.id,
          'report.json',
        );
        expect(report.rehearsal.enabled).toBe(true);
        expect(report.moved.map(m => [m.kind, m.status])).toEqual([
          ['data', 'verified'],
          // No cloud module offers a migration service here, nor holds the zone: said, not hidden.
          ['server', 'not moved'],
          ['dns', 'skipped'],
          ['infrastructure', 'planned'],
          ['infrastructure', 'planned'],
        ]);
        const markdown = (await engine.store.getArtifact(
          migration.id,
          'report.md',
        ))!.content.toString();
        expect(markdown).toContain(
          '> This was a rehearsal. Nothing at the target was changed.',
        );
      } finally {
        await engine.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    'apply the saved plans, validate the endpoints and roll back, %p',
    async databaseId => {
      const { engine } = await start(databaseId, databases);
      try {
        const { migration } = await engine.service.create(
          createRequest({ options: { rehearsal: false } }),
          alice,
        );
        await waitForStatus(
          engine.store,
          migration.id,
          'completed',
          60_000,
        ).catch(async e => {
          const phases = await engine.store.getPhases(migration.id);
          throw new Error(
            `${e.message}: ${JSON.stringify(
              phases.flatMap(p =>
                p.tasks.map(t => [t.key, t.status, t.error, t.message]),
              ),
            )} ${JSON.stringify(
              await engine.store.getMigration(migration.id),
            )}`,
          );
        });

        const build = await json<BuildReport>(
          engine,
          migration.id,
          'build.json',
        );
        expect(build.waves.map(w => w.mode)).toEqual(['applied', 'applied']);
        expect(build.waves[1].resources.every(r => r.status === 'done')).toBe(
          true,
        );
        expect(build.waves[1].outputs?.endpoints).toEqual([
          { name: 'web-01', host: '127.0.0.1', port: servicePort },
        ]);
        const tasks = (await engine.store.getPhases(migration.id)).find(
          p => p.phase === 'build',
        )!.tasks;
        expect(tasks.map(t => t.key)).toEqual([
          'build.wave-01',
          'build.wave-02',
        ]);

        const validation = await json<ValidationReport>(
          engine,
          migration.id,
          'validation.json',
        );
        expect(
          validation.checks.find(c => c.id === 'network.tcp.web-01')?.status,
        ).toBe('passed');
        expect(
          validation.checks.find(c => c.id === 'performance.latency.web-01')
            ?.metrics,
        ).toHaveProperty('baselineP95Ms');
        const staged = path.join(
          dir,
          'staging',
          migration.id,
          'web-01',
          'orders.dump',
        );
        await fs.stat(staged);

        const state = (wave: string) =>
          JSON.parse(
            execFileSync(TERRAFORM, ['show', '-json'], {
              cwd: path.join(dir, 'terraform', migration.id, wave),
            }).toString(),
          );
        expect(state('wave-02').values.root_module.resources).toHaveLength(2);

        await engine.service.rollback(migration.id, alice, 'test the rollback');
        await waitForStatus(engine.store, migration.id, 'rolled_back', 60_000);

        expect(state('wave-01').values).toBeUndefined();
        expect(state('wave-02').values).toBeUndefined();
        await expect(fs.stat(staged)).rejects.toThrow(/ENOENT/);
        const after = await json<BuildReport>(
          engine,
          migration.id,
          'build.json',
        );
        expect(
          after.statements.filter(s =>
            /rolled back — terraform destroy removed 2 resource/.test(s),
          ),
        ).toHaveLength(2);
      } finally {
        await engine.stop();
      }
    },
  );

  it.each(databases.eachSupportedId())(
    "fail the build with the failing resource and Terraform's message, %p",
    async databaseId => {
      wave1Extra = `\nresource "terraform_data" "database_1" {\n  input = terraform_data.instance_1.output\n\n  provisioner "local-exec" {\n    command = "echo disk quota exceeded >&2; exit 3"\n  }\n}\n`;
      const { engine } = await start(databaseId, databases);
      try {
        const { migration } = await engine.service.create(
          createRequest({ options: { rehearsal: false } }),
          alice,
        );
        const failed = await waitForStatus(
          engine.store,
          migration.id,
          'failed',
          60_000,
        );
        const task = (await engine.store.getPhases(migration.id)).find(
          p => p.phase === 'build',
        )!.tasks[0];
        expect(task).toMatchObject({
          key: 'build.wave-01',
          status: 'failed',
          attempts: 1,
        });
        expect(task.error).toMatch(
          /terraform apply failed \(exit 1\) at terraform_data\.database_1/,
        );
        expect(task.error).toMatch(/local-exec provisioner error/);
        expect(task.error).toMatch(
          /2 resource\(s\) were created before the failure/,
        );
        expect(failed.statusReason).toBeDefined();
        const build = await json<BuildReport>(
          engine,
          migration.id,
          'build.json',
        );
        const statuses = Object.fromEntries(
          build.waves[0].resources.map(r => [r.address, r.status]),
        );
        expect(statuses).toEqual({
          'terraform_data.network_1': 'done',
          'terraform_data.instance_1': 'done',
          'terraform_data.database_1': 'failed',
        });

        // The failed apply left resources behind: the rollback destroys them from its state.
        const workDir = path.join(dir, 'terraform', migration.id, 'wave-01');
        const resourcesLeft = () =>
          JSON.parse(
            execFileSync(TERRAFORM, ['show', '-json'], {
              cwd: workDir,
            }).toString(),
          ).values?.root_module?.resources ?? [];
        expect(resourcesLeft().length).toBeGreaterThanOrEqual(2);
        await engine.service.rollback(migration.id, alice, 'clean up');
        await waitForStatus(engine.store, migration.id, 'rolled_back', 60_000);
        expect(resourcesLeft()).toEqual([]);
        const after = await json<BuildReport>(
          engine,
          migration.id,
          'build.json',
        );
        expect(after.statements).toContainEqual(
          expect.stringMatching(
            /^wave-01: rolled back — terraform destroy removed \d+ resource/,
          ),
        );
      } finally {
        await engine.stop();
      }
    },
  );
});
