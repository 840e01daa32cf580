import type { Approval, Migration } from '@sirsi-nexus/plugin-migration-common';
import {
  completedMessage,
  decisionMessage,
  failedMessage,
  gateWaitingMessage,
  rolledBackMessage,
} from './messages';

const migration: Migration = {
  id: 'm-1',
  title: 'Move the web shop',
  status: 'awaiting_approval',
  sourceEnvironmentId: 'dc1',
  target: { provider: 'aws', region: 'eu-west-1' },
  entityRefs: ['system:default/webshop'],
  owner: 'group:default/team-shop',
  requestedBy: 'user:default/alice',
  options: { justification: 'password=hunter2' },
  progress: 0.3,
  createdAt: '2026-12-06T10:00:00Z',
  updatedAt: '2026-12-06T10:05:00Z',
};

describe('notification messages', () => {
  it('asks approvers with the plan summary and the inbox link', () => {
    expect(
      gateWaitingMessage(migration, 'build', {
        resources: 13,
        waves: 3,
        monthlyCost: { amount: 1234.56, currency: 'EUR' },
      }),
    ).toEqual({
      title: 'Approval needed: build phase of Move the web shop',
      description:
        'Move the web shop (dc1 → aws eu-west-1) waits for approval of its build phase. Plan: 13 resources in 3 waves, about 1,235 EUR a month. Requested by user:default/alice for group:default/team-shop.',
      link: '/migrations/approvals',
      severity: 'high',
      topic: 'migration:m-1',
      scope: 'migration:m-1:gate:build',
    });
    expect(
      gateWaitingMessage(migration, 'transfer', { resources: 1 }).description,
    ).toContain('Plan: 1 resource. ');
  });

  it('tells of a decision with the scrubbed comment', () => {
    const approval: Approval = {
      migrationId: 'm-1',
      phase: 'build',
      status: 'rejected',
      requestedAt: '2026-12-06T10:05:00Z',
      decidedBy: 'user:default/bob',
      decidedAt: '2026-12-06T10:06:00Z',
      comment: 'Not with secret=abc123 in the plan',
    };
    expect(decisionMessage(migration, approval)).toEqual({
      title: 'Rejected: build phase of Move the web shop',
      description:
        'user:default/bob rejected the build phase: "Not with secret=[redacted] in the plan" The migration has stopped.',
      link: '/migrations/m-1',
      severity: 'high',
      topic: 'migration:m-1',
      scope: 'migration:m-1:decision:build',
    });
    expect(
      decisionMessage(migration, { ...approval, status: 'approved' }),
    ).toMatchObject({
      title: expect.stringMatching(/^Approved/),
      severity: 'normal',
    });
  });

  it('names the failing task and its error without stack or secrets', () => {
    const error = new Error('apply failed: token=t0ps3cret');
    const message = failedMessage(
      { ...migration, status: 'failed' },
      {
        phase: 'build',
        key: 'wave-01',
        title: 'Provision wave 1',
        error: error.stack,
      },
    );
    expect(message).toMatchObject({
      title: 'Failed: Move the web shop',
      description:
        'The build phase failed at task "Provision wave 1" (wave-01): Error: apply failed: token=[redacted]. Retry the task or roll back.',
      link: '/migrations/m-1',
      severity: 'high',
      topic: 'migration:m-1',
    });
    expect(
      failedMessage({
        ...migration,
        status: 'failed',
        statusReason: 'Planning the plan phase failed: no entities',
      }).description,
    ).toBe('Planning the plan phase failed: no entities.');
  });

  it('tells of the end and of a rollback, linking the migration', () => {
    expect(completedMessage(migration)).toMatchObject({
      title: 'Completed: Move the web shop',
      link: '/migrations/m-1',
      severity: 'normal',
      topic: 'migration:m-1',
    });
    expect(rolledBackMessage(migration)).toMatchObject({
      title: 'Rolled back: Move the web shop',
      link: '/migrations/m-1',
      topic: 'migration:m-1',
    });
  });

  it('puts no option of the migration in any message', () => {
    const all = JSON.stringify([
      gateWaitingMessage(migration, 'build'),
      completedMessage(migration),
      rolledBackMessage(migration),
      failedMessage(migration),
    ]);
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('justification');
  });
});
