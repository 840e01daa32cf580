import { InputError } from '@backstage/errors';
import { z } from 'zod';
import type {
  Migration,
  MonitoringConfig,
} from '@sirsi-nexus/plugin-migration-common';

const CRON_FIELD =
  /^(\*|\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*)(\/\d{1,2})?$/;

function validCron(value: string) {
  const fields = value.trim().split(/\s+/);
  return fields.length === 5 && fields.every(f => CRON_FIELD.test(f));
}

/**
 * Backups run daily or on some weekdays at a fixed UTC time, the schedule every target's native
 * backup service can express: `M H * * *` or `M H * * D[,D...]`.
 */
function backupScheduleParts(value: string) {
  const match = /^(\d{1,2}) (\d{1,2}) \* \* (\*|[0-6](,[0-6])*)$/.exec(
    value.trim(),
  );
  if (!match) return undefined;
  const minute = Number(match[1]);
  const hour = Number(match[2]);
  if (minute > 59 || hour > 23) return undefined;
  return {
    minute,
    hour,
    weekdays: match[3] === '*' ? undefined : match[3].split(',').map(Number),
  };
}

/** @public */
export type BackupScheduleParts = NonNullable<
  ReturnType<typeof backupScheduleParts>
>;

/**
 * The parsed backup schedule (daily or weekly at a UTC time).
 *
 * @public
 */
export function parseBackupSchedule(value: string): BackupScheduleParts {
  const parts = backupScheduleParts(value);
  if (!parts) {
    throw new InputError(
      `backupStrategy.schedule: '${value}' must be 'M H * * *' (daily) or 'M H * * D,D' (weekdays 0-6) in UTC`,
    );
  }
  return parts;
}

const alertSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z][A-Za-z0-9_]{0,62}$/,
        'must be a letter followed by letters, digits or _',
      ),
    metric: z.enum([
      'cpu',
      'memory',
      'disk',
      'availability',
      'latency',
      'error-rate',
    ]),
    comparison: z.enum(['>', '<']).default('>'),
    threshold: z.number().finite().min(0),
    forMinutes: z.number().int().min(1).max(1440).default(5),
    severity: z.enum(['critical', 'warning', 'info']).default('warning'),
    description: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((alert, ctx) => {
    if (
      ['cpu', 'memory', 'disk', 'error-rate'].includes(alert.metric) &&
      alert.threshold > 100
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['threshold'],
        message: 'is a percentage (0-100)',
      });
    }
  });

const CHANNEL_TARGETS: Record<string, { pattern: RegExp; message: string }> = {
  email: {
    pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/,
    message: 'must be an e-mail address',
  },
  webhook: {
    pattern: /^https:\/\/[^\s]+$/,
    message: 'must be an https:// URL',
  },
  backstage: {
    pattern: /^(user|group):([a-z0-9_.-]+\/)?[a-z0-9_.-]+$/i,
    message: 'must be a user or group entity ref',
  },
  slack: {
    pattern: /^#?[a-z0-9_.-]+$/i,
    message: 'must be a Slack channel name',
  },
};

const channelSchema = z
  .object({
    type: z.enum(['backstage', 'email', 'slack', 'webhook']),
    target: z.string().min(1).max(500),
  })
  .strict()
  .superRefine((channel, ctx) => {
    const rule = CHANNEL_TARGETS[channel.type];
    if (!rule.pattern.test(channel.target)) {
      ctx.addIssue({ code: 'custom', path: ['target'], message: rule.message });
    }
  });

const requestSchema = z
  .object({
    alerts: z.array(alertSchema).max(50),
    reportSchedule: z
      .object({
        cron: z
          .string()
          .refine(validCron, 'must be a five-field cron expression'),
        recipients: z.array(z.string().min(1)).max(50),
      })
      .strict(),
    backupStrategy: z
      .object({
        enabled: z.boolean(),
        schedule: z
          .string()
          .refine(
            v => backupScheduleParts(v) !== undefined,
            "must be 'M H * * *' or 'M H * * D,D' (UTC)",
          ),
        retentionDays: z.number().int().min(7).max(3650),
        copyToRegion: z
          .string()
          .regex(/^[a-z0-9-]+$/)
          .optional(),
      })
      .strict(),
    channels: z.array(channelSchema).max(20),
  })
  .partial()
  .strict();

/**
 * The monitoring a migration gets when nothing else is asked for: CPU, memory, disk and
 * availability alerts, a weekly report to the owner, daily backups kept for 30 days, and
 * Backstage notifications to the owner.
 *
 * @public
 */
export function defaultMonitoringConfig(
  migration: Pick<Migration, 'owner'>,
): MonitoringConfig {
  return {
    alerts: [
      {
        name: 'HighCpu',
        metric: 'cpu',
        comparison: '>',
        threshold: 85,
        forMinutes: 10,
        severity: 'warning',
        description: 'CPU above 85 % for 10 minutes',
      },
      {
        name: 'HighMemory',
        metric: 'memory',
        comparison: '>',
        threshold: 90,
        forMinutes: 10,
        severity: 'warning',
        description: 'Memory above 90 % for 10 minutes',
      },
      {
        name: 'DiskFilling',
        metric: 'disk',
        comparison: '>',
        threshold: 85,
        forMinutes: 15,
        severity: 'warning',
        description: 'A file system is more than 85 % full',
      },
      {
        name: 'InstanceDown',
        metric: 'availability',
        comparison: '<',
        threshold: 1,
        forMinutes: 2,
        severity: 'critical',
        description: 'The instance or its exporter is not reachable',
      },
    ],
    reportSchedule: { cron: '0 8 * * 1', recipients: [migration.owner] },
    backupStrategy: { enabled: true, schedule: '0 3 * * *', retentionDays: 30 },
    channels: [{ type: 'backstage', target: migration.owner }],
  };
}

/**
 * Validates a `configure-support` body and fills the missing parts from `base` (the stored
 * configuration or the defaults). Throws `InputError` naming the first bad field.
 *
 * @public
 */
export function resolveMonitoringConfig(
  body: unknown,
  base: MonitoringConfig,
): MonitoringConfig {
  const parsed = requestSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || '(body)';
    throw new InputError(`${field}: ${issue.message}`);
  }
  const names = new Set<string>();
  for (const [i, alert] of (parsed.data.alerts ?? []).entries()) {
    if (names.has(alert.name)) {
      throw new InputError(`alerts.${i}.name: '${alert.name}' is used twice`);
    }
    names.add(alert.name);
  }
  return {
    alerts: (parsed.data.alerts as MonitoringConfig['alerts']) ?? base.alerts,
    reportSchedule: parsed.data.reportSchedule ?? base.reportSchedule,
    backupStrategy: parsed.data.backupStrategy ?? base.backupStrategy,
    channels: parsed.data.channels ?? base.channels,
  };
}
