import { parseAssessment } from '@sirsi-nexus/plugin-migration-common';
import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { readAssessment } from './readAssessment';
import { MAX_RESOURCE_NODES, buildWaveGraph } from './WavesGraph';

describe('readAssessment', () => {
  it('uses a fixture that is valid against the real assessment schema', () => {
    expect(() => parseAssessment(sampleAssessment)).not.toThrow();
  });

  it('reads cost, risk, waves and resources', () => {
    const model = readAssessment(sampleAssessment);

    expect(model.currency).toBe('USD');
    expect(model.cost).toMatchObject({ onDemand: 1520.5, commit1y: 1064.35 });
    expect(model.riskScore).toBe(72);
    expect(model.waves.map(w => w.number)).toEqual([1, 2]);
    expect(model.resources.map(r => [r.name, r.wave, r.strategy])).toEqual([
      ['db-01', 1, 'replatform'],
      ['web-01', 2, 'rehost'],
    ]);
    expect(model.resources[1]).toMatchObject({
      instanceType: 'm6i.large',
      confidence: 'low',
      monthlyCost: 620.5,
      riskScore: 40,
    });
    expect(model.edges).toEqual([{ from: 'vm-web', to: 'vm-db' }]);
    expect(model.nameOf('vm-db')).toBe('db-01');
    expect(model.byStrategy).toEqual({ replatform: 1, rehost: 1 });
  });

  it('groups risk factors across resources, highest first, and keeps advisor risks apart', () => {
    const { risks } = readAssessment(sampleAssessment);

    expect(risks.map(r => [r.id, r.points, r.resources, r.source])).toEqual([
      ['os-end-of-life', 30, ['web-01'], 'rules'],
      ['missing-utilization', 10, ['db-01', 'web-01'], 'rules'],
      ['advisor-0', undefined, ['web-01'], 'advisor'],
    ]);
  });

  it('names the resources of compliance findings', () => {
    const { compliance } = readAssessment(sampleAssessment);

    expect(compliance[1]).toMatchObject({
      outcome: 'fail',
      message: '3389 open to 0.0.0.0/0 (web-01)',
      remediation: 'Close 3389 to 0.0.0.0/0',
    });
  });

  it('reads a plan-stage assessment without cost or schedule', () => {
    const { cost, schedule, ...plan } = sampleAssessment;
    const model = readAssessment({ ...plan, stage: 'plan' });

    expect(model.cost).toBeUndefined();
    expect(model.schedule).toEqual([]);
    expect(model.waves).toHaveLength(2);
  });

  it('gives empty sections for something that is not an assessment', () => {
    for (const value of [null, 42, 'text', { hello: 'world' }, []]) {
      const model = readAssessment(value);
      expect(model.resources).toEqual([]);
      expect(model.waves).toEqual([]);
      expect(model.risks).toEqual([]);
    }
  });
});

describe('buildWaveGraph', () => {
  it('draws resources coloured by wave when dependencies are known', () => {
    const graph = buildWaveGraph(readAssessment(sampleAssessment));

    expect(graph.level).toBe('resource');
    expect(graph.nodes.map(n => [n.id, n.label, n.wave])).toEqual([
      ['vm-db', 'db-01', 1],
      ['vm-web', 'web-01', 2],
    ]);
    expect(graph.edges).toEqual([{ from: 'vm-web', to: 'vm-db' }]);
  });

  it('draws waves instead when the estate is too large to read', () => {
    const many = Array.from({ length: MAX_RESOURCE_NODES + 1 }, (_, i) => ({
      ...sampleAssessment.resources[0],
      id: `vm-${i}`,
      name: `vm-${i}`,
    }));
    const graph = buildWaveGraph(
      readAssessment({
        ...sampleAssessment,
        resources: many,
        dependencies: {
          edges: [{ from: 'vm-1', to: 'vm-0' }],
          unresolved: [],
        },
      }),
    );

    expect(graph.level).toBe('wave');
    expect(graph.nodes.map(n => n.label)).toEqual(['Wave 1', 'Wave 2']);
    expect(graph.edges).toEqual([{ from: 'wave-2', to: 'wave-1' }]);
  });
});
