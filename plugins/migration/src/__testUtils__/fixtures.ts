import {
  MIGRATION_PHASES,
  type ArtifactSummary,
  type AuditEvent,
  type Migration,
  type MigrationPhase,
  type MigrationPhaseState,
  type MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';

/** A migration with sensible defaults. */
export function makeMigration(overrides: Partial<Migration> = {}): Migration {
  return {
    id: 'mig-1',
    title: 'Webshop to AWS',
    status: 'running',
    sourceEnvironmentId: 'dc1',
    target: { provider: 'aws', region: 'eu-west-1' },
    entityRefs: ['resource:default/web-01', 'resource:default/db-01'],
    owner: 'group:default/team-webshop',
    requestedBy: 'user:default/alice',
    options: { justification: 'Datacenter lease ends' },
    currentPhase: 'plan',
    gatedPhases: ['build', 'transfer'],
    progress: 0.15,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:05:00.000Z',
    ...overrides,
  };
}

/** A task with sensible defaults. */
export function makeTask(
  overrides: Partial<MigrationTask> = {},
): MigrationTask {
  return {
    id: 'task-1',
    migrationId: 'mig-1',
    phase: 'plan',
    taskType: 'plan.snapshot-entities',
    key: 'snapshot',
    title: 'Snapshot the selected entities',
    status: 'running',
    progress: 0.4,
    message: 'Read 2 of 5 entities',
    attempts: 1,
    maxAttempts: 3,
    dependsOn: [],
    mode: 'run',
    createdAt: '2025-03-01T10:01:00.000Z',
    ...overrides,
  };
}

/**
 * The nine phases: those before `current` succeeded, `current` in `currentStatus` with `tasks`,
 * the rest pending.
 */
export function makePhases(
  current: MigrationPhase,
  tasks: MigrationTask[] = [makeTask()],
  currentStatus: MigrationPhaseState['status'] = 'running',
  extra: Partial<MigrationPhaseState> = {},
): MigrationPhaseState[] {
  const currentIndex = MIGRATION_PHASES.indexOf(current);
  return MIGRATION_PHASES.map((phase, index) => {
    if (index < currentIndex) {
      return {
        phase,
        status: 'succeeded',
        progress: 1,
        tasks: [
          makeTask({
            id: `task-${phase}`,
            phase,
            key: phase,
            taskType: `${phase}.builtin`,
            title: `Built-in ${phase}`,
            status: 'succeeded',
            progress: 1,
            message: undefined,
          }),
        ],
      };
    }
    if (index === currentIndex) {
      return {
        phase,
        status: currentStatus,
        progress: 0.4,
        tasks,
        ...extra,
      };
    }
    return { phase, status: 'pending', progress: 0, tasks: [] };
  });
}

/** An artifact summary. */
export function makeArtifact(
  name: string,
  mediaType: string,
  overrides: Partial<ArtifactSummary> = {},
): ArtifactSummary {
  return {
    migrationId: 'mig-1',
    name,
    mediaType,
    sha256: `${name.replace(/\W/g, '')}0000000000000000`,
    size: 1234,
    createdAt: '2025-03-01T10:03:00.000Z',
    ...overrides,
  };
}

/** An audit event. */
export function makeEvent(
  id: number,
  overrides: Partial<AuditEvent> = {},
): AuditEvent {
  return {
    id,
    migrationId: 'mig-1',
    at: '2025-03-01T10:00:00.000Z',
    actor: 'user:default/alice',
    action: 'migration.created',
    ...overrides,
  };
}

/** An assessment.json as the assessment executor writes it (fields the portal reads). */
export const sampleAssessment = {
  version: 1,
  cost: {
    currency: 'USD',
    total: { onDemand: 1520.5, commit1y: 1100, commit3y: 800 },
  },
  risk: {
    score: 72,
    factors: [
      {
        title: 'Operating system end of life: Windows Server 2012 R2',
        score: 30,
        resources: ['web-01'],
        mitigation: 'Upgrade to Windows Server 2022 before the move',
      },
      {
        title: 'No utilization data',
        score: 10,
        resources: ['db-01'],
        mitigation: 'Collect 30 days of metrics',
      },
    ],
  },
  waves: [
    {
      index: 1,
      name: 'Wave 1',
      members: ['db-01'],
      reasons: ['web-01 depends on it'],
      cost: { onDemand: 900, commit1y: 650, commit3y: 480 },
      dataVolumeGiB: 200,
      downtimeMinutes: 30,
    },
    {
      index: 2,
      name: 'Wave 2',
      members: ['web-01'],
      reasons: ['depends on wave 1'],
      cost: { onDemand: 620.5, commit1y: 450, commit3y: 320 },
      dataVolumeGiB: 50,
      downtimeMinutes: 10,
    },
  ],
  resources: [
    {
      id: 'db-01',
      name: 'db-01',
      instanceType: 'r6i.large',
      confidence: 'high',
      strategy: 'replatform',
      strategyRule: 'database server → managed database',
      cost: { onDemand: 900 },
      dependsOn: [],
    },
    {
      id: 'web-01',
      name: 'web-01',
      instanceType: 'm6i.large',
      confidence: 'low',
      strategy: 'rehost',
      strategyRule: 'default',
      cost: { onDemand: 620.5 },
      dependsOn: ['db-01'],
    },
  ],
  compliance: {
    profile: 'gdpr',
    checks: [
      {
        id: 'residency',
        title: 'Target region inside the EU',
        status: 'pass',
      },
      {
        id: 'admin-ports',
        title: 'No admin ports open to the internet',
        status: 'fail',
        remediation: 'Close 3389 to 0.0.0.0/0',
      },
    ],
  },
  advisor: { status: 'disabled', reason: 'migration.ai.provider is none' },
};
