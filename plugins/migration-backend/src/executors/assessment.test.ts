import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import {
  assessmentSchema,
  MIGRATION_ARTIFACTS,
  type Assessment,
  type DiscoveredResource,
  type PlanEntitiesArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createAssessContext,
  OpenAiAdvisor,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  fileInventorySource,
  readInventory,
} from '@sirsi-nexus/plugin-migration-backend-module-inventory';
import {
  createMockTaskContext,
  PermanentTaskError,
  readArtifact,
  resourceToEntity,
} from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import path from 'node:path';
import { createPlanAssessmentExecutor } from './plan/createPlanAssessmentExecutor';
import { createSpecifyAssessmentExecutor } from './specify/createSpecifyAssessmentExecutor';

const PLAN_ENTITIES = MIGRATION_ARTIFACTS.planEntities.name;

const server = setupServer();
registerMswTestHooks(server);

const EXAMPLE_INVENTORY = path.resolve(
  __dirname,
  '../../../../examples/inventory/dc1/dc1.inventory.yaml',
);

let estate: DiscoveredResource[];
beforeAll(async () => {
  estate = [];
  for await (const r of readInventory(
    [fileInventorySource(EXAMPLE_INVENTORY)],
    {
      environmentId: 'dc1',
    },
  )) {
    estate.push(r);
  }
});

function snapshot(resources: DiscoveredResource[]): PlanEntitiesArtifact {
  const entities = resources.map(r =>
    resourceToEntity(r, { owner: 'group:default/platform-engineering' }),
  );
  return {
    capturedAt: '2026-11-20T10:00:00.000Z',
    selectedRefs: entities.map(e => `resource:default/${e.metadata.name}`),
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'webshop', namespace: 'default' },
        spec: { owner: 'team-webshop' },
      },
      ...entities,
    ] as unknown as PlanEntitiesArtifact['entities'],
  };
}

const config = mockServices.rootConfig({
  data: {
    migration: {
      assessment: {
        maxWaveSize: 15,
        currentCost: {
          perVcpuMonth: 18,
          perGiBMemoryMonth: 4,
          perGiBDiskMonth: 0.12,
        },
      },
    },
  },
});
const context = createAssessContext(config);
const migration = {
  id: 'mig-42',
  target: { provider: 'aws' as const, region: 'eu-central-1' },
  options: {
    complianceProfile: 'gdpr' as const,
    maintenanceWindows: [
      '2026-12-05T22:00:00Z/PT8H',
      '2026-12-12T22:00:00Z/PT8H',
      '2026-12-19T22:00:00Z/PT8H',
      '2026-12-26T22:00:00Z/PT8H',
      '2027-01-02T22:00:00Z/PT8H',
      '2027-01-09T22:00:00Z/PT8H',
    ],
  },
};

async function runPhases(artifacts: Record<string, JsonValue> = {}) {
  const plan = createPlanAssessmentExecutor({
    context,
    dependsOn: ['plan.snapshot-entities'],
  });
  const specify = createSpecifyAssessmentExecutor({ context });
  const first = createMockTaskContext({
    migration,
    artifacts: {
      [PLAN_ENTITIES]: snapshot(estate) as unknown as JsonValue,
      ...artifacts,
    },
  });
  const planOutput = await plan.run(first.ctx);
  const planned = (await first.readJson('assessment.json')) as Assessment;
  const second = createMockTaskContext({
    migration,
    artifacts: {
      [PLAN_ENTITIES]: snapshot(estate) as unknown as JsonValue,
      'assessment.json': planned as unknown as JsonValue,
    },
  });
  const specifyOutput = await specify.run(second.ctx);
  const final = (await second.readJson('assessment.json')) as Assessment;
  const markdown = second.artifacts.get('assessment.md')!;
  return { planOutput, planned, specifyOutput, final, markdown, second };
}

describe('assessment executors on the example estate', () => {
  it('reads the demo estate', () => {
    expect(estate.length).toBeGreaterThanOrEqual(50);
  });

  it('plan then specify produce a valid assessment whose waves respect every dependency', async () => {
    const { planned, final, planOutput, specifyOutput } = await runPhases();
    expect(planned.stage).toBe('plan');
    expect(planned.cost).toBeUndefined();
    expect(final.stage).toBe('specify');
    expect(() => assessmentSchema.parse(final)).not.toThrow();
    expect(final.migrationId).toBe('mig-42');
    expect(final.summary.resources).toBe(estate.length);

    const byId = new Map(final.resources.map(r => [r.id, r]));
    const violations = final.dependencies.edges.filter(({ from, to }) => {
      const f = byId.get(from)!;
      const t = byId.get(to)!;
      return f.moveGroup !== t.moveGroup && !(t.wave < f.wave);
    });
    expect(final.dependencies.edges.length).toBeGreaterThan(20);
    expect(violations).toEqual([]);
    expect(final.waves.map(w => w.members)).toEqual(
      planned.waves.map(w => w.members),
    );
    expect(planOutput).toMatchObject({
      waves: final.waves.length,
      resources: estate.length,
    });
    expect(specifyOutput).toMatchObject({
      advisor: 'disabled',
      currency: 'USD',
      businessCase: 'complete',
    });
  });

  it('specify warns when its waves differ from those the plan phase stored', async () => {
    const WARNING = /The waves differ from the plan phase/;
    const same = await runPhases();
    expect(same.final.warnings.some(w => WARNING.test(w))).toBe(false);

    const specify = createSpecifyAssessmentExecutor({ context });
    const reordered = createMockTaskContext({
      migration,
      artifacts: {
        [PLAN_ENTITIES]: snapshot(estate) as unknown as JsonValue,
        'assessment.json': {
          ...same.planned,
          waves: [...same.planned.waves].reverse(),
        } as unknown as JsonValue,
      },
    });
    await specify.run(reordered.ctx);
    const final = (await reordered.readJson('assessment.json')) as Assessment;
    expect(final.warnings.some(w => WARNING.test(w))).toBe(true);
  });

  it('specify stores the business case against the on-prem rates; plan stores none', async () => {
    const { final, second } = await runPhases();
    const businessCase = await readArtifact(
      second.ctx.artifacts,
      MIGRATION_ARTIFACTS.businessCase,
    );
    expect(businessCase?.status).toBe('complete');
    expect(businessCase?.monthly.cloud).toBe(final.cost!.total.onDemand);
    expect(businessCase?.years).toHaveLength(5);
    const { ctx } = createMockTaskContext({
      migration,
      artifacts: { [PLAN_ENTITIES]: snapshot(estate) as unknown as JsonValue },
    });
    await createPlanAssessmentExecutor({
      context,
      dependsOn: ['plan.snapshot-entities'],
    }).run(ctx);
    expect(
      await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.businessCase),
    ).toBeUndefined();
  });

  it('names the end-of-life systems of the estate in the risks', async () => {
    const { final, markdown } = await runPhases();
    const eol = estate.filter(r =>
      /2012|centos(\s+linux)?\s*7|2008|2003/i.test(r.specs.os?.name ?? ''),
    );
    expect(eol.length).toBeGreaterThan(5);
    // The Windows 2012 and CentOS 7 systems, plus others past support by the assessment date
    // (RHEL 7 since 2024-06-30, Ubuntu 20.04 since 2025-05-31).
    expect(final.summary.endOfLifeSystems).toEqual(
      expect.arrayContaining(eol.map(r => r.name)),
    );
    for (const name of final.summary.endOfLifeSystems) {
      const assessed = final.resources.find(x => x.name === name)!;
      expect(assessed.risk.factors.map(f => f.id)).toContain('os-end-of-life');
    }
    const fresh = final.resources.filter(r =>
      /2019|2022|24\.04/.test(r.os?.name ?? ''),
    );
    for (const r of fresh)
      expect(final.summary.endOfLifeSystems).not.toContain(r.name);
    expect(markdown.content.toString()).toContain(
      'End-of-life operating systems:',
    );
    expect(markdown.mediaType).toContain('text/markdown');
  });

  it('costs are reproducible from the shipped price tables', async () => {
    const { final } = await runPhases();
    const pricing = context.catalogs.forRegion('aws', 'eu-central-1');
    let sized = 0;
    for (const r of final.resources) {
      if (!r.sizing || !r.cost) continue;
      sized++;
      const type = pricing.instances.find(
        i => i.name === r.sizing!.instanceType,
      )!;
      expect(r.sizing.hourlyPrice).toBe(type.hourlyPrice);
      const cents = (x: number) => Math.round(x * 100 + 1e-9) / 100;
      expect(r.cost.compute.onDemand).toBe(
        cents(type.hourlyPrice * pricing.hoursPerMonth),
      );
      expect(r.cost.compute.commit3y).toBe(
        cents(
          type.hourlyPrice *
            pricing.hoursPerMonth *
            (1 - pricing.commitmentDiscounts.threeYear),
        ),
      );
    }
    expect(sized).toBeGreaterThan(40);
    const included = final.resources.filter(r => r.cost?.included);
    expect(final.cost!.total.onDemand).toBeCloseTo(
      included.reduce((s, r) => s + r.cost!.total.onDemand, 0),
      1,
    );
    expect(final.cost!.current).toBeGreaterThan(0);
    expect(final.schedule!.entries).toHaveLength(final.waves.length);
  });

  it('checkpoints the advisor answer so a retry does not call it again', async () => {
    let calls = 0;
    server.use(
      http.post('https://api.openai.com/v1/chat/completions', () => {
        calls++;
        return HttpResponse.json({
          id: 'chatcmpl-1',
          object: 'chat.completion',
          created: 1764100000,
          model: 'gpt-4o-mini-2024-07-18',
          choices: [
            {
              index: 0,
              finish_reason: 'stop',
              logprobs: null,
              message: {
                role: 'assistant',
                refusal: null,
                content: JSON.stringify({
                  executiveSummary: 'Move the directory first.',
                  waveNotes: [],
                  extraRisks: [],
                }),
              },
            },
          ],
          usage: {
            prompt_tokens: 900,
            completion_tokens: 40,
            total_tokens: 940,
          },
        });
      }),
    );
    const specify = createSpecifyAssessmentExecutor({
      context,
      advisor: new OpenAiAdvisor({
        model: 'gpt-4o-mini',
        apiKey: 'sk-test-key-123456789',
        timeoutMs: 5000,
      }),
    });
    const artifacts = {
      [PLAN_ENTITIES]: snapshot(estate) as unknown as JsonValue,
    };
    const first = createMockTaskContext({ migration, artifacts });
    await specify.run(first.ctx);
    expect(calls).toBe(1);
    const stored = (await first.readJson('assessment.json')) as Assessment;
    expect(stored.advisor).toMatchObject({
      status: 'ok',
      summary: 'Move the directory first.',
    });
    expect(JSON.stringify(stored)).not.toContain('sk-test-key-123456789');

    const retry = createMockTaskContext({
      migration,
      artifacts,
      attempt: 2,
      checkpoints: Object.fromEntries(first.checkpoints) as Record<
        string,
        JsonValue
      >,
    });
    await specify.run(retry.ctx);
    expect(calls).toBe(1);
    expect(
      ((await retry.readJson('assessment.json')) as Assessment).advisor.summary,
    ).toBe('Move the directory first.');
  });

  it('fails for good, with a clear message, without a snapshot or with an uncatalogued region', async () => {
    const plan = createPlanAssessmentExecutor({ context, dependsOn: [] });
    const empty = createMockTaskContext({ migration });
    await expect(plan.run(empty.ctx)).rejects.toThrow(PermanentTaskError);
    await expect(plan.run(empty.ctx)).rejects.toThrow(
      /plan-entities\.json artifact of the plan phase is missing/,
    );

    const far = createMockTaskContext({
      migration: {
        ...migration,
        target: { provider: 'aws', region: 'ap-southeast-7' },
      },
      artifacts: {
        [PLAN_ENTITIES]: snapshot(estate.slice(0, 3)) as unknown as JsonValue,
      },
    });
    const error = await plan.run(far.ctx).catch(e => e);
    expect(error).toBeInstanceOf(PermanentTaskError);
    expect(error.message).toMatch(
      /target\.region: no aws price catalog for region "ap-southeast-7"/,
    );
    expect(far.artifacts.has('assessment.json')).toBe(false);

    const nothing = createMockTaskContext({
      migration,
      artifacts: {
        [PLAN_ENTITIES]: {
          capturedAt: 'x',
          selectedRefs: [],
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Resource',
              metadata: { name: 'manual' },
              spec: {},
            },
          ],
        },
      },
    });
    await expect(plan.run(nothing.ctx)).rejects.toThrow(
      /None of the 1 selected entities/,
    );
  });
});
