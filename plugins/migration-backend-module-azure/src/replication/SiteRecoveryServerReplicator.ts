import {
  SiteRecoveryManagementClient,
  type MigrationItem,
} from '@azure/arm-recoveryservices-siterecovery';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import type {
  LaunchSettings,
  LaunchedInstance,
  ReplicatedServer,
  ReplicationCandidate,
  ReplicationJob,
  ReplicationJobStatus,
  ReplicationState,
  ServerMatchResult,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { toAzureCallError } from '../access/armErrors';
import { armClientOptions, type AzureAccess } from '../access/azureAccess';
import { launchUpdateInput } from './launchSettings';
import { matchMigrationItems } from './matchMigrationItems';
import {
  parseMigrationItemId,
  sameResourceId,
  type MigrationItemRef,
} from './migrationItemId';
import {
  decodeJob,
  encodeJob,
  isOperationFailure,
  operationFailure,
  type JobEntry,
} from './replicationJobs';
import type { SiteRecoverySettings } from './replicationSettings';
import {
  cutoverInstanceOf,
  MIGRATED_STATES,
  testInstanceOf,
  toReplicationState,
} from './replicationState';
import {
  OPERATIONS,
  type OperationKind,
  type WatchStatus,
} from './siteRecoveryOperations';

/**
 * Options of {@link SiteRecoveryServerReplicator}.
 *
 * @public
 */
export interface SiteRecoveryServerReplicatorOptions {
  settings: SiteRecoverySettings;
  access: AzureAccess;
  logger?: LoggerService;
  /** The clock of lag figures (tests). */
  now?: () => number;
}

type EntryResult = {
  server: string;
  status: WatchStatus;
  item?: MigrationItem;
};

/**
 * Azure Migrate's agentless server migration, which runs on the Site Recovery of the project's
 * Recovery Services vault (`replicationMigrationItems`): matching, replication state, launch
 * settings, test migration and its clean-up, migration and completing it. Operations start
 * without waiting: a job's id carries each server's serialized SDK poller, so any replica polls
 * the same operation after a restart; a repeated start follows the operation already under way
 * instead of starting another.
 *
 * @public
 */
export class SiteRecoveryServerReplicator implements ServerReplicator {
  readonly service = 'Azure Migrate (Site Recovery)';
  private readonly client: SiteRecoveryManagementClient;
  private readonly settings: SiteRecoverySettings;

  constructor(private readonly options: SiteRecoveryServerReplicatorOptions) {
    this.settings = options.settings;
    this.client = new SiteRecoveryManagementClient(
      options.access.credential,
      options.settings.subscriptionId,
      armClientOptions(options.access),
    );
  }

  async match(
    resources: ReplicationCandidate[],
    signal?: AbortSignal,
  ): Promise<ServerMatchResult> {
    const items = await this.listItems(signal);
    return matchMigrationItems(resources, items, this.settings.vault);
  }

  async state(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationState[]> {
    if (!servers.length) return [];
    const items = await this.listItems(signal);
    const now = this.options.now?.() ?? Date.now();
    return servers.map(server => {
      const item = items.find(i => sameResourceId(i.id, server.serverId));
      return item
        ? toReplicationState(item, now)
        : {
            serverId: server.serverId,
            health: 'disconnected',
            lifecycle: 'finalized',
            replicatedBytes: 0,
            totalBytes: 0,
            message: `${server.name} has no migration item in vault ${this.settings.vault} any more: its migration was completed or its replication stopped`,
          };
    });
  }

  async configureLaunch(
    server: ReplicatedServer,
    launch: LaunchSettings,
    signal?: AbortSignal,
  ): Promise<void> {
    const ref = parseMigrationItemId(server.serverId);
    const item = await this.getItem(ref, signal);
    if (!item) {
      throw new NotFoundError(
        `${server.name} has no migration item in vault ${this.settings.vault} any more`,
      );
    }
    const { input, warnings } = launchUpdateInput(item, launch, this.settings);
    warnings.forEach(w => this.options.logger?.warn(w));
    await this.call(`set the launch settings of ${server.name}`, () =>
      this.client.replicationMigrationItems.beginUpdateAndWait(
        ref.vault,
        ref.resourceGroup,
        ref.fabric,
        ref.container,
        ref.item,
        input,
        { abortSignal: signal },
      ),
    );
  }

  startTest(servers: ReplicatedServer[], signal?: AbortSignal) {
    return this.start('test', servers, signal);
  }

  cleanupTest(servers: ReplicatedServer[], signal?: AbortSignal) {
    return this.start('cleanup', servers, signal);
  }

  startCutover(servers: ReplicatedServer[], signal?: AbortSignal) {
    return this.start('cutover', servers, signal);
  }

  /** Completes the migration the service's way: the migration item is removed (stop replication). */
  finalize(servers: ReplicatedServer[], signal?: AbortSignal) {
    return this.start('finalize', servers, signal);
  }

  /**
   * Site Recovery has no operation that undoes `migrate`: servers not migrated yet need nothing;
   * for migrated ones this fails with the manual steps.
   */
  async revert(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const migrated: string[] = [];
    for (const server of servers) {
      const item = await this.getItem(
        parseMigrationItemId(server.serverId),
        signal,
      );
      const state = item?.properties?.migrationState ?? '';
      if (state === 'MigrationInProgress' || MIGRATED_STATES.has(state)) {
        migrated.push(server.name);
      }
    }
    if (migrated.length) {
      // A conflict, not a transient failure: the engine fails the rollback at once with the steps.
      throw new ConflictError(
        `Azure Migrate cannot revert the migration of ${migrated.join(
          ', ',
        )}: Site Recovery has no operation that undoes migrate. To make the source authoritative again, power the source VMs on in vCenter, stop and delete the migrated Azure VMs, and keep the migration items (do not complete the migration) to migrate again later.`,
      );
    }
    return encodeJob(
      'revert',
      servers.map(s => ({ server: s.serverId, done: true as const })),
    );
  }

  async job(
    job: ReplicationJob,
    signal?: AbortSignal,
  ): Promise<ReplicationJobStatus> {
    const entries = decodeJob(job);
    const results: EntryResult[] = [];
    for (const entry of entries) {
      results.push(await this.entryStatus(job.kind, entry, signal));
    }
    const failures = results.flatMap(r =>
      typeof r.status === 'object'
        ? [`${parseMigrationItemId(r.server).item}: ${r.status.failed}`]
        : [],
    );
    let state: ReplicationJobStatus['state'] = 'succeeded';
    if (results.some(r => r.status === 'running')) state = 'running';
    else if (failures.length) state = 'failed';
    return {
      state,
      message: failures.length ? failures.join('; ') : undefined,
      instances: await this.instances(job.kind, results, signal),
    };
  }

  private async start(
    kind: OperationKind,
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const operation = OPERATIONS[kind];
    const entries: JobEntry[] = [];
    for (const { serverId: server, name } of servers) {
      const ref = parseMigrationItemId(server);
      const item = await this.getItem(ref, signal);
      const decision = operation.decide(item);
      if (decision !== 'start') {
        entries.push(
          decision === 'done'
            ? { server, done: true }
            : { server, watch: true },
        );
        continue;
      }
      try {
        const poller = await operation.begin(this.client, ref, {
          item,
          settings: this.settings,
          abortSignal: signal,
        });
        entries.push(
          poller.isDone()
            ? { server, done: true }
            : { server, op: poller.toString() },
        );
      } catch (error) {
        if (!isOperationFailure(error)) {
          throw toAzureCallError(error, this.context(`${kind} ${name}`));
        }
        entries.push({ server, failed: operationFailure(error) });
      }
    }
    return encodeJob(kind, entries);
  }

  private async entryStatus(
    kind: ReplicationJob['kind'],
    entry: JobEntry,
    signal?: AbortSignal,
  ): Promise<EntryResult> {
    const { server } = entry;
    if ('done' in entry) return { server, status: 'succeeded' };
    if ('failed' in entry) return { server, status: { failed: entry.failed } };
    const operation = OPERATIONS[kind as OperationKind];
    const ref = parseMigrationItemId(server);
    if ('watch' in entry) {
      const item = await this.getItem(ref, signal);
      return { server, status: operation.watch(item), item };
    }
    try {
      const poller = await operation.begin(this.client, ref, {
        settings: this.settings,
        resumeFrom: entry.op,
        abortSignal: signal,
      });
      const state = poller.getOperationState().status;
      if (state === 'succeeded') return { server, status: 'succeeded' };
      return {
        server,
        status: poller.isDone() ? { failed: state } : 'running',
      };
    } catch (error) {
      if (!isOperationFailure(error)) {
        throw toAzureCallError(
          error,
          this.context(`follow the ${kind} of ${ref.item}`),
        );
      }
      return { server, status: { failed: operationFailure(error) } };
    }
  }

  /** The test or migrated VMs of the servers whose operation succeeded. */
  private async instances(
    kind: ReplicationJob['kind'],
    results: EntryResult[],
    signal?: AbortSignal,
  ): Promise<Record<string, LaunchedInstance>> {
    const instances: Record<string, LaunchedInstance> = {};
    if (kind !== 'test' && kind !== 'cutover') return instances;
    for (const result of results) {
      if (result.status !== 'succeeded') continue;
      const item =
        result.item ??
        (await this.getItem(parseMigrationItemId(result.server), signal));
      const instance =
        item &&
        (kind === 'test' ? testInstanceOf(item) : cutoverInstanceOf(item));
      if (instance) instances[result.server] = instance;
    }
    return instances;
  }

  private context(action: string) {
    return {
      service: this.service,
      action,
      role: `the Site Recovery Contributor role on Recovery Services vault ${this.settings.vault} (resource group ${this.settings.resourceGroup})`,
    };
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toAzureCallError(error, this.context(action));
    }
  }

  private listItems(signal?: AbortSignal): Promise<MigrationItem[]> {
    const { vault, resourceGroup } = this.settings;
    return this.call(`list the migration items of vault ${vault}`, async () => {
      const items: MigrationItem[] = [];
      for await (const item of this.client.replicationMigrationItems.list(
        vault,
        resourceGroup,
        { abortSignal: signal },
      )) {
        items.push(item);
      }
      return items;
    });
  }

  /** The item, or undefined when the vault no longer has it. */
  private async getItem(
    ref: MigrationItemRef,
    signal?: AbortSignal,
  ): Promise<MigrationItem | undefined> {
    try {
      return await this.client.replicationMigrationItems.get(
        ref.vault,
        ref.resourceGroup,
        ref.fabric,
        ref.container,
        ref.item,
        { abortSignal: signal },
      );
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404)
        return undefined;
      throw toAzureCallError(
        error,
        this.context(`read migration item ${ref.item}`),
      );
    }
  }
}
