import { zipSync, strToU8 } from 'fflate';
import type {
  Assessment,
  AssessmentResource,
  IacReport,
  OptimizationReport,
  SupportConfiguration,
  TransferReport,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';

const amounts = (onDemand: number) => ({
  onDemand,
  commit1y: Math.round(onDemand * 0.7 * 100) / 100,
  commit3y: Math.round(onDemand * 0.5 * 100) / 100,
});

function resource(
  overrides: Partial<AssessmentResource> &
    Pick<AssessmentResource, 'id' | 'name'>,
): AssessmentResource {
  return {
    kind: 'vm',
    provider: 'inventory',
    environmentId: 'dc1',
    dependsOn: [],
    unresolvedDependencies: [],
    fanIn: 0,
    moveGroup: `mg-${overrides.id}`,
    wave: 1,
    dataGiB: 100,
    disks: [],
    risk: { score: 0, level: 'low', factors: [] },
    strategy: { strategy: 'rehost', rule: 'default', reason: 'Lift and shift' },
    ...overrides,
  };
}

/** An `assessment.json` of two VMs in two waves, valid against `assessmentSchema`. */
export const sampleAssessment: Assessment = {
  schemaVersion: 1,
  stage: 'specify',
  generatedAt: '2025-03-01T10:03:00.000Z',
  migrationId: 'mig-1',
  sourceEnvironmentId: 'dc1',
  target: { provider: 'aws', region: 'eu-west-1' },
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
    cutover: { baseMinutes: 15, perResourceMinutes: 5, changeRatePercent: 5 },
    priceCatalog: {
      provider: 'aws',
      region: 'eu-west-1',
      asOf: '2025-01-01',
      source: 'AWS price list',
      instanceTypes: 40,
    },
    commitmentDiscounts: { oneYear: 0.3, threeYear: 0.5, basis: 'typical' },
    windowsLicensePerVcpuHour: 0.046,
    osLifecycleAsOf: '2025-01-01',
    evaluatedAt: '2025-03-01',
  },
  summary: {
    resources: 2,
    byKind: { vm: 2 },
    byStrategy: { replatform: 1, rehost: 1 },
    waves: 2,
    moveGroups: 2,
    cyclicMoveGroups: 0,
    sharedServices: 0,
    endOfLifeSystems: ['web-01'],
    dataGiB: 250,
  },
  resources: [
    resource({
      id: 'vm-db',
      name: 'db-01',
      wave: 1,
      fanIn: 1,
      dataGiB: 200,
      strategy: {
        strategy: 'replatform',
        rule: 'database-server',
        reason: 'Database server: move to a managed database',
        targetService: 'Amazon RDS for SQL Server',
      },
      risk: {
        score: 10,
        level: 'low',
        factors: [
          {
            id: 'missing-utilization',
            title: 'No utilization data',
            points: 10,
            detail: 'Sized on allocation',
            mitigation: 'Collect 30 days of metrics',
          },
        ],
      },
      cost: {
        compute: amounts(800),
        license: 0,
        storage: 100,
        total: amounts(900),
        included: true,
      },
    }),
    resource({
      id: 'vm-web',
      name: 'web-01',
      wave: 2,
      dependsOn: ['vm-db'],
      dataGiB: 50,
      sizing: {
        basis: 'allocated',
        confidence: 'low',
        inputs: {
          comfortFactor: 1.3,
          architecture: 'x86_64',
          vcpus: 2,
          memoryGiB: 8,
        },
        required: { vcpus: 2, memoryGiB: 8 },
        instanceType: 'm6i.large',
        family: 'm6i',
        vcpus: 2,
        memoryGiB: 8,
        architecture: 'x86_64',
        hourlyPrice: 0.107,
        hourlyLicensePrice: 0,
        fits: true,
        reason: 'Cheapest type with 2 vCPU / 8 GiB',
      },
      risk: {
        score: 40,
        level: 'medium',
        factors: [
          {
            id: 'os-end-of-life',
            title: 'Operating system end of life: Windows Server 2012 R2',
            points: 30,
            detail: 'Support ended 2023-10-10',
            mitigation: 'Upgrade to Windows Server 2022 before the move',
          },
          {
            id: 'missing-utilization',
            title: 'No utilization data',
            points: 10,
            detail: 'Sized on allocation',
            mitigation: 'Collect 30 days of metrics',
          },
        ],
      },
      cost: {
        compute: amounts(600),
        license: 0,
        storage: 20.5,
        total: amounts(620.5),
        included: true,
      },
    }),
  ],
  moveGroups: [
    {
      id: 'mg-vm-db',
      members: ['vm-db'],
      cyclic: false,
      wave: 1,
      reason: 'single',
    },
    {
      id: 'mg-vm-web',
      members: ['vm-web'],
      cyclic: false,
      wave: 2,
      reason: 'single',
    },
  ],
  waves: [
    {
      id: 'wave-1',
      number: 1,
      members: ['vm-db'],
      moveGroups: ['mg-vm-db'],
      dependsOnWaves: [],
      reasons: ['web-01 depends on it'],
      dataGiB: 200,
      transferHours: 0.5,
      cutoverMinutes: 30,
      cost: amounts(900),
    },
    {
      id: 'wave-2',
      number: 2,
      members: ['vm-web'],
      moveGroups: ['mg-vm-web'],
      dependsOnWaves: [1],
      reasons: ['depends on wave 1'],
      dataGiB: 50,
      transferHours: 0.1,
      cutoverMinutes: 20,
      cost: amounts(620.5),
    },
  ],
  sharedServices: [],
  dependencies: { edges: [{ from: 'vm-web', to: 'vm-db' }], unresolved: [] },
  cost: {
    currency: 'USD',
    compute: amounts(1400),
    license: 0,
    storage: 120.5,
    total: amounts(1520.5),
  },
  risk: {
    score: 72,
    level: 'high',
    formula: 'max + 10% of the rest',
    factors: [],
  },
  compliance: {
    profile: 'gdpr',
    summary: { pass: 1, warn: 0, fail: 1 },
    checks: [
      {
        id: 'residency',
        title: 'Target region inside the EU',
        status: 'pass',
        message: 'eu-west-1 is allowed',
        resourceIds: [],
      },
      {
        id: 'admin-ports',
        title: 'No admin ports open to the internet',
        status: 'fail',
        message: '3389 open to 0.0.0.0/0',
        remediation: 'Close 3389 to 0.0.0.0/0',
        resourceIds: ['vm-web'],
      },
    ],
  },
  advisor: {
    status: 'ok',
    provider: 'openai',
    model: 'gpt-test',
    tokens: { input: 900, output: 300, total: 1200 },
    latencyMs: 850,
    summary: 'Move the database first; web-01 needs an OS upgrade.',
    waveNotes: [{ wave: 1, note: 'Schedule a weekend window.' }],
    extraRisks: [
      {
        title: 'Hard-coded IP in the web config',
        detail: 'web-01 may point at the old database address',
        severity: 'medium',
        resourceIds: ['vm-web'],
      },
    ],
  },
  warnings: [],
};

/** An `iac-report.json` with one failing policy finding and a passing parse check. */
export const sampleIacReport: IacReport = {
  version: 1,
  generatedAt: '2025-03-01T10:04:00.000Z',
  migrationId: 'mig-1',
  target: { provider: 'aws', region: 'eu-west-1' },
  status: 'fail',
  summary: {
    files: 2,
    waves: 1,
    resources: 3,
    imports: 0,
    pass: 1,
    warn: 0,
    fail: 1,
  },
  files: [],
  waves: [],
  checks: [
    {
      id: 'parse',
      title: 'HCL parses',
      status: 'pass',
      checked: 2,
      findings: [],
    },
    {
      id: 'policy.admin-ports',
      title: 'No admin ports open to the internet',
      status: 'fail',
      checked: 4,
      findings: [
        {
          status: 'fail',
          message: 'RDP open to 0.0.0.0/0',
          file: 'wave-01/security.tf',
          line: 3,
          address: 'aws_vpc_security_group_ingress_rule.rdp',
          remediation: 'Restrict the source to the admin network',
        },
      ],
    },
  ],
  terraform: {
    ran: false,
    reason: 'migration.iac.terraformCommand is not configured',
    steps: [],
  },
  warnings: [],
};

/** The files of the IaC bundle the report above describes. */
export const sampleBundleFiles: Record<string, string> = {
  'wave-01/compute.tf':
    'resource "aws_instance" "web_01" {\n  instance_type = "m6i.large"\n}\n',
  'wave-01/security.tf':
    'resource "aws_vpc_security_group_ingress_rule" "rdp" {\n  from_port = 3389\n  cidr_ipv4 = "0.0.0.0/0"\n}\n',
};

/** The bundle as the zip the test phase stores. */
export function sampleBundleZip(): Uint8Array {
  return zipSync(
    Object.fromEntries(
      Object.entries(sampleBundleFiles).map(([path, text]) => [
        path,
        strToU8(text),
      ]),
    ),
  );
}

/** A `validation.json` with a failed network check. */
export const sampleValidation: ValidationReport = {
  ranAt: '2025-03-01T12:00:00.000Z',
  status: 'failed',
  summary: { pending: 0, running: 0, passed: 1, failed: 1, warning: 0 },
  checks: [
    {
      id: 'data-1',
      category: 'data',
      name: 'Checksums match',
      status: 'passed',
      message: '2 objects verified',
      metrics: { objects: 2 },
    },
    {
      id: 'net-1',
      category: 'network',
      name: 'TLS on web-01',
      status: 'failed',
      message: 'Certificate expired',
      target: '10.0.1.5:443',
      metrics: { daysLeft: -3 },
      remediation: 'Renew the certificate',
    },
  ],
};

/** An `optimization.json` with two recommendations and a carbon estimate. */
export const sampleOptimization: OptimizationReport = {
  generatedAt: '2025-03-01T12:10:00.000Z',
  currency: 'USD',
  totalEstimatedMonthlySavings: 250,
  notes: [
    'No post-migration utilization yet: rightsizing uses the source data',
  ],
  recommendations: [
    {
      id: 'r1',
      category: 'cost',
      type: 'commitment',
      impact: 'low',
      title: 'Buy a 1-year savings plan',
      recommendation: 'Commit to the steady baseline',
      metrics: {},
      estimatedMonthlySavings: 50,
      automationCapable: false,
      source: 'rules',
    },
    {
      id: 'r2',
      category: 'cost',
      type: 'rightsizing',
      impact: 'high',
      title: 'Downsize db-01',
      recommendation: 'CPU P95 is 8%: r6i.large → r6i.medium',
      resource: 'db-01',
      metrics: { cpuP95: 8 },
      estimatedMonthlySavings: 200,
      automationCapable: true,
      source: 'rules',
    },
  ],
  carbon: {
    hoursPerMonth: 730,
    kwhPerMonth: 120,
    kgCo2ePerMonth: 35.5,
    perResource: [],
    coefficients: {
      provider: 'aws',
      region: 'eu-west-1',
      minWattsPerVcpu: 0.74,
      maxWattsPerVcpu: 3.5,
      pue: 1.135,
      gridTonsCo2ePerKwh: 0.000316,
      memoryKwhPerGbHour: 0.000392,
      ssdWhPerTbHour: 1.2,
      hddWhPerTbHour: 0.65,
      regionFallback: false,
      sources: ['Cloud Carbon Footprint methodology'],
    },
    formula: 'vCPU-hours × (min + u × (max − min)) × PUE × grid',
  },
};

/** A `support.json`. */
export const sampleSupport: SupportConfiguration = {
  migrationId: 'mig-1',
  target: { provider: 'aws', region: 'eu-west-1' },
  config: {
    alerts: [
      {
        name: 'HighCpu',
        metric: 'cpu',
        comparison: '>',
        threshold: 90,
        forMinutes: 10,
        severity: 'critical',
      },
    ],
    reportSchedule: {
      cron: '0 8 * * 1',
      recipients: ['group:default/team-webshop'],
    },
    backupStrategy: { enabled: true, schedule: '0 3 * * *', retentionDays: 30 },
    channels: [{ type: 'backstage', target: 'group:default/team-webshop' }],
  },
  generated: {
    prometheusRules: 'groups:\n  - name: mig-1\n',
    terraform: {
      'alarms.tf': 'resource "aws_cloudwatch_metric_alarm" "cpu" {}\n',
    },
    validation: [{ file: 'alarms.tf', status: 'pass', message: 'parses' }],
    notes: ['Memory alarms need the CloudWatch agent on each instance'],
  },
  updatedAt: '2025-03-01T12:20:00.000Z',
  updatedBy: 'user:default/alice',
};

/** A `transfer.json` of one disk image, `done` of its 4 GiB moved. */
export function sampleTransfer(doneGiB: number): TransferReport {
  const gib = 1024 ** 3;
  return {
    rehearsal: true,
    destination: 'file:///staging/mig-1',
    status: {
      state: doneGiB >= 4 ? 'completed' : 'running',
      bytesTransferred: doneGiB * gib,
      totalBytes: 4 * gib,
      speedBytesPerSecond: 100 * 1024 ** 2,
      etaSeconds: ((4 - doneGiB) * gib) / (100 * 1024 ** 2),
      currentResource: 'web-01-disk0',
      errors: [],
      objects: [
        {
          id: 'o1',
          name: 'web-01-disk0',
          source: 'file:///exports/web-01-disk0.vmdk',
          target: 'file:///staging/mig-1/web-01-disk0.vmdk',
          totalBytes: 4 * gib,
          bytesTransferred: doneGiB * gib,
          chunkSize: 64 * 1024 ** 2,
          chunks: 64,
          chunksDone: doneGiB * 16,
          state: doneGiB >= 4 ? 'completed' : 'running',
        },
      ],
    },
    imageCopies: [],
    statements: [
      'Rehearsal: data was copied into staging, nothing was cut over.',
    ],
  };
}
