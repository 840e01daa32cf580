import type {
  DatabaseService,
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  Migration,
  MigrationPhase,
  MigrationPhaseState,
  MigrationSignal,
} from '@sirsi-nexus/plugin-migration-common';
import type { Knex } from 'knex';
import type { MigrationStore } from '../database/MigrationStore';
import {
  completedMessage,
  decisionMessage,
  failedMessage,
  gateWaitingMessage,
  rolledBackMessage,
  type NotificationPayload,
} from './messages';
import { NotificationLedger } from './NotificationLedger';
import { readPlanSummary } from './planSummary';

/** One notification to send, keyed so that it is sent once. */
interface Announcement {
  key: string;
  recipients: string[];
  excluded?: string[];
  payload: NotificationPayload;
}

/** Refs the notifications service can resolve to users: users and groups (services are left out). */
function people(refs: Array<string | undefined>): string[] {
  const out = new Set<string>();
  for (const ref of refs) {
    try {
      const kind = ref ? parseEntityRef(ref).kind.toLowerCase() : '';
      if (kind === 'user' || kind === 'group') out.add(ref!);
    } catch {
      // not an entity ref (e.g. a service subject)
    }
  }
  return [...out];
}

/**
 * Tells people about a migration's state changes through Backstage's notifications service: a
 * gate waiting (to the approver groups of `migration.approvals.approverGroups`, with the plan
 * summary), a gate approved or rejected, the migration failed, completed or rolled back (to the
 * requester and the owner). Fed with the engine's committed state changes (the migration signals);
 * each event is claimed in the database before it is sent, so it is announced once across retries,
 * restarts and replicas. Never throws: a failure is logged.
 *
 * @public
 */
export class MigrationNotifier {
  private readonly ledger: NotificationLedger;

  constructor(
    private readonly deps: {
      store: MigrationStore;
      knex: Knex;
      notifications: NotificationService;
      logger: LoggerService;
      /** Groups (or users) told about waiting gates. */
      approverGroups: string[];
      /** When true, the requester is left out of their own gates' notifications. */
      separationOfDuties: boolean;
    },
  ) {
    this.ledger = new NotificationLedger(deps.knex);
  }

  /** A notifier on the plugin's database, configured from `migration.approvals`. */
  static async create(
    deps: {
      config: RootConfigService;
      database: DatabaseService;
      notifications: NotificationService;
      logger: LoggerService;
    },
    store: MigrationStore,
  ): Promise<MigrationNotifier> {
    return MigrationNotifier.fromConfig(deps.config, {
      store,
      knex: await deps.database.getClient(),
      notifications: deps.notifications,
      logger: deps.logger,
    });
  }

  /** A notifier configured from `migration.approvals`. */
  static fromConfig(
    config: RootConfigService,
    deps: Omit<
      ConstructorParameters<typeof MigrationNotifier>[0],
      'approverGroups' | 'separationOfDuties'
    >,
  ): MigrationNotifier {
    return new MigrationNotifier({
      ...deps,
      approverGroups:
        config.getOptionalStringArray('migration.approvals.approverGroups') ??
        [],
      separationOfDuties:
        config.getOptionalBoolean('migration.approvals.separationOfDuties') ??
        true,
    });
  }

  /** Handles one committed state change; sends what it calls for, at most once per event. */
  async onSignal(signal: MigrationSignal): Promise<void> {
    try {
      const announcement = await this.announcementFor(signal);
      if (announcement) {
        await this.announce(signal.migrationId, announcement);
      }
    } catch (error) {
      this.deps.logger.warn(
        `Could not notify about migration ${signal.migrationId} (${
          signal.type
        } ${signal.status ?? ''}): ${error}`,
      );
    }
  }

  private async announcementFor(
    signal: MigrationSignal,
  ): Promise<Announcement | undefined> {
    if (signal.type === 'approval' && signal.phase) {
      return this.approvalAnnouncement(signal.migrationId, signal.phase);
    }
    if (signal.type !== 'migration') {
      return undefined;
    }
    const wanted = ['failed', 'completed', 'rolled_back'];
    if (!signal.status || !wanted.includes(signal.status)) {
      return undefined;
    }
    const migration = await this.deps.store.getMigration(signal.migrationId);
    if (!migration || migration.status !== signal.status) {
      return undefined;
    }
    const recipients = people([migration.requestedBy, migration.owner]);
    if (migration.status === 'completed') {
      return {
        key: 'completed',
        recipients,
        payload: completedMessage(migration),
      };
    }
    if (migration.status === 'rolled_back') {
      return {
        key: 'rolled_back',
        recipients,
        payload: rolledBackMessage(migration),
      };
    }
    const phases = await this.deps.store.getPhases(migration.id);
    return {
      // A migration fails again after a retry: each failure is its own event.
      key: `failed:${migration.updatedAt}`,
      recipients,
      payload: failedMessage(migration, failingTask(migration, phases)),
    };
  }

  private async approvalAnnouncement(
    migrationId: string,
    phase: MigrationPhase,
  ): Promise<Announcement | undefined> {
    const { store } = this.deps;
    const migration = await store.getMigration(migrationId);
    const approval = migration
      ? (await store.getPhases(migrationId)).find(p => p.phase === phase)
          ?.approval
      : undefined;
    if (!migration || !approval) {
      return undefined;
    }
    if (approval.status === 'pending') {
      if (migration.status !== 'awaiting_approval') return undefined;
      return {
        key: `gate:${phase}:${approval.requestedAt}`,
        recipients: this.deps.approverGroups,
        excluded: this.deps.separationOfDuties
          ? people([migration.requestedBy])
          : undefined,
        payload: gateWaitingMessage(
          migration,
          phase,
          await readPlanSummary(store, migration),
        ),
      };
    }
    return {
      key: `decision:${phase}:${approval.decidedAt}`,
      recipients: people([migration.requestedBy, migration.owner]),
      payload: decisionMessage(migration, approval),
    };
  }

  private async announce(migrationId: string, announcement: Announcement) {
    const { ledger } = this;
    if (announcement.recipients.length === 0) {
      this.deps.logger.debug(
        `No one to notify about ${announcement.key} of migration ${migrationId}`,
      );
      return;
    }
    if (!(await ledger.claim(migrationId, announcement.key))) {
      return;
    }
    try {
      await this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: announcement.recipients,
          ...(announcement.excluded?.length
            ? { excludeEntityRef: announcement.excluded }
            : {}),
        },
        payload: announcement.payload,
      });
    } catch (error) {
      await ledger.release(migrationId, announcement.key).catch(() => {});
      throw error;
    }
  }
}

/** The task the failure is about: a failed run task of the failed (or current) phase. */
function failingTask(migration: Migration, phases: MigrationPhaseState[]) {
  const failedPhase =
    phases.find(p => p.status === 'failed') ??
    phases.find(p => p.phase === migration.currentPhase);
  const tasks = failedPhase ? [failedPhase.tasks] : phases.map(p => p.tasks);
  return tasks.flat().find(t => t.status === 'failed' && t.mode === 'run');
}
