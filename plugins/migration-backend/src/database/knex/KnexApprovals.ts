import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  type Approval,
  type Migration,
  type MigrationPhase,
  type PendingApproval,
} from '@sirsi-nexus/plugin-migration-common';
import { readDbNow } from '../dbClock';
import type { AuditEntry, MigrationRowFilter } from '../MigrationStore';
import { type ApprovalRow, type MigrationRow, toApproval } from '../rows';
import { truncate } from './util';
import { KnexStoreBase } from './KnexStoreBase';

/** Approval gates: a phase stops for approval, someone decides, approvers list what waits. */
export class KnexApprovals extends KnexStoreBase {
  async gatePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<boolean> {
    return this.db.transaction(async trx => {
      const { migration, phase } = await this.lockMigrationPhase(
        trx,
        options.migrationId,
        options.phase,
      );
      if (migration.status !== 'running' || phase?.status !== 'pending') {
        return false;
      }
      const now = await readDbNow(trx);
      await trx('approvals')
        .insert({
          migration_id: options.migrationId,
          phase: options.phase,
          status: 'pending',
          requested_at: now,
        })
        .onConflict(['migration_id', 'phase'])
        .merge({
          status: 'pending',
          requested_at: now,
          decided_by: null,
          decided_at: null,
          comment: null,
        });
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'awaiting_approval' });
      await trx('migrations').where({ id: options.migrationId }).update({
        status: 'awaiting_approval',
        current_phase: options.phase,
        updated_at: now,
      });
      await this.audit(trx, options.migrationId, options.audit);
      return true;
    });
  }

  async decideApproval(options: {
    migrationId: string;
    phase: MigrationPhase;
    decision: 'approve' | 'reject';
    decidedBy: string;
    comment: string;
  }): Promise<{ approval: Approval; migration: Migration }> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const approval = (await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as ApprovalRow | undefined;
      if (!approval) {
        throw new NotFoundError(
          `Migration ${options.migrationId} has no approval for phase ${options.phase}`,
        );
      }
      if (approval.status !== 'pending') {
        throw new ConflictError(
          `The ${options.phase} phase of migration ${options.migrationId} was already ${approval.status}`,
        );
      }
      if (migration.status !== 'awaiting_approval') {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}, not awaiting approval`,
        );
      }
      const now = await readDbNow(trx);
      const approved = options.decision === 'approve';
      await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({
          status: approved ? 'approved' : 'rejected',
          decided_by: options.decidedBy,
          decided_at: now,
          comment: options.comment,
        });
      const entries: AuditEntry[] = [
        {
          actor: options.decidedBy,
          action: approved ? 'phase.approved' : 'phase.rejected',
          phase: options.phase,
          detail: { comment: options.comment },
        },
      ];
      if (approved) {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'pending' });
        await trx('migrations')
          .where({ id: options.migrationId })
          .update({ status: 'running', status_reason: null, updated_at: now });
      } else {
        const reason = truncate(
          `The ${options.phase} phase was rejected by ${options.decidedBy}: ${options.comment}`,
          2000,
        );
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'failed', completed_at: now });
        await trx('migrations')
          .where({ id: options.migrationId })
          .update({ status: 'failed', status_reason: reason, updated_at: now });
        entries.push({
          actor: options.decidedBy,
          action: 'migration.failed',
          phase: options.phase,
          detail: { reason },
        });
      }
      await this.audit(trx, options.migrationId, entries);
      const row = (await trx('approvals')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .first()) as ApprovalRow;
      return {
        approval: toApproval(row),
        migration: await this.loadMigration(trx, options.migrationId),
      };
    });
  }

  async listApprovals(options: {
    status: Approval['status'];
    where?: MigrationRowFilter;
  }): Promise<PendingApproval[]> {
    const query = this.db('approvals')
      .join('migrations', 'migrations.id', 'approvals.migration_id')
      .where('approvals.status', options.status)
      .orderBy('approvals.requested_at', 'asc')
      .select('approvals.*')
      .limit(500);
    if (options.status === 'pending') {
      query.where('migrations.status', 'awaiting_approval');
    }
    if (options.where) {
      query.where(options.where);
    }
    const rows = (await query) as ApprovalRow[];
    const migrationRows = (await this.db('migrations').whereIn(
      'id',
      rows.map(r => r.migration_id),
    )) as MigrationRow[];
    const migrations = new Map(
      (await this.toMigrations(this.db, migrationRows)).map(m => [m.id, m]),
    );
    return rows.map(row => ({
      ...toApproval(row),
      migration: migrations.get(row.migration_id)!,
    }));
  }
}
