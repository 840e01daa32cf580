import { randomUUID } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  type Approval,
  type ArtifactSummary,
  type AuditEvent,
  type EnvironmentSummary,
  type ListMigrationsQuery,
  type Migration,
  type MigrationPhase,
  type MigrationStatusResponse,
  type MigrationTask,
  type PendingApproval,
} from '@sirsi-nexus/plugin-migration-common';
import type { CloudProviderLookup } from '@sirsi-nexus/plugin-migration-node';
import type {
  MigrationRowFilter,
  MigrationStore,
} from '../database/MigrationStore';
import type { MigrationEngineConfig } from '../engine/config';
import type { ExecutorRegistry } from '../engine/ExecutorRegistry';
import type { LocalEvents } from '../engine/LocalEvents';
import type { PhaseAdvancer } from '../engine/PhaseAdvancer';
import type { SignalPublisher } from '../engine/SignalPublisher';
import { checkCreateInput } from './createInput';
import { planCompensations } from './planCompensations';
import type { MigrationResourceResolver } from './resourceResolver';
import type { CreateMigrationInput } from './validation';

/**
 * Who acts: a user (`user:default/jane`) or a service (`plugin:scaffolder`).
 *
 * @public
 */
export interface Actor {
  ref: string;
  /** Set when a user acts (directly or through a service on their behalf). */
  userEntityRef?: string;
}

/**
 * The operations behind the REST API and the actions: creating migrations, reading them, the
 * controls and the approvals. Enforces the state machine and separation of duties; permissions are
 * checked by the callers.
 *
 * @public
 */
export class MigrationService {
  constructor(
    private readonly deps: {
      store: MigrationStore;
      registry: ExecutorRegistry;
      advancer: PhaseAdvancer;
      events: LocalEvents;
      signals: SignalPublisher;
      providers: CloudProviderLookup;
      config: MigrationEngineConfig;
      logger: LoggerService;
      /**
       * Expands requested Systems, Domains and Groups through the catalog; without it a
       * migration's resolved resources are its requested refs until the plan phase.
       */
      resources?: MigrationResourceResolver;
    },
  ) {}

  private advanceLater(migrationId: string) {
    this.deps.advancer
      .advance(migrationId)
      .catch(error =>
        this.deps.logger.warn(
          `Could not advance migration ${migrationId}; the janitor will retry: ${error}`,
        ),
      );
  }

  private async require(id: string): Promise<Migration> {
    const migration = await this.deps.store.getMigration(id);
    if (!migration) {
      throw new NotFoundError(`No migration with id ${id}`);
    }
    return migration;
  }

  /** Creates a migration and starts it; a repeated idempotency key returns the first one. */
  async create(
    input: CreateMigrationInput,
    actor: Actor,
  ): Promise<{ migration: Migration; created: boolean }> {
    const { config, providers, store } = this.deps;
    const { policy, options, owner } = checkCreateInput(input, actor, {
      config,
      providers,
    });
    const entityRefs = [...new Set(input.entityRefs)];
    const resources = await this.deps.resources?.resolve(entityRefs);
    const result = await store.createMigration(
      {
        id: randomUUID(),
        title: input.title,
        sourceEnvironmentId: input.sourceEnvironmentId,
        target: input.target,
        entityRefs,
        owner,
        requestedBy: actor.ref,
        options,
        gatedPhases: config.approvals.phases,
        idempotencyKey: input.idempotencyKey,
        resources,
      },
      {
        actor: actor.ref,
        action: 'migration.created',
        detail: {
          title: input.title,
          sourceEnvironmentId: input.sourceEnvironmentId,
          target: { ...input.target },
          entityRefs: entityRefs.length,
          owner,
          rehearsal: options.rehearsal,
          gatedPhases: config.approvals.phases,
          ...(policy ? { policy: { acknowledged: true, text: policy } } : {}),
        },
      },
    );
    if (result.created) {
      await this.deps.signals.publish({
        migrationId: result.migration.id,
        type: 'migration',
        status: result.migration.status,
      });
      this.advanceLater(result.migration.id);
    }
    return result;
  }

  /**
   * Lists migrations. With `entityRef`, finds those touching the entities, their parts or the
   * Systems and Groups they belong to, each with its `involvement`; `where` narrows the rows
   * (a translated conditional permission decision).
   */
  async list(query: ListMigrationsQuery, where?: MigrationRowFilter) {
    const refs = [query.entityRef ?? []].flat();
    const match =
      refs.length > 0 ? await this.deps.resources?.match(refs) : undefined;
    return this.deps.store.listMigrations(query, { match, where });
  }

  get(id: string): Promise<Migration> {
    return this.require(id);
  }

  async status(id: string): Promise<MigrationStatusResponse> {
    const migration = await this.require(id);
    const [phases, artifacts] = await Promise.all([
      this.deps.store.getPhases(id),
      this.deps.store.listArtifacts(id),
    ]);
    return { migration, phases, artifacts };
  }

  /**
   * Pauses a running migration: no new claims, and running tasks stop at their next checkpoint
   * and are handed back without using up an attempt.
   */
  async pause(id: string, actor: Actor, reason?: string): Promise<Migration> {
    const migration = await this.deps.store.transitionMigration({
      id,
      from: ['running'],
      to: 'paused',
      audit: {
        actor: actor.ref,
        action: 'migration.paused',
        detail: reason ? { reason } : undefined,
      },
    });
    // Running tasks stop at their next checkpoint and are handed back: this replica's now, other
    // replicas' at their next heartbeat. Until then the migration reports `pausing`.
    this.deps.events.revoke(id, 'run', 'pause');
    await this.publishStatus(migration);
    return migration;
  }

  async resume(id: string, actor: Actor, reason?: string): Promise<Migration> {
    const migration = await this.deps.store.transitionMigration({
      id,
      from: ['paused'],
      to: 'running',
      audit: {
        actor: actor.ref,
        action: 'migration.resumed',
        detail: reason ? { reason } : undefined,
      },
    });
    await this.publishStatus(migration);
    this.deps.events.workAvailable();
    this.advanceLater(id);
    return migration;
  }

  async cancel(id: string, actor: Actor, reason?: string): Promise<Migration> {
    const migration = await this.deps.store.transitionMigration({
      id,
      from: ['running', 'paused', 'awaiting_approval'],
      to: 'cancelled',
      reason: `Cancelled by ${actor.ref}${reason ? `: ${reason}` : ''}`,
      closeOpenWork: true,
      audit: {
        actor: actor.ref,
        action: 'migration.cancelled',
        detail: reason ? { reason } : undefined,
      },
    });
    // Local tasks stop now; other replicas' tasks on their next heartbeat.
    this.deps.events.revoke(id);
    await this.publishStatus(migration);
    return migration;
  }

  /**
   * Rolls back a failed, cancelled or completed migration: the `compensate` step of every
   * succeeded task that has one runs, one after another, newest first.
   */
  async rollback(
    id: string,
    actor: Actor,
    reason?: string,
  ): Promise<Migration> {
    const { store, registry, config } = this.deps;
    await this.require(id);
    const compensations = await planCompensations({
      tasks: (await store.getPhases(id)).flatMap(p => p.tasks),
      store,
      registry,
      defaultMaxAttempts: config.engine.retry.maxAttempts,
    });
    const migration = await store.startRollback({
      migrationId: id,
      from: ['failed', 'cancelled', 'completed'],
      compensations,
      additionalAttempts: config.engine.retry.maxAttempts,
      audit: {
        actor: actor.ref,
        action: 'migration.rollback_started',
        detail: {
          compensations: compensations.length,
          ...(reason ? { reason } : {}),
        },
      },
    });
    this.deps.events.revoke(id, 'run');
    this.deps.events.workAvailable();
    await this.publishStatus(migration);
    this.advanceLater(id);
    return migration;
  }

  async retryTask(
    id: string,
    taskId: string,
    actor: Actor,
  ): Promise<MigrationTask> {
    const { store, registry, config } = this.deps;
    const existing = await store.getTask(taskId);
    if (!existing || existing.migrationId !== id) {
      await this.require(id);
      throw new NotFoundError(`Migration ${id} has no task ${taskId}`);
    }
    const { task, migration } = await store.retryTask({
      migrationId: id,
      taskId,
      additionalAttempts:
        registry.get(existing.taskType)?.maxAttempts ??
        config.engine.retry.maxAttempts,
      audit: {
        actor: actor.ref,
        action: 'task.retried',
        phase: existing.phase,
        taskId,
      },
    });
    await this.deps.signals.publish({
      migrationId: id,
      type: 'task',
      phase: task.phase,
      taskId,
      taskStatus: task.status,
    });
    await this.publishStatus(migration);
    this.deps.events.workAvailable();
    return task;
  }

  /**
   * Approves or rejects a gated phase. With separation of duties on, whoever requested the
   * migration cannot approve it — not even an admin; rejecting stays possible.
   */
  async decide(
    id: string,
    phase: MigrationPhase,
    decision: { decision: 'approve' | 'reject'; comment: string },
    actor: Actor,
  ): Promise<Approval> {
    const migration = await this.require(id);
    if (
      decision.decision === 'approve' &&
      this.deps.config.approvals.separationOfDuties &&
      migration.requestedBy === actor.ref
    ) {
      throw new NotAllowedError(
        `Separation of duties: ${actor.ref} requested this migration and cannot approve it`,
      );
    }
    const result = await this.deps.store.decideApproval({
      migrationId: id,
      phase,
      decision: decision.decision,
      decidedBy: actor.ref,
      comment: decision.comment,
    });
    await this.deps.signals.publish({
      migrationId: id,
      type: 'approval',
      phase,
      status: result.migration.status,
    });
    if (decision.decision === 'approve') {
      this.advanceLater(id);
    }
    return result.approval;
  }

  listApprovals(
    status: Approval['status'],
    where?: MigrationRowFilter,
  ): Promise<PendingApproval[]> {
    return this.deps.store.listApprovals({ status, where });
  }

  async listEvents(
    id: string,
    options: { after?: number; limit: number },
  ): Promise<AuditEvent[]> {
    await this.require(id);
    return this.deps.store.listAuditEvents(id, options);
  }

  async getArtifact(id: string, name: string) {
    await this.require(id);
    return found(await this.deps.store.getArtifact(id, name), id, name);
  }

  /** The artifact as stored (gzip when `encoding` says so), for the route to pass on as is. */
  async getStoredArtifact(id: string, name: string) {
    await this.require(id);
    return found(await this.deps.store.getStoredArtifact(id, name), id, name);
  }

  /** An artifact's summary (name, media type, sha256), without reading its content. */
  async getArtifactSummary(id: string, name: string): Promise<ArtifactSummary> {
    await this.require(id);
    const all = await this.deps.store.listArtifacts(id);
    return found(
      all.find(a => a.name === name),
      id,
      name,
    );
  }

  /** Configured environments with their last validation. */
  async listProviders(): Promise<EnvironmentSummary[]> {
    const stored = await this.deps.store.listEnvironmentValidations();
    const validations = new Map(stored.map(v => [v.environmentId, v]));
    return this.deps.providers.list().map(provider => {
      const last = validations.get(provider.environmentId);
      return {
        id: provider.environmentId,
        provider: provider.id,
        owner: provider.owner,
        title: provider.title,
        lastValidation: last ? { at: last.at, checks: last.checks } : undefined,
      };
    });
  }

  private async publishStatus(migration: Migration) {
    await this.deps.signals.publish({
      migrationId: migration.id,
      type: 'migration',
      status: migration.status,
    });
  }
}

/** The artifact, or a NotFoundError naming it. */
function found<T>(artifact: T | undefined, id: string, name: string): T {
  if (artifact) return artifact;
  throw new NotFoundError(`Migration ${id} has no artifact ${name}`);
}
