import { InputError } from '@backstage/errors';
import { assessmentSchema } from '@sirsi-nexus/plugin-migration-common';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import { RulesOnlyAdvisor } from '../advisor/RulesOnlyAdvisor';
import { NOW, testContext, vm } from './__testUtils__/fixtures';
import { analyzeSelection, parseAnalyzeRequest } from './analyzeSelection';
import { resourcesFromEntities } from './resourcesFromEntities';

const entities = [
  resourceToEntity(vm('db-01'), { owner: 'group:default/team' }),
  resourceToEntity(vm('web-01', { dependsOn: ['db-01'] }), {
    owner: 'group:default/team',
  }),
];
const refs = entities.map(e => `resource:default/${e.metadata.name}`);
const system = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'webshop', namespace: 'default' },
  spec: { owner: 'team' },
};

describe('analyzeSelection', () => {
  it('previews an assessment for a selection without creating anything', async () => {
    const a = await analyzeSelection({
      request: {
        entityRefs: refs,
        target: { provider: 'gcp', region: 'europe-west1' },
      },
      entities,
      context: testContext(),
      advisor: new RulesOnlyAdvisor(),
      now: NOW,
    });
    expect(() => assessmentSchema.parse(a)).not.toThrow();
    expect(a.stage).toBe('preview');
    expect(a.waves.map(w => w.members)).toEqual([['db-01'], ['web-01']]);
    expect(a.resources[0].entityRef).toBe(refs[0]);
    expect(a.cost!.total.onDemand).toBeGreaterThan(0);
    expect(a.advisor.status).toBe('disabled');
  });

  it('skips selected Systems whose resources were expanded by the caller', async () => {
    const a = await analyzeSelection({
      request: {
        entityRefs: ['system:default/webshop'],
        target: { provider: 'aws', region: 'us-east-1' },
      },
      entities: [system, ...entities],
      context: testContext(),
      now: NOW,
    });
    expect(a.summary.resources).toBe(2);
  });

  it('answers a bad selection with one InputError naming every bad ref', async () => {
    const error = await analyzeSelection({
      request: {
        entityRefs: [
          refs[0],
          'resource:default/ghost',
          'component:default/web',
        ],
        target: { provider: 'aws', region: 'us-east-1' },
      },
      entities: [
        entities[0],
        undefined,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'web' },
          spec: {},
        },
      ],
      context: testContext(),
    }).catch(e => e);
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^entityRefs: 2 bad selection\(s\)/);
    expect(error.message).toContain('resource:default/ghost: no such entity');
    expect(error.message).toContain('component:default/web:');

    await expect(
      analyzeSelection({
        request: {
          entityRefs: ['system:default/webshop'],
          target: { provider: 'aws', region: 'us-east-1' },
        },
        entities: [system],
        context: testContext(),
      }),
    ).rejects.toThrow(
      /entityRefs: the selection holds no discovered resources/,
    );
  });

  it('assesses a requested System through its resources and leaves out its Components', async () => {
    // What the catalog expansion of a System hands over: the System, its Resources and its
    // Components; the Components are software, not machines, and were not asked for themselves.
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'webshop-frontend' },
      spec: { type: 'website', owner: 'team-webshop', system: 'webshop' },
    };
    const a = await analyzeSelection({
      request: {
        entityRefs: ['system:default/webshop'],
        target: { provider: 'aws', region: 'us-east-1' },
      },
      entities: [system, ...entities, component],
      context: testContext(),
      now: NOW,
    });
    expect(a.summary.resources).toBe(entities.length);
    // Asked for itself, the same Component is still a bad selection.
    await expect(
      analyzeSelection({
        request: {
          entityRefs: [
            'system:default/webshop',
            'component:default/webshop-frontend',
          ],
          target: { provider: 'aws', region: 'us-east-1' },
        },
        entities: [system, ...entities, component],
        context: testContext(),
        now: NOW,
      }),
    ).rejects.toThrow(/component:default\/webshop-frontend: /);
  });

  it('validates the request body field by field', () => {
    expect(() =>
      parseAnalyzeRequest({
        entityRefs: [],
        target: { provider: 'aws', region: 'x' },
      }),
    ).toThrow(/^entityRefs: /);
    expect(() =>
      parseAnalyzeRequest({
        entityRefs: ['a'],
        target: { provider: 'oci', region: 'x' },
      }),
    ).toThrow(/^target\.provider: /);
    expect(() =>
      parseAnalyzeRequest({
        entityRefs: ['a'],
        target: { provider: 'aws', region: 'x' },
        options: { riskTolerance: 'yolo' },
      }),
    ).toThrow(/^options\.riskTolerance: /);
  });
});

describe('resourcesFromEntities (lenient)', () => {
  it('lists what it skipped instead of throwing', () => {
    const { resources, skipped } = resourcesFromEntities(
      [
        system,
        entities[0],
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          metadata: { name: 'hand-made' },
          spec: {},
        },
      ],
      { strict: false },
    );
    expect(resources).toHaveLength(1);
    expect(skipped.map(s => s.ref)).toEqual([
      'system:default/webshop',
      'resource:default/hand-made',
    ]);
  });
});
