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
