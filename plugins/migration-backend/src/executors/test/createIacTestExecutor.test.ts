import { mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
  type IacReport,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import { createAssessContext } from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  fileInventorySource,
  readInventory,
} from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import {
  readIacSettings,
  unzipBundle,
  type IacModel,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import {
  createCloudCapabilityLookup,
  createMockTaskContext,
  PermanentTaskError,
  resourceToEntity,
  type CapabilityTarget,
  type CloudCapabilityLookup,
  type ServerReplicator,
  type TargetNetwork,
} from '@sirsi-nexus/plugin-migration-node';
import { InMemoryServerReplicator } from '@sirsi-nexus/plugin-migration-node/testUtils';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPlanAssessmentExecutor } from '../plan/createPlanAssessmentExecutor';
import { createSpecifyAssessmentExecutor } from '../specify/createSpecifyAssessmentExecutor';
import { selectServers } from '../transfer/servers/serverCandidates';
import { createIacTestExecutor } from './createIacTestExecutor';

const PLAN_ENTITIES_ARTIFACT = MIGRATION_ARTIFACTS.planEntities.name;
const IAC_BUNDLE_ARTIFACT = MIGRATION_ARTIFACTS.iacBundle.name;
const IAC_REPORT_ARTIFACT = MIGRATION_ARTIFACTS.iacReport.name;

const EXAMPLE_INVENTORY = path.resolve(
  __dirname,
  '../../../../../examples/inventory/dc1/dc1.inventory.yaml',
);

const migration = {
  id: 'mig-7',
  owner: 'group:default/team-webshop',
  target: { provider: 'aws' as const, region: 'eu-central-1' },
  options: { complianceProfile: 'gdpr' as const },
};

let artifacts: Record<string, JsonValue>;

/** The demo estate through the real plan and specify executors: the assessment the test phase reads. */
beforeAll(async () => {
  const estate: DiscoveredResource[] = [];
  for await (const r of readInventory(
    [fileInventorySource(EXAMPLE_INVENTORY)],
    {
      environmentId: 'dc1',
    },
  )) {
    estate.push(r);
  }
  const snapshot: PlanEntitiesArtifact = {
    capturedAt: '2026-11-20T10:00:00.000Z',
    selectedRefs: [],
    entities: estate.map(r =>
      resourceToEntity(r, { owner: 'group:default/platform-engineering' }),
    ) as unknown as PlanEntitiesArtifact['entities'],
  };
  const context = createAssessContext(mockServices.rootConfig({ data: {} }));
  const plan = createPlanAssessmentExecutor({ context, dependsOn: [] });
  const specify = createSpecifyAssessmentExecutor({ context });
  const first = createMockTaskContext({
    migration,
    artifacts: { [PLAN_ENTITIES_ARTIFACT]: snapshot as unknown as JsonValue },
  });
  await plan.run(first.ctx);
  const second = createMockTaskContext({
    migration,
    artifacts: {
      [PLAN_ENTITIES_ARTIFACT]: snapshot as unknown as JsonValue,
      'assessment.json': (await first.readJson('assessment.json'))!,
    },
  });
  await specify.run(second.ctx);
  artifacts = {
    [PLAN_ENTITIES_ARTIFACT]: snapshot as unknown as JsonValue,
    'assessment.json': (await second.readJson('assessment.json'))!,
  };
}, 60_000);

const settings = (extra: object = {}): IacSettings =>
  readIacSettings(
    mockServices.rootConfig({
      data: {
        migration: {
          iac: { defaultTags: { 'data-classification': 'internal' }, ...extra },
        },
      },
    }),
  );

describe('createIacTestExecutor', () => {
  it('stores a validated bundle with one folder per wave and the report for the demo estate', async () => {
    const executor = createIacTestExecutor({
      settings: settings(),
      logger: mockServices.logger.mock(),
    });
    const { ctx, readJson, progress } = createMockTaskContext({
      migration,
      artifacts,
    });
    expect(await executor.plan(ctx)).toEqual([
      { key: 'test.generate-iac', title: 'Generate and validate Terraform' },
    ]);
    const output = await executor.run(ctx);

    const report = (await readJson(
      IAC_REPORT_ARTIFACT,
    )) as unknown as IacReport;
    expect(report.checks.filter(c => c.status === 'fail')).toEqual([]);
    expect(report).toMatchObject({
      version: 1,
      migrationId: 'mig-7',
      target: { provider: 'aws', region: 'eu-central-1' },
      terraform: {
        ran: false,
        reason: expect.stringContaining('not configured'),
      },
    });
    const assessment = artifacts['assessment.json'] as any;
    const waves = new Set<number>(
      assessment.resources
        .filter(
          (r: any) =>
            r.kind === 'vm' &&
            r.sizing &&
            ['rehost', 'replatform', 'relocate'].includes(
              r.strategy.strategy,
            ) &&
            !r.strategy.targetService,
        )
        .map((r: any) => r.wave),
    );
    expect(report.summary.waves).toBe(waves.size);
    expect(output).toMatchObject({ status: report.status, waves: waves.size });

    const zip = ctx.artifacts.get(IAC_BUNDLE_ARTIFACT);
    const files = unzipBundle(new Uint8Array((await zip)!.content));
    const folders = [
      ...new Set(
        files.map(f => f.path.split('/')[0]).filter(f => f.startsWith('wave-')),
      ),
    ];
    expect(folders).toHaveLength(waves.size);
    expect(files.map(f => f.path)).toContain(`${folders[0]}/compute.tf`);
    expect(files.map(f => f.path)).toContain('iac-model.json');
    expect(progress.at(-1)).toEqual({
      fraction: 1,
      message: `Terraform ${report.status}`,
    });
  });

  it('produces the same bundle on a retry, from the checkpointed model', async () => {
    const lookups: string[][] = [];
    const lookupResources = async (ids: string[]) => {
      lookups.push(ids);
      return [];
    };
    const executor = createIacTestExecutor({
      settings: settings(),
      logger: mockServices.logger.mock(),
      lookupResources,
    });
    const first = createMockTaskContext({ migration, artifacts });
    await executor.run(first.ctx);
    expect(lookups).toHaveLength(1);
    const retry = createMockTaskContext({
      migration,
      artifacts,
      attempt: 2,
      checkpoints: { 'iac-model': first.checkpoints.get('iac-model')! },
    });
    await executor.run(retry.ctx);
    expect(lookups).toHaveLength(1);
    expect(
      retry.artifacts
        .get(IAC_BUNDLE_ARTIFACT)!
        .content.equals(first.artifacts.get(IAC_BUNDLE_ARTIFACT)!.content),
    ).toBe(true);
  });

  it('fails for good on policy failures, after storing the report', async () => {
    const executor = createIacTestExecutor({
      settings: settings({ allowedRegions: ['us-east-1'] }),
      logger: mockServices.logger.mock(),
    });
    const { ctx, readJson } = createMockTaskContext({ migration, artifacts });
    const error = await executor.run(ctx).catch(e => e);
    expect(error).toBeInstanceOf(PermanentTaskError);
    expect(error.message).toMatch(
      /failed validation .*eu-central-1 is not in migration\.iac\.allowedRegions/,
    );
    const report = (await readJson(
      IAC_REPORT_ARTIFACT,
    )) as unknown as IacReport;
    expect(
      report.checks.find(c => c.id === 'policy.region-residency')?.status,
    ).toBe('fail');
  });

  it('runs the configured command with its output in the task log', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fake-tofu-'));
    const command = path.join(dir, 'tofu');
    writeFileSync(
      command,
      '#!/bin/sh\necho "tofu $1 ok in $(basename $(pwd))"\n',
    );
    chmodSync(command, 0o755);
    const logger = mockServices.logger.mock();
    const executor = createIacTestExecutor({
      settings: settings({ terraformCommand: command }),
      logger,
    });
    const { ctx, readJson } = createMockTaskContext({
      migration,
      artifacts,
      logger,
    });
    await executor.run(ctx);
    const report = (await readJson(
      IAC_REPORT_ARTIFACT,
    )) as unknown as IacReport;
    expect(report.terraform.ran).toBe(true);
    expect(
      report.terraform.steps
        .filter(s => s.folder === 'wave-01')
        .map(s => [s.step, s.status]),
    ).toEqual([
      ['fmt', 'pass'],
      ['init', 'pass'],
      ['validate', 'pass'],
      ['plan', 'pass'],
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      `${command}: tofu validate ok in wave-01`,
    );
  });

  describe('with a migration service for the target', () => {
    /** The bundle and its model, generated with the given capabilities. */
    async function generate(capabilities?: CloudCapabilityLookup) {
      const executor = createIacTestExecutor({
        settings: settings(),
        logger: mockServices.logger.mock(),
        capabilities,
      });
      const { ctx, readJson } = createMockTaskContext({ migration, artifacts });
      const output = await executor.run(ctx);
      const zip = ctx.artifacts.get(IAC_BUNDLE_ARTIFACT);
      const files = unzipBundle(new Uint8Array((await zip)!.content));
      const text = (p: string) => files.find(f => f.path === p)!.content;
      return {
        output,
        files,
        model: JSON.parse(text('iac-model.json')) as IacModel,
        report: (await readJson(IAC_REPORT_ARTIFACT)) as unknown as IacReport,
        tf: files
          .filter(f => f.path.endsWith('.tf'))
          .map(f => f.content)
          .join('\n'),
      };
    }

    const assessed = () =>
      (artifacts['assessment.json'] as any).resources.filter(
        (r: any) =>
          r.kind === 'vm' &&
          r.sizing &&
          ['rehost', 'replatform', 'relocate'].includes(r.strategy.strategy) &&
          !r.strategy.targetService,
      ) as Array<{ id: string; name: string; strategy: { strategy: string } }>;

    it('leaves the servers the transfer phase moves to the service: launch settings, no instances', async () => {
      const serverReplicator = jest.fn(
        () => new InMemoryServerReplicator({ service: 'MGN' }),
      );
      const { model, report, tf, output } = await generate(
        createCloudCapabilityLookup({ aws: { serverReplicator } }),
      );
      expect(serverReplicator).toHaveBeenCalledWith({
        provider: 'aws',
        region: 'eu-central-1',
        environmentId: undefined,
      });
      const instances = model.waves.flatMap(w => w.instances);
      const moved = instances.filter(i => i.launchedBy === 'migration-service');
      const servers = assessed().filter(r =>
        ['rehost', 'relocate'].includes(r.strategy.strategy),
      );
      expect(servers.length).toBeGreaterThan(0);
      expect(moved.map(i => i.key).sort()).toEqual(
        servers.map(r => r.id).sort(),
      );
      expect(instances.length - moved.length).toBe(
        assessed().length - servers.length,
      );
      expect(output).toMatchObject({ launchedByService: moved.length });
      // Published under the names the transfer phase looks its servers up by.
      const { ctx } = createMockTaskContext({ migration, artifacts });
      const names = (await selectServers(ctx.artifacts)).servers.map(s =>
        s.name.toLowerCase(),
      );
      for (const machine of moved) {
        expect(names).toContain(machine.name.toLowerCase());
        expect(tf).toContain(`"${machine.name}" = {`);
      }
      expect(tf.match(/resource "aws_instance"/g)?.length ?? 0).toBe(
        instances.length - moved.length,
      );
      expect(report.checks.filter(c => c.status === 'fail')).toEqual([]);
    });

    it.each([
      ['no migration module for the target cloud', {}],
      [
        'a module that does not serve this target',
        { serverReplicator: () => undefined },
      ],
    ])('keeps the machines in the Terraform with %s', async (_name, aws) => {
      const plain = await generate();
      const without = await generate(createCloudCapabilityLookup({ aws }));
      expect(without.files).toEqual(plain.files);
      expect(
        without.model.waves.flatMap(w => w.instances).filter(i => i.launchedBy),
      ).toEqual([]);
      expect(without.output).toMatchObject({ launchedByService: 0 });
    });

    it('asks the capability of the migration’s target cloud only', async () => {
      const serverReplicator = jest.fn(
        () => new InMemoryServerReplicator() as ServerReplicator,
      );
      const { model } = await generate(
        createCloudCapabilityLookup({ azure: { serverReplicator } }),
      );
      expect(serverReplicator).not.toHaveBeenCalled();
      expect(
        model.waves.flatMap(w => w.instances).some(i => i.launchedBy),
      ).toBe(false);
    });
  });

  it('skips the landing-zone check without a target environment, saying why', async () => {
    const executor = createIacTestExecutor({
      settings: settings(),
      logger: mockServices.logger.mock(),
    });
    const { ctx, readJson } = createMockTaskContext({ migration, artifacts });
    await executor.run(ctx);
    const report = (await readJson(
      IAC_REPORT_ARTIFACT,
    )) as unknown as IacReport;
    expect(
      report.checks.find(c => c.id === 'landing-zone.cidr-overlap'),
    ).toMatchObject({
      status: 'pass',
      checked: 0,
      skipped: expect.stringContaining('No target environment is configured'),
    });
  });

  it("fails the test phase when a generated network overlaps the target's, naming both ranges and the network", async () => {
    const listed: Array<{ target: CapabilityTarget; signal?: AbortSignal }> =
      [];
    const existing: TargetNetwork[] = [
      {
        id: 'vpc-0a1b2c3d4e5f60718',
        name: 'corp-hub',
        cidrs: ['10.0.0.0/8', '2600:1f18:abc::/56'],
      },
      { id: 'vpc-0fedcba9876543210', name: 'edge', cidrs: ['100.64.0.0/16'] },
    ];
    const executor = createIacTestExecutor({
      settings: settings(),
      logger: mockServices.logger.mock(),
      capabilities: createCloudCapabilityLookup({
        aws: {
          targetNetworks: {
            listNetworks: async (target, signal) => {
              listed.push({ target, signal });
              return existing;
            },
          },
        },
      }),
    });
    const landed = {
      ...migration,
      target: { ...migration.target, environmentId: 'aws-landing' },
    };
    const { ctx, readJson } = createMockTaskContext({
      migration: landed,
      artifacts,
    });
    const error = await executor.run(ctx).catch(e => e);

    expect(listed).toEqual([{ target: landed.target, signal: ctx.signal }]);
    expect(error).toBeInstanceOf(PermanentTaskError);
    expect(error.message).toMatch(
      /Network \S+ \(10\.\d+\.\d+\.\d+\/\d+\) overlaps 10\.0\.0\.0\/8 of the existing network corp-hub \(vpc-0a1b2c3d4e5f60718\)/,
    );
    const report = (await readJson(
      IAC_REPORT_ARTIFACT,
    )) as unknown as IacReport;
    const check = report.checks.find(c => c.id === 'landing-zone.cidr-overlap');
    expect(check?.status).toBe('fail');
    expect(check?.findings.length).toBeGreaterThan(0);
    expect(check?.findings.every(f => !f.message.includes('edge'))).toBe(true);
    expect(report.status).toBe('fail');
  });

  it('refuses to run without an assessment', async () => {
    const executor = createIacTestExecutor({
      settings: settings(),
      logger: mockServices.logger.mock(),
    });
    const { ctx } = createMockTaskContext({ migration, artifacts: {} });
    await expect(executor.run(ctx)).rejects.toThrow(
      'The assessment.json artifact is missing; the specify phase must run first',
    );
  });
});
