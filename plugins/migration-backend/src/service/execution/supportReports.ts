import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { MigrationReport } from '@sirsi-nexus/plugin-migration-common';
import { CronTime } from 'cron';
import type { MigrationAccess } from '../../engine/createMigrationAccess';
import { reportMigration } from '../../executors';
import type {
  ExecutionStore,
  SupportReportSchedule,
} from '../../database/ExecutionStore';
import { ENGINE_ACTOR } from '../../database/engineActor';

/**
 * The first occurrence of a five-field UTC cron expression after `after`; undefined when the
 * expression cannot be scheduled (e.g. a minute of 61).
 */
export function nextReportTime(cron: string, after: Date): Date | undefined {
  try {
    return new CronTime(cron, 'UTC').getNextDateFrom(after).toJSDate();
  } catch {
    return undefined;
  }
}

/**
 * The first occurrence of a schedule after it was last reported (or configured): the report is
 * due once that time has come. Undefined when its cron expression cannot be scheduled.
 */
function nextOccurrence(schedule: SupportReportSchedule): Date | undefined {
  const since = Math.max(
    Date.parse(schedule.updatedAt),
    schedule.lastReportAt ? Date.parse(schedule.lastReportAt) : 0,
  );
  return nextReportTime(schedule.cron, new Date(since));
}

/** Whether a schedule has an occurrence since it was last reported (or configured) up to `now`. */
export function isReportDue(schedule: SupportReportSchedule, now: Date) {
  const next = nextOccurrence(schedule);
  return next !== undefined && next.getTime() <= now.getTime();
}

function money(value: number, currency: string) {
  return `${currency} ${Math.round(value).toLocaleString('en-US')}`;
}

/** One line for the notification: status, checks, alerts, costs. */
export function describeReport(report: MigrationReport, firingAlerts: number) {
  const parts = [`Status: ${report.migration.status.replace('_', ' ')}`];
  const summary = report.checks.summary;
  if (summary) {
    parts.push(
      `checks: ${summary.passed} passed, ${summary.warning} warning, ${summary.failed} failed`,
    );
  }
  parts.push(
    firingAlerts === 1 ? '1 alert firing' : `${firingAlerts} alerts firing`,
  );
  const { costs } = report;
  if (costs.afterMonthly !== undefined) {
    parts.push(`${money(costs.afterMonthly, costs.currency)}/month`);
  }
  if (costs.recommendedSavingsMonthly) {
    parts.push(
      `recommendations worth ${money(
        costs.recommendedSavingsMonthly,
        costs.currency,
      )}/month`,
    );
  }
  return parts.join(' · ');
}

/**
 * Sends the operational report of every migration whose `reportSchedule` has an occurrence that
 * was not reported yet: a Backstage notification to the schedule's recipients linking to the
 * report, and the report's Markdown stored as the artifact `operational-report-<date>.md`.
 * Missed occurrences (the backend was down) are reported once, not once each. A report is
 * claimed before it is sent, so replicas never send it twice; one that then fails is logged and
 * waits for the next occurrence.
 *
 * @internal
 */
export async function sendDueSupportReports(
  options: {
    store: ExecutionStore;
    access: MigrationAccess;
    notifications: NotificationService;
    logger: LoggerService;
  },
  now = new Date(),
): Promise<{ sent: string[] }> {
  const { store, access, notifications, logger } = options;
  const sent: string[] = [];
  for (const schedule of await store.listReportSchedules()) {
    const next = nextOccurrence(schedule);
    if (next === undefined) {
      logger.warn(
        `Migration ${schedule.migrationId}: report schedule "${schedule.cron}" cannot be scheduled`,
      );
      continue;
    }
    if (next.getTime() > now.getTime() || schedule.recipients.length === 0) {
      continue;
    }
    const claimed = await store.markReportSent(
      schedule.migrationId,
      schedule.lastReportAt,
      now,
    );
    if (!claimed) continue;
    try {
      const { report, markdown } = await reportMigration(
        access,
        schedule.migrationId,
      );
      const firing = (await store.listAlerts(schedule.migrationId)).filter(
        a => a.status === 'firing',
      ).length;
      await access.putArtifact(
        schedule.migrationId,
        `operational-report-${now.toISOString().slice(0, 10)}.md`,
        markdown,
        { actor: ENGINE_ACTOR, mediaType: 'text/markdown; charset=utf-8' },
      );
      await notifications.send({
        recipients: { type: 'entity', entityRef: schedule.recipients },
        payload: {
          title: `Operational report: ${report.migration.title}`,
          description: describeReport(report, firing),
          link: `/migrations/${encodeURIComponent(
            schedule.migrationId,
          )}?tab=report`,
          severity: firing > 0 ? 'high' : 'normal',
          topic: `migration:${schedule.migrationId}`,
          scope: `migration-report:${schedule.migrationId}`,
        },
      });
      sent.push(schedule.migrationId);
    } catch (error) {
      logger.warn(
        `Could not send the scheduled report of migration ${schedule.migrationId}: ${error}`,
      );
    }
  }
  return { sent };
}
