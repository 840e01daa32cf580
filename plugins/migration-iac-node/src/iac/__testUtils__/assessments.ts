import {
  parseAssessment,
  type Assessment,
  type AssessmentResource,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';

type Vm = {
  id: string;
  name: string;
  wave: number;
  instanceType: string;
  os?: 'linux' | 'windows';
  disks?: Array<{ sizeGiB: number; storageClass: string; name?: string }>;
  strategy?: AssessmentResource['strategy'];
  provider?: string;
};

function resource(vm: Vm): AssessmentResource {
  return {
    id: vm.id,
    name: vm.name,
    kind: 'vm',
    entityRef: `resource:default/${vm.name}`,
    provider: vm.provider ?? 'inventory',
    environmentId: 'dc1',
    os: {
      family: vm.os ?? 'linux',
      name: vm.os === 'windows' ? 'Windows Server 2016' : 'Ubuntu 20.04',
    },
    dependsOn: [],
    unresolvedDependencies: [],
    fanIn: 0,
    moveGroup: `mg-${vm.id}`,
    wave: vm.wave,
    dataGiB: 10,
    sizing: {
      basis: 'allocated',
      confidence: 'low',
      inputs: { comfortFactor: 1.3, architecture: 'x86_64' },
      required: { vcpus: 2, memoryGiB: 4 },
      instanceType: vm.instanceType,
      family: vm.instanceType.split('.')[0],
      vcpus: 2,
      memoryGiB: 4,
      architecture: 'x86_64',
      hourlyPrice: 0.1,
      hourlyLicensePrice: 0,
      fits: true,
      reason: 'cheapest that fits',
    },
    disks: (vm.disks ?? [{ sizeGiB: 20.4, storageClass: 'gp3' }]).map(d => ({
      ...d,
      pricing: 'per-GiB' as const,
      storageClassName: d.storageClass,
      billedGiB: d.sizeGiB,
      monthlyPrice: 1,
      maxSizeGiB: 16384,
      withinLimit: true,
      reason: 'general purpose',
    })),
    risk: { score: 10, level: 'low', factors: [] },
    strategy: vm.strategy ?? {
      strategy: 'rehost',
      rule: 'default',
      reason: 'lift and shift',
    },
  };
}

/** A valid assessment (checked with the real schema) of the given machines. */
export function assessmentOf(
  vms: Vm[],
  edges: Array<{ from: string; to: string }>,
  target: Assessment['target'] = { provider: 'aws', region: 'eu-west-1' },
): Assessment {
  return parseAssessment({
    schemaVersion: 1,
    stage: 'specify',
    generatedAt: '2025-01-01T00:00:00.000Z',
    migrationId: 'mig-42',
    sourceEnvironmentId: 'dc1',
    target,
    options: { complianceProfile: 'gdpr', maintenanceWindows: [] },
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
      sharedServiceMinFanIn: 3,
      bandwidthMbps: 1000,
      cutover: { baseMinutes: 30, perResourceMinutes: 5, changeRatePercent: 2 },
      priceCatalog: {
        provider: target.provider,
        region: target.region,
        asOf: '2025-01-15',
        source: 'test',
        instanceTypes: 1,
      },
      commitmentDiscounts: { oneYear: 0.3, threeYear: 0.5, basis: 'test' },
      windowsLicensePerVcpuHour: 0.046,
      osLifecycleAsOf: '2025-01-01',
      evaluatedAt: '2025-01-01',
    },
    summary: {
      resources: vms.length,
      byKind: { vm: vms.length },
      byStrategy: {},
      waves: 2,
      moveGroups: vms.length,
      cyclicMoveGroups: 0,
      sharedServices: 0,
      endOfLifeSystems: [],
      dataGiB: 10,
    },
    resources: vms.map(resource),
    moveGroups: [],
    waves: [],
    sharedServices: [],
    dependencies: { edges, unresolved: [] },
    risk: { score: 10, level: 'low', formula: 'max', factors: [] },
    compliance: {
      profile: 'gdpr',
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
  });
}

/** A discovered on-prem machine with an address. */
export function onPremVm(
  id: string,
  ip: string | undefined,
  extra: Partial<DiscoveredResource['specs']> = {},
  tags: Record<string, string> = {},
): DiscoveredResource {
  return {
    provider: 'inventory',
    environmentId: 'dc1',
    externalId: id,
    kind: 'vm',
    name: id,
    specs: { ...(ip ? { ipAddresses: [ip] } : {}), ...extra },
    tags,
    dependsOn: [],
  };
}
