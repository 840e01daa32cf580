import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  type Migration,
  type MigrationPhase,
  type MigrationStatus,
  type MigrationTask,
} from '@sirsi-nexus/plugin-migration-common';
import { dbNow, readDbNow, toNumber } from '../dbClock';
import type { AuditEntry, NewTask, OpenPhaseResult } from '../MigrationStore';
import { OPEN_TASK_STATUSES, type TaskRow, toTask } from '../rows';
import { KnexStoreBase } from './KnexStoreBase';
import { NO_LEASE } from './taskQueries';

/** Phases, rollbacks and retries: the transactions that move a migration along. */
export class KnexPhaseTransitions extends KnexStoreBase {
  async openPhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    tasks: NewTask[];
    audit: AuditEntry;
  }): Promise<OpenPhaseResult> {
    return this.db.transaction(async trx => {
      const { migration, phase } = await this.lockMigrationPhase(
        trx,
        options.migrationId,
        options.phase,
      );
      if (migration.status !== 'running' || phase?.status !== 'pending') {
        return 'conflict';
      }
      const now = await readDbNow(trx);
      await trx('migrations')
        .where({ id: options.migrationId })
        .update({ current_phase: options.phase, updated_at: now });
      if (options.tasks.length === 0) {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: options.phase })
          .update({ status: 'skipped', started_at: now, completed_at: now });
        await this.audit(trx, options.migrationId, {
          ...options.audit,
          action: 'phase.skipped',
          detail: { ...options.audit.detail, reason: 'no tasks planned' },
        });
        return 'skipped';
      }
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'running', started_at: now });
      await this.insertTasks(trx, options.migrationId, options.tasks, now);
      await this.audit(trx, options.migrationId, options.audit);
      return 'opened';
    });
  }

  async completePhase(options: {
    migrationId: string;
    phase: MigrationPhase;
    audit: AuditEntry;
  }): Promise<{ durationMs: number } | undefined> {
    return this.db.transaction(async trx => {
      const { phase } = await this.lockMigrationPhase(
        trx,
        options.migrationId,
        options.phase,
      );
      if (phase?.status !== 'running') {
        return undefined;
      }
      const unfinished = await trx('tasks')
        .where({
          migration_id: options.migrationId,
          phase: options.phase,
          mode: 'run',
        })
        .whereNotIn('status', ['succeeded', 'skipped'])
        .count({ n: '*' })
        .first();
      if (toNumber(unfinished?.n ?? 0) > 0) {
        return undefined;
      }
      const now = await readDbNow(trx);
      await trx('phases')
        .where({ migration_id: options.migrationId, phase: options.phase })
        .update({ status: 'succeeded', completed_at: now });
      await trx('migrations')
        .where({ id: options.migrationId })
        .update({ updated_at: now });
      await this.audit(trx, options.migrationId, options.audit);
      return { durationMs: now - toNumber(phase.started_at ?? now) };
    });
  }

  async completeMigration(
    migrationId: string,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const changed = await trx('migrations')
        .where({ id: migrationId, status: 'running' })
        .update({
          status: 'completed',
          status_reason: null,
          updated_at: dbNow(trx),
          completed_at: dbNow(trx),
        });
      if (changed > 0) {
        await this.audit(trx, migrationId, audit);
      }
      return changed > 0;
    });
  }

  async finishRollback(
    migrationId: string,
    audit: AuditEntry,
  ): Promise<boolean> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, migrationId);
      if (migration.status !== 'rolling_back') {
        return false;
      }
      const blocking = await trx('tasks')
        .where({ migration_id: migrationId, mode: 'compensate' })
        .whereNotIn('status', ['succeeded', 'skipped'])
        .count({ n: '*' })
        .first();
      if (toNumber(blocking?.n ?? 0) > 0) {
        return false;
      }
      const compensated = await trx('tasks')
        .where({
          migration_id: migrationId,
          mode: 'compensate',
          status: 'succeeded',
        })
        .distinct('phase');
      await trx('phases')
        .where({ migration_id: migrationId })
        .whereIn(
          'phase',
          compensated.map(r => r.phase),
        )
        .update({ status: 'rolled_back' });
      await trx('migrations')
        .where({ id: migrationId })
        .update({
          status: 'rolled_back',
          updated_at: dbNow(trx),
          completed_at: dbNow(trx),
        });
      await this.audit(trx, migrationId, audit);
      return true;
    });
  }

  async startRollback(options: {
    migrationId: string;
    from: MigrationStatus[];
    compensations: NewTask[];
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<Migration> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      if (!options.from.includes(migration.status)) {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}; it cannot be rolled back`,
        );
      }
      const now = await readDbNow(trx);
      await trx('tasks')
        .where({ migration_id: options.migrationId, mode: 'run' })
        .whereIn('status', OPEN_TASK_STATUSES)
        .update({
          status: 'cancelled',
          ...NO_LEASE,
          completed_at: now,
          updated_at: now,
        });
      await trx('phases')
        .where({ migration_id: options.migrationId })
        .whereIn('status', ['pending', 'awaiting_approval', 'running'])
        .update({ status: 'cancelled', completed_at: now });
      await trx('tasks')
        .where({
          migration_id: options.migrationId,
          mode: 'compensate',
          status: 'failed',
        })
        .update({
          status: 'ready',
          available_at: now,
          updated_at: now,
          completed_at: null,
          lease_expiries: 0,
          max_attempts: trx.raw('attempts + ?', [options.additionalAttempts]),
        });
      await this.insertTasks(
        trx,
        options.migrationId,
        options.compensations,
        now,
      );
      await trx('migrations').where({ id: options.migrationId }).update({
        status: 'rolling_back',
        updated_at: now,
        completed_at: null,
      });
      await this.audit(trx, options.migrationId, options.audit);
      return this.loadMigration(trx, options.migrationId);
    });
  }

  async retryTask(options: {
    migrationId: string;
    taskId: string;
    additionalAttempts: number;
    audit: AuditEntry;
  }): Promise<{ task: MigrationTask; migration: Migration }> {
    return this.db.transaction(async trx => {
      const migration = await this.lockMigration(trx, options.migrationId);
      const task = (await trx('tasks')
        .where({ id: options.taskId, migration_id: options.migrationId })
        .first()) as TaskRow | undefined;
      if (!task) {
        throw new NotFoundError(
          `Migration ${options.migrationId} has no task ${options.taskId}`,
        );
      }
      if (task.status !== 'failed') {
        throw new ConflictError(
          `Task ${options.taskId} is ${task.status}; only failed tasks can be retried`,
        );
      }
      const resumed: MigrationStatus =
        task.mode === 'run' ? 'running' : 'rolling_back';
      if (migration.status !== 'failed' && migration.status !== resumed) {
        throw new ConflictError(
          `Migration ${options.migrationId} is ${migration.status}; its tasks cannot be retried`,
        );
      }
      const now = await readDbNow(trx);
      await trx('tasks')
        .where({ id: options.taskId })
        .update({
          status: 'ready',
          available_at: now,
          updated_at: now,
          completed_at: null,
          lease_expiries: 0,
          max_attempts: task.attempts + options.additionalAttempts,
        });
      if (task.mode === 'run') {
        await trx('phases')
          .where({ migration_id: options.migrationId, phase: task.phase })
          .where('status', 'failed')
          .update({ status: 'running', completed_at: null });
      }
      await trx('migrations').where({ id: options.migrationId }).update({
        status: resumed,
        status_reason: null,
        updated_at: now,
        completed_at: null,
      });
      await this.audit(trx, options.migrationId, options.audit);
      const updated = (await trx('tasks')
        .where({ id: options.taskId })
        .first()) as TaskRow;
      const deps = await trx('task_dependencies')
        .join('tasks', 'tasks.id', 'task_dependencies.depends_on_task_id')
        .where('task_dependencies.task_id', options.taskId)
        .select('tasks.key');
      return {
        task: toTask(updated, deps.map(d => d.key).sort()),
        migration: await this.loadMigration(trx, options.migrationId),
      };
    });
  }
}
