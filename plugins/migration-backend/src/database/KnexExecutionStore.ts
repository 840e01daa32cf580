import type { Knex } from 'knex';
import type {
  ReceivedAlert,
  SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  alertEndsAt,
  type AlertmanagerAlert,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { dbNow, isPostgres } from './dbClock';
import type {
  ExecutionStore,
  RecordedAlert,
  SupportReportSchedule,
} from './ExecutionStore';
import type { AlertLink } from '../service/execution/alertResources';

interface AlertRow {
  migration_id: string;
  fingerprint: string;
  status: string;
  alertname: string;
  severity: string | null;
  labels: string;
  annotations: string;
  starts_at: string;
  ends_at: string | null;
  generator_url: string | null;
  first_received_at: string | number;
  last_received_at: string | number;
  receive_count: number;
  instance: string | null;
  resource_id: string | null;
  resource_name: string | null;
  resource_entity_ref: string | null;
}

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

function toAlert(row: AlertRow): ReceivedAlert {
  const annotations = JSON.parse(row.annotations) as Record<string, string>;
  return {
    fingerprint: row.fingerprint,
    ...(row.instance ? { instance: row.instance } : {}),
    ...(row.resource_id
      ? {
          resource: {
            id: row.resource_id,
            name: row.resource_name ?? row.resource_id,
            ...(row.resource_entity_ref
              ? { entityRef: row.resource_entity_ref }
              : {}),
          },
        }
      : {}),
    status: row.status as ReceivedAlert['status'],
    alertname: row.alertname,
    severity: row.severity ?? undefined,
    summary: annotations.summary ?? annotations.description,
    labels: JSON.parse(row.labels),
    annotations,
    startsAt: row.starts_at,
    endsAt: row.ends_at ?? undefined,
    generatorURL: row.generator_url ?? undefined,
    firstReceivedAt: iso(row.first_received_at),
    lastReceivedAt: iso(row.last_received_at),
    receiveCount: Number(row.receive_count),
  };
}

/**
 * {@link ExecutionStore} on the plugin's database (SQLite or PostgreSQL).
 *
 * @public
 */
export class KnexExecutionStore implements ExecutionStore {
  constructor(private readonly db: Knex) {}

  async getSupport(
    migrationId: string,
  ): Promise<SupportConfiguration | undefined> {
    const row = await this.db('migration_support_configs')
      .where({ migration_id: migrationId })
      .first();
    if (!row) return undefined;
    return {
      migrationId,
      target: JSON.parse(row.target),
      config: JSON.parse(row.config),
      generated: JSON.parse(row.generated),
      updatedAt: iso(row.updated_at),
      updatedBy: row.updated_by,
    };
  }

  async saveSupport(support: SupportConfiguration): Promise<void> {
    const row = {
      config: JSON.stringify(support.config),
      generated: JSON.stringify(support.generated),
      target: JSON.stringify(support.target),
      updated_by: support.updatedBy,
      updated_at: dbNow(this.db),
    };
    await this.db('migration_support_configs')
      .insert({ migration_id: support.migrationId, ...row })
      .onConflict('migration_id')
      .merge(row);
  }

  async recordAlerts(
    migrationId: string,
    alerts: AlertmanagerAlert[],
    link: (alert: AlertmanagerAlert) => AlertLink = () => ({}),
  ): Promise<RecordedAlert[]> {
    return this.db.transaction(async trx => {
      const results: RecordedAlert[] = [];
      for (const alert of alerts) {
        const { instance, resource } = link(alert);
        const values = {
          instance: instance ?? null,
          resource_id: resource?.id ?? null,
          resource_name: resource?.name ?? null,
          resource_entity_ref: resource?.entityRef ?? null,
          status: alert.status,
          alertname: alert.labels.alertname,
          severity: alert.labels.severity ?? null,
          labels: JSON.stringify(alert.labels),
          annotations: JSON.stringify(alert.annotations ?? {}),
          starts_at: alert.startsAt,
          ends_at: alertEndsAt(alert) ?? null,
          generator_url: alert.generatorURL ?? null,
        };
        const key = {
          migration_id: migrationId,
          fingerprint: alert.fingerprint.toLowerCase(),
        };
        const inserted = await trx('migration_alerts')
          .insert({
            ...key,
            ...values,
            first_received_at: dbNow(trx),
            last_received_at: dbNow(trx),
            receive_count: 1,
          })
          .onConflict(['migration_id', 'fingerprint'])
          .ignore()
          .returning('fingerprint');
        let changed = inserted.length > 0;
        if (!changed) {
          let query = trx<AlertRow>('migration_alerts').where(key);
          if (isPostgres(trx)) query = query.forUpdate();
          const existing = (await query.first())!;
          const same =
            existing.status === alert.status &&
            existing.starts_at === alert.startsAt;
          changed = !same;
          await trx('migration_alerts')
            .where(key)
            .update({
              ...values,
              last_received_at: dbNow(trx),
              receive_count: same ? trx.raw('receive_count + 1') : 1,
            });
        }
        const row = await trx<AlertRow>('migration_alerts').where(key).first();
        results.push({ alert: toAlert(row!), changed });
      }
      return results;
    });
  }

  async listReportSchedules(): Promise<SupportReportSchedule[]> {
    const rows = await this.db('migration_support_configs as s')
      .join('migrations as m', 'm.id', 's.migration_id')
      .whereNotIn('m.status', ['cancelled', 'rolled_back'])
      .orderBy('s.migration_id')
      .select('s.migration_id', 's.config', 's.updated_at', 's.last_report_at');
    return rows.map(row => {
      const config = JSON.parse(row.config) as SupportConfiguration['config'];
      return {
        migrationId: row.migration_id,
        cron: config.reportSchedule.cron,
        recipients: config.reportSchedule.recipients,
        updatedAt: iso(row.updated_at),
        lastReportAt:
          row.last_report_at === null ? undefined : iso(row.last_report_at),
      };
    });
  }

  async markReportSent(
    migrationId: string,
    previous: string | undefined,
    sentAt: Date,
  ): Promise<boolean> {
    const updated = await this.db('migration_support_configs')
      .where({ migration_id: migrationId })
      .where(q =>
        previous === undefined
          ? q.whereNull('last_report_at')
          : q.where('last_report_at', Date.parse(previous)),
      )
      .update({ last_report_at: sentAt.getTime() });
    return updated === 1;
  }

  async listAlerts(migrationId: string, limit = 100): Promise<ReceivedAlert[]> {
    const rows = await this.db<AlertRow>('migration_alerts')
      .where({ migration_id: migrationId })
      .orderBy([
        { column: 'last_received_at', order: 'desc' },
        { column: 'fingerprint', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(toAlert);
  }
}
