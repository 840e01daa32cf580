import type { LoggerService } from '@backstage/backend-plugin-api';
import type {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import type {
  Migration,
  ReceivedAlert,
} from '@sirsi-nexus/plugin-migration-common';
import type { ExecutionStore } from '../../database/ExecutionStore';

type NotificationSeverity = NonNullable<
  NotificationSendOptions['payload']['severity']
>;

const SEVERITY: Record<string, NotificationSeverity> = {
  critical: 'critical',
  error: 'high',
  warning: 'high',
  info: 'normal',
};

/** Who hears about a migration's alerts: its owner plus the `backstage` channels of its configuration. */
function alertRecipients(
  migration: Migration,
  channels: Array<{ type: string; target: string }>,
): string[] {
  return [
    ...new Set([
      migration.owner,
      ...channels.filter(c => c.type === 'backstage').map(c => c.target),
    ]),
  ];
}

/** The notification of an alert: one per alert, updated in place when it resolves. */
function alertNotification(
  migration: Migration,
  alert: ReceivedAlert,
): NotificationSendOptions['payload'] {
  const resolved = alert.status === 'resolved';
  const instance = alert.labels.instance ? ` on ${alert.labels.instance}` : '';
  return {
    title: `${resolved ? 'Resolved' : 'Firing'}: ${
      alert.alertname
    }${instance} (${migration.title})`,
    description:
      alert.summary ??
      alert.annotations.description ??
      `${alert.alertname} is ${alert.status}`,
    link: `/migrations/${encodeURIComponent(migration.id)}`,
    severity: resolved ? 'low' : SEVERITY[alert.severity ?? ''] ?? 'normal',
    topic: `migration:${migration.id}`,
    scope: `migration-alert:${migration.id}:${alert.fingerprint}`,
  };
}

/**
 * Notifies the migration's owners of each changed alert; answers how many notifications went out.
 * A failed notification is logged, not thrown: the alert is recorded, and Alertmanager must not
 * send it again.
 */
export async function notifyAlerts(options: {
  migration: Migration;
  changed: ReceivedAlert[];
  store: ExecutionStore;
  notifications: NotificationService;
  logger: LoggerService;
}): Promise<number> {
  const { migration, changed, store, notifications, logger } = options;
  if (changed.length === 0) return 0;
  const channels =
    (await store.getSupport(migration.id))?.config.channels ?? [];
  const recipients = alertRecipients(migration, channels);
  let notified = 0;
  for (const alert of changed) {
    try {
      await notifications.send({
        recipients: { type: 'entity', entityRef: recipients },
        payload: alertNotification(migration, alert),
      });
      notified++;
    } catch (error) {
      logger.warn(
        `Could not notify about alert ${alert.fingerprint} of migration ${migration.id}: ${error}`,
      );
    }
  }
  return notified;
}
