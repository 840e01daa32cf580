import type {
  Assessment,
  AssessmentResource,
  MigrationStrategy,
} from '@sirsi-nexus/plugin-migration-common';

const STRATEGIES: MigrationStrategy[] = ['rehost', 'replatform', 'retire'];

/** A resource `vm-0000`… of wave `1 + i / 10`, its strategy one of three in turn. */
function resource(i: number): AssessmentResource {
  const id = `vm-${String(i).padStart(4, '0')}`;
  return {
    id,
    name: id,
    kind: 'vm',
    provider: 'inventory',
    environmentId: 'dc1',
    dependsOn: [],
    unresolvedDependencies: [],
    fanIn: 0,
    moveGroup: `mg-${id}`,
    wave: 1 + Math.floor(i / 10),
    dataGiB: 10,
    disks: [],
    risk: {
      score: (i * 37) % 100,
      level: 'low',
      factors:
        i % 2 === 0
          ? [
              {
                id: 'os-end-of-life',
                title: 'End-of-life OS',
                points: 10 + (i % 7),
                detail: 'Windows Server 2008',
                mitigation: 'Upgrade first',
              },
            ]
          : [],
    },
    strategy: {
      strategy: STRATEGIES[i % STRATEGIES.length],
      rule: 'default',
      reason: `reason ${i % 5}`,
    },
  };
}

/** A plan-stage `assessment.json` of `count` resources, valid by the contract. */
export function testAssessment(count: number): Assessment {
  const resources = Array.from({ length: count }, (_, i) => resource(i));
  const waveCount = Math.ceil(count / 10);
  return {
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
      resources: count,
      byKind: { vm: count },
      byStrategy: { rehost: count },
      waves: waveCount,
      moveGroups: 0,
      cyclicMoveGroups: 0,
      sharedServices: 0,
      endOfLifeSystems: [],
      dataGiB: 10 * count,
    },
    resources,
    moveGroups: [],
    waves: Array.from({ length: waveCount }, (_, w) => ({
      id: `wave-${w + 1}`,
      number: w + 1,
      members: resources.filter(r => r.wave === w + 1).map(r => r.id),
      moveGroups: [],
      dependsOnWaves: [],
      reasons: [],
      dataGiB: 100,
      transferHours: 0.2,
      cutoverMinutes: 35,
    })),
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
}
