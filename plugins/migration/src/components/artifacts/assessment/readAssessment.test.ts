import { parseAssessment } from '@sirsi-nexus/plugin-migration-common';
import { sampleAssessment } from '../../../__testUtils__/artifactFixtures';
import { readAssessment } from './readAssessment';
import { MAX_RESOURCE_NODES, buildWaveGraph } from './WavesGraph';

describe('readAssessment', () => {
  it('uses a fixture that is valid against the real assessment schema', () => {
    expect(() => parseAssessment(sampleAssessment)).not.toThrow();
  });

  it('orders the waves, names resources and takes the cost currency', () => {
    const model = readAssessment({
      ...sampleAssessment,
      waves: [...sampleAssessment.waves].reverse(),
      cost: { ...sampleAssessment.cost!, currency: 'EUR' },
    });

    expect(model.currency).toBe('EUR');
    expect(model.waves.map(w => w.number)).toEqual([1, 2]);
    expect(model.nameOf('vm-db')).toBe('db-01');
    expect(model.nameOf('vm-gone')).toBe('vm-gone');
  });

  it('groups risk factors across resources, highest first, and keeps advisor risks apart', () => {
    const { risks } = readAssessment(sampleAssessment);

    expect(risks.map(r => [r.id, r.points, r.resources, r.source])).toEqual([
      ['os-end-of-life', 30, ['web-01'], 'rules'],
      ['missing-utilization', 10, ['db-01', 'web-01'], 'rules'],
      ['advisor-0', undefined, ['web-01'], 'advisor'],
    ]);
    expect(risks[2].detail).toBe(
      'medium severity: web-01 may point at the old database address',
    );
  });

  it('lists migration-wide risk factors first, affecting the whole migration', () => {
    const residency = {
      id: 'data-residency-conflict',
      title: 'Target region outside the EU',
      points: 40,
      detail: 'us-east-1 under GDPR',
      mitigation: 'Choose an EU region',
    };
    const { risks } = readAssessment({
      ...sampleAssessment,
      risk: { ...sampleAssessment.risk, factors: [residency] },
    });

    expect(risks[0]).toEqual({ ...residency, resources: [], source: 'rules' });
  });

  it('names the resources of compliance findings', () => {
    const { compliance } = readAssessment(sampleAssessment);

    expect(compliance[1]).toMatchObject({
      outcome: 'fail',
      message: '3389 open to 0.0.0.0/0 (web-01)',
      remediation: 'Close 3389 to 0.0.0.0/0',
    });
  });

  it('takes the currency of the inputs before the specify phase adds a cost', () => {
    const { cost, schedule, ...plan } = sampleAssessment;
    const model = readAssessment({
      ...plan,
      stage: 'plan',
      inputs: { ...plan.inputs, currency: 'GBP' },
    });

    expect(model.currency).toBe('GBP');
    expect(model.waves).toHaveLength(2);
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
