import type {
  Migration,
  MigrationPhaseState,
  TransferReport,
  ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import { buildMigrationReport } from './buildReport';
import { renderReportMarkdown } from './renderMarkdown';

const migration: Migration = {
  id: 'm-1',
  title: 'Webshop | to AWS',
  status: 'completed',
  sourceEnvironmentId: 'dc1',
  target: { provider: 'aws', region: 'eu-west-1' },
  entityRefs: ['resource:default/web-01'],
  owner: 'group:default/team-webshop',
  requestedBy: 'user:default/alice',
  options: { rehearsal: true },
  progress: 1,
  createdAt: '2027-01-01T08:00:00.000Z',
  updatedAt: '2027-01-01T09:00:00.000Z',
  completedAt: '2027-01-01T09:00:00.000Z',
};

const task = (over: Partial<MigrationPhaseState['tasks'][number]>) => ({
  id: 't',
  migrationId: 'm-1',
  phase: 'build' as const,
  taskType: 'build.provision',
  key: 'k',
  title: 'Apply wave 1',
  status: 'succeeded' as const,
  progress: 1,
  attempts: 1,
  maxAttempts: 3,
  dependsOn: [],
  mode: 'run' as const,
  createdAt: '2027-01-01T08:00:00.000Z',
  ...over,
});

const phases: MigrationPhaseState[] = [
  {
    phase: 'build',
    status: 'succeeded',
    progress: 1,
    startedAt: '2027-01-01T08:10:00.000Z',
    completedAt: '2027-01-01T08:12:30.000Z',
    tasks: [task({ attempts: 2 })],
    approval: {
      migrationId: 'm-1',
      phase: 'build',
      status: 'approved',
      requestedAt: '2027-01-01T08:05:00.000Z',
      decidedBy: 'user:default/bob',
      decidedAt: '2027-01-01T08:09:00.000Z',
      comment: 'Looks good',
    },
  },
  { phase: 'optimize', status: 'skipped', progress: 1, tasks: [] },
];

const transfer: TransferReport = {
  rehearsal: true,
  destination: 'file:///staging/m-1',
  statements: [
    'Data went to the staging directory instead of the target bucket.',
  ],
  imageCopies: [
    {
      kind: 'image',
      resource: 'web-01',
      sourceId: 'ami-1',
      sourceRegion: 'us-east-1',
      targetRegion: 'eu-west-1',
      state: 'permitted',
    },
  ],
  status: {
    state: 'completed',
    bytesTransferred: 3 * 1024 * 1024,
    totalBytes: 3 * 1024 * 1024,
    speedBytesPerSecond: 1,
    errors: [
      {
        at: 'x',
        chunk: 2,
        resource: 'db dump',
        message: 'Chunk 2 read back does not match',
        retried: true,
      },
    ],
    objects: [
      {
        id: 'd',
        name: 'db dump',
        source: 'file:///data/db.dump',
        target: 'file:///staging/m-1/db.dump',
        totalBytes: 3 * 1024 * 1024,
        bytesTransferred: 3 * 1024 * 1024,
        chunkSize: 1024 * 1024,
        chunks: 3,
        chunksDone: 3,
        state: 'completed',
        sha256: 'abc=-3',
        verified: true,
      },
    ],
  },
};

const validation: ValidationReport = {
  ranAt: 'x',
  status: 'warning',
  summary: { pending: 0, running: 0, passed: 1, failed: 0, warning: 1 },
  checks: [
    {
      id: 'a',
      category: 'data',
      name: 'Checksums of db dump',
      status: 'passed',
      message: 'ok',
      metrics: {},
    },
    {
      id: 'b',
      category: 'network',
      name: 'Target endpoints reachable',
      status: 'warning',
      message: 'Rehearsal: nothing built',
      metrics: {},
    },
  ],
};

describe('migration report', () => {
  const report = buildMigrationReport({
    migration,
    phases,
    transfer,
    validation,
    now: new Date('2027-01-01T10:00:00Z'),
  });

  it('lists what moved, approvals, timings and deviations', () => {
    expect(report.moved).toEqual([
      expect.objectContaining({
        name: 'db dump',
        kind: 'data',
        bytes: 3145728,
        status: 'verified',
      }),
      expect.objectContaining({
        name: 'web-01',
        kind: 'image',
        status: 'permitted',
      }),
    ]);
    expect(report.approvals).toEqual([
      {
        phase: 'build',
        status: 'approved',
        decidedBy: 'user:default/bob',
        decidedAt: '2027-01-01T08:09:00.000Z',
        comment: 'Looks good',
      },
    ]);
    expect(report.phases[0]).toMatchObject({
      phase: 'build',
      durationMs: 150_000,
    });
    expect(report.deviations.map(d => d.severity)).toEqual([
      'warning',
      'info',
      'warning',
      'warning',
    ]);
    expect(report.deviations[0].description).toMatch(/needed 2 attempts/);
    expect(report.costs.source).toMatch(/No assessment/);
  });

  it('says plainly what was rehearsed', () => {
    expect(report.rehearsal.enabled).toBe(true);
    expect(report.rehearsal.statements[0]).toMatch(
      /nothing at the target was changed/,
    );
    expect(report.rehearsal.statements).toContain(
      'Data went to the staging directory instead of the target bucket.',
    );
  });

  it('renders Markdown with escaped cells', () => {
    const md = renderReportMarkdown(report);
    expect(md).toMatch(/^# Migration report: Webshop \| to AWS/);
    expect(md).toContain(
      '> This was a rehearsal. Nothing at the target was changed.',
    );
    expect(md).toContain(
      '| db dump | data | file:///data/db.dump → file:///staging/m-1/db.dump (sha256 abc=-3) | 3.0 MiB | verified |',
    );
    expect(md).toContain(
      '| build | approved | user:default/bob | 2027-01-01T08:09:00.000Z | Looks good |',
    );
    expect(md).toContain(
      '| build | succeeded | 2027-01-01T08:10:00.000Z | 2027-01-01T08:12:30.000Z | 2 min 30 s |',
    );
    expect(md).toContain(
      'Overall **warning**: 1 passed, 1 warnings, 0 failed.',
    );
  });

  it('explains a running status when the support phase writes the final report', () => {
    const during = buildMigrationReport({
      migration: {
        ...migration,
        status: 'running',
        currentPhase: 'support',
        completedAt: undefined,
      },
      phases,
    });
    expect(renderReportMarkdown(during)).toContain(
      "status **running** (this report is the support phase's last step; the migration completes with it)",
    );
    expect(renderReportMarkdown(report)).toContain('status **completed**\n');
  });
});
