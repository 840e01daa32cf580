import { InputError } from '@backstage/errors';
import { z } from 'zod';

const labels = z.record(z.string(), z.string());

const alertSchema = z.object({
  status: z.enum(['firing', 'resolved']),
  labels: labels.refine(
    l => typeof l.alertname === 'string' && l.alertname.length > 0,
    'needs an alertname label',
  ),
  annotations: labels.default({}),
  startsAt: z
    .string()
    .refine(v => !Number.isNaN(Date.parse(v)), 'must be an RFC 3339 time'),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z
    .string()
    .regex(
      /^[0-9a-f]{1,64}$/i,
      'must be the hex fingerprint Alertmanager computes',
    ),
});

/**
 * Prometheus Alertmanager's webhook payload (version 4).
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 *
 * @public
 */
export const alertmanagerWebhookSchema = z.object({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string(),
  alerts: z.array(alertSchema).min(1).max(1000),
});

/** @public */
export type AlertmanagerWebhook = z.infer<typeof alertmanagerWebhookSchema>;
/** @public */
export type AlertmanagerAlert = AlertmanagerWebhook['alerts'][number];

/**
 * Parses an Alertmanager webhook body; throws `InputError` naming the first bad field.
 *
 * @public
 */
export function parseAlertmanagerWebhook(body: unknown): AlertmanagerWebhook {
  const parsed = alertmanagerWebhookSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Not an Alertmanager webhook payload: ${
        issue.path.join('.') || '(body)'
      }: ${issue.message}`,
    );
  }
  return parsed.data;
}

/**
 * Alertmanager sends `0001-01-01T00:00:00Z` as `endsAt` of firing alerts; that means "not ended".
 *
 * @public
 */
export function alertEndsAt(alert: AlertmanagerAlert): string | undefined {
  if (!alert.endsAt || alert.endsAt.startsWith('0001-')) return undefined;
  return Number.isNaN(Date.parse(alert.endsAt)) ? undefined : alert.endsAt;
}
