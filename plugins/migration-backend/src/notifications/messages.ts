import type { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import type {
  Approval,
  Migration,
  MigrationPhase,
  MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';
import { scrubText } from './scrub';

/** What a notification says (the payload of `NotificationService.send`). */
export type NotificationPayload = NotificationSendOptions['payload'];

/** What an approver sees of the plan in a gate notification. */
export interface PlanSummary {
  /** Resolved resources (the assessment's count when there is one). */
  resources: number;
  waves?: number;
  /** Estimated monthly cost on demand at the target. */
  monthlyCost?: { amount: number; currency: string };
}

/** The page of one migration in the portal. */
export function migrationLink(migration: Migration): string {
  return `/migrations/${encodeURIComponent(migration.id)}`;
}

/** The approvals inbox in the portal. */
export const APPROVALS_LINK = '/migrations/approvals';

/**
 * The topic of every notification about a migration (its alerts included), so the notifications
 * page can filter one migration's notifications.
 */
export function migrationTopic(migration: Migration): string {
  return `migration:${migration.id}`;
}

function base(
  migration: Migration,
  event: string,
): Pick<NotificationPayload, 'topic' | 'scope'> {
  return {
    topic: migrationTopic(migration),
    scope: `migration:${migration.id}:${event}`,
  };
}

function route(migration: Migration): string {
  const { target } = migration;
  return `${migration.sourceEnvironmentId} → ${target.provider} ${target.region}`;
}

function describePlan(plan: PlanSummary | undefined): string {
  if (!plan) {
    return '';
  }
  const parts = [
    `${plan.resources} resource${plan.resources === 1 ? '' : 's'}`,
  ];
  if (plan.waves !== undefined) {
    parts.push(`in ${plan.waves} wave${plan.waves === 1 ? '' : 's'}`);
  }
  let text = `Plan: ${parts.join(' ')}`;
  if (plan.monthlyCost) {
    const amount = Math.round(plan.monthlyCost.amount).toLocaleString('en-US');
    text += `, about ${amount} ${plan.monthlyCost.currency} a month`;
  }
  return `${text}. `;
}

/** A gate waits for a decision: to the approvers, linking the approvals inbox. */
export function gateWaitingMessage(
  migration: Migration,
  phase: MigrationPhase,
  plan?: PlanSummary,
): NotificationPayload {
  return {
    title: `Approval needed: ${phase} phase of ${migration.title}`,
    description: `${migration.title} (${route(
      migration,
    )}) waits for approval of its ${phase} phase. ${describePlan(
      plan,
    )}Requested by ${migration.requestedBy} for ${migration.owner}.`,
    link: APPROVALS_LINK,
    severity: 'high',
    ...base(migration, `gate:${phase}`),
  };
}

/** A gate was decided: to the requester and the owner. */
export function decisionMessage(
  migration: Migration,
  approval: Approval,
): NotificationPayload {
  const approved = approval.status === 'approved';
  const comment = scrubText(approval.comment, 200);
  return {
    title: `${approved ? 'Approved' : 'Rejected'}: ${approval.phase} phase of ${
      migration.title
    }`,
    description: `${approval.decidedBy ?? 'An approver'} ${
      approved ? 'approved' : 'rejected'
    } the ${approval.phase} phase${comment ? `: "${comment}"` : '.'}${
      approved ? '' : ' The migration has stopped.'
    }`,
    link: migrationLink(migration),
    severity: approved ? 'normal' : 'high',
    ...base(migration, `decision:${approval.phase}`),
  };
}

/** The migration failed: to the requester and the owner, naming the failing task and its error. */
export function failedMessage(
  migration: Migration,
  failing?: Pick<MigrationTask, 'phase' | 'key' | 'title' | 'error'>,
): NotificationPayload {
  const description = failing
    ? `The ${failing.phase} phase failed at task "${failing.title}" (${
        failing.key
      }): ${
        scrubText(failing.error) || 'no error recorded'
      }. Retry the task or roll back.`
    : `${scrubText(migration.statusReason) || 'The migration failed'}.`;
  return {
    title: `Failed: ${migration.title}`,
    description,
    link: migrationLink(migration),
    severity: 'high',
    ...base(migration, 'failed'),
  };
}

/** The migration completed: to the requester and the owner. */
export function completedMessage(migration: Migration): NotificationPayload {
  return {
    title: `Completed: ${migration.title}`,
    description: `${migration.title} (${route(
      migration,
    )}) completed all its phases.`,
    link: migrationLink(migration),
    severity: 'normal',
    ...base(migration, 'completed'),
  };
}

/** A rollback finished: to the requester and the owner. */
export function rolledBackMessage(migration: Migration): NotificationPayload {
  return {
    title: `Rolled back: ${migration.title}`,
    description: `${migration.title} was rolled back: what it had created at the target was removed.`,
    link: migrationLink(migration),
    severity: 'normal',
    ...base(migration, 'rolled-back'),
  };
}
