import { parseAssessment, type Assessment } from './assessment';

const minimal: Assessment = {
  schemaVersion: 1,
  stage: 'plan',
  generatedAt: '2026-11-25T00:00:00.000Z',
  target: { provider: 'aws', region: 'eu-west-1' },
  options: { complianceProfile: 'none', maintenanceWindows: [] },
  security: {
    encryptionAtRest: true,
    encryptionInTransit: true,
    auditLogging: true,
  },
  inputs: {
    currency: 'USD',
    hoursPerMonth: 730,
    comfortFactor: 1.3,
    minVcpus: 1,
    minMemoryGiB: 0.5,
    maxWaveSize: 50,
    sharedServiceMinFanIn: 5,
    bandwidthMbps: 1000,
    cutover: { baseMinutes: 30, perResourceMinutes: 5, changeRatePercent: 2 },
    priceCatalog: {
      provider: 'aws',
      region: 'eu-west-1',
      asOf: '2025-01-15',
      source: 'https://aws.amazon.com/ec2/pricing/on-demand/',
      instanceTypes: 60,
    },
    commitmentDiscounts: { oneYear: 0.35, threeYear: 0.55, basis: 'RIs' },
    windowsLicensePerVcpuHour: 0.046,
    osLifecycleAsOf: '2025-01-15',
    evaluatedAt: '2026-11-25T00:00:00.000Z',
  },
  summary: {
    resources: 1,
    byKind: { vm: 1 },
    byStrategy: { rehost: 1 },
    waves: 1,
    moveGroups: 1,
    cyclicMoveGroups: 0,
    sharedServices: 0,
    endOfLifeSystems: [],
    dataGiB: 10,
  },
  resources: [
    {
      id: 'vm-1',
      name: 'web-01',
      kind: 'vm',
      provider: 'inventory',
      environmentId: 'dc1',
      dependsOn: [],
      unresolvedDependencies: [],
      fanIn: 0,
      moveGroup: 'mg-1',
      wave: 1,
      dataGiB: 10,
      disks: [],
      risk: { score: 0, level: 'low', factors: [] },
      strategy: {
        strategy: 'rehost',
        rule: 'default-rehost',
        reason: 'lift and shift',
      },
    },
  ],
  moveGroups: [
    { id: 'mg-1', members: ['vm-1'], cyclic: false, wave: 1, reason: 'alone' },
  ],
  waves: [
    {
      id: 'wave-1',
      number: 1,
      members: ['vm-1'],
      moveGroups: ['mg-1'],
      dependsOnWaves: [],
      reasons: [],
      dataGiB: 10,
      transferHours: 0.02,
      cutoverMinutes: 35,
    },
  ],
  sharedServices: [],
  dependencies: { edges: [], unresolved: [] },
  risk: { score: 0, level: 'low', formula: 'f', factors: [] },
  compliance: {
    profile: 'none',
    summary: { pass: 0, warn: 0, fail: 0 },
    checks: [],
  },
  advisor: {
    status: 'disabled',
    provider: 'none',
    waveNotes: [],
    extraRisks: [],
  },
  warnings: [],
};

describe('assessmentSchema', () => {
  it('accepts a plan-stage assessment without sizing, cost or schedule', () => {
    expect(parseAssessment(JSON.parse(JSON.stringify(minimal)))).toEqual(
      minimal,
    );
  });

  it('rejects what the format does not allow, naming the path', () => {
    const bad = JSON.parse(JSON.stringify(minimal));
    bad.resources[0].strategy.strategy = 'rewrite';
    bad.risk.score = 120;
    expect(() => parseAssessment(bad)).toThrow(/resources.*strategy/s);
    expect(() => parseAssessment({ ...minimal, schemaVersion: 2 })).toThrow();
    expect(() =>
      parseAssessment({ ...minimal, risk: { ...minimal.risk, score: 101 } }),
    ).toThrow(/score/);
  });
});
