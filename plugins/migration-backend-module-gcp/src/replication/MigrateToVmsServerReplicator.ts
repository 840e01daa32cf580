import { InputError } from '@backstage/errors';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { GoogleAuth } from 'google-auth-library';
import type {
  LaunchSettings,
  ReplicatedServer,
  ReplicationCandidate,
  ReplicationJob,
  ReplicationJobStatus,
  ReplicationState,
  RetrySettings,
  ServerMatchResult,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { deterministicRequestId } from '../google/requestIds';
import { ComputeTargets } from './computeTargets';
import { jobStatus } from './jobStatus';
import { launchPatch, parseSubnetwork } from './launchSettings';
import { matchMigratingVms } from './matchMigratingVms';
import {
  cleanupClone,
  cloneReusable,
  cutoverReusable,
  revertCutover,
  startOwnJob,
  type JobContext,
} from './replicationJobs';
import { toReplicationState } from './replicationState';
import { VmMigrationApi } from './vmMigrationApi';

/**
 * Options of {@link MigrateToVmsServerReplicator}.
 *
 * @public
 */
export interface MigrateToVmsOptions {
  /** Credentials for Migrate to Virtual Machines and Compute Engine. */
  auth: GoogleAuth;
  /** The project Migrate to Virtual Machines runs in. */
  project: string;
  /** The location of the source, e.g. `europe-west1`. */
  location: string;
  /** The source's id (the registered vCenter, AWS or Azure source). */
  source: string;
  retry: RetrySettings;
  /** Custom Migrate to Virtual Machines endpoint. */
  endpoint?: string;
  /** Custom Compute Engine endpoint. */
  computeEndpoint?: string;
  /** Between polls of an operation the start calls wait for (default 2000 ms). */
  pollIntervalMs?: number;
  logger?: LoggerService;
  /** The clock lag is measured with. */
  now?: () => Date;
  /** An `ACTIVE` VM whose last sync is older is `lagging` (`migration.replication.maxLagSeconds`). */
  maxLagSeconds?: number;
}

const FINALIZED = new Set(['FINALIZING', 'FINALIZED', 'FINALIZED_EXPIRED']);

/**
 * Server replication through Google Migrate to Virtual Machines (REST v1): resources are matched
 * with the migrating VMs of one source, test clones are clone jobs, cutovers are cutover jobs,
 * and every start call is safe to repeat — jobs get numbered ids per migrating VM and
 * name-derived request ids, and a repeat finds the job the first call started.
 *
 * @public
 */
export class MigrateToVmsServerReplicator implements ServerReplicator {
  readonly service = 'Google Migrate to Virtual Machines';
  /** `projects/p/locations/l/sources/s`. */
  readonly source: string;
  private readonly api: VmMigrationApi;
  private readonly ctx: JobContext;

  constructor(private readonly options: MigrateToVmsOptions) {
    this.source = `projects/${options.project}/locations/${options.location}/sources/${options.source}`;
    this.api = new VmMigrationApi({
      auth: options.auth,
      endpoint: options.endpoint,
      retry: options.retry,
      pollIntervalMs: options.pollIntervalMs,
    });
    this.ctx = {
      api: this.api,
      compute: new ComputeTargets(
        options.auth,
        options.retry,
        options.computeEndpoint,
      ),
      logger: options.logger,
    };
  }

  private check(server: ReplicatedServer) {
    if (!server.serverId.startsWith(`${this.source}/migratingVms/`)) {
      throw new InputError(
        `serverId '${server.serverId}' of ${server.name} is not a migrating VM of ${this.source}`,
      );
    }
    return server.serverId;
  }

  async match(
    resources: ReplicationCandidate[],
    signal?: AbortSignal,
  ): Promise<ServerMatchResult> {
    const vms = await this.api.listMigratingVms(this.source, signal);
    const scope = { source: this.source };
    const first = matchMigratingVms(resources, vms, scope);
    if (first.unmatched.length === 0) return first;
    // Names the service knows only from the source's inventory (vCenter names, Azure computer names).
    const inventory = await this.api.fetchInventory(this.source, signal);
    const again = new Set(first.unmatched.map(u => u.entityRef));
    const second = matchMigratingVms(
      resources.filter(r => again.has(r.entityRef)),
      vms.filter(vm => !first.matched.some(m => m.serverId === vm.name)),
      scope,
      inventory,
    );
    return {
      matched: [...first.matched, ...second.matched],
      unmatched: second.unmatched,
    };
  }

  async state(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationState[]> {
    servers.forEach(s => this.check(s));
    const vms = new Map(
      (
        await this.api.listMigratingVms(
          this.source,
          signal,
          'MIGRATING_VM_VIEW_FULL',
        )
      ).map(vm => [vm.name, vm]),
    );
    const now = this.options.now?.() ?? new Date();
    return servers.map(server => {
      const vm = vms.get(server.serverId);
      if (vm) return toReplicationState(vm, now, this.options.maxLagSeconds);
      return {
        serverId: server.serverId,
        health: 'error',
        lifecycle: 'not_ready',
        replicatedBytes: 0,
        totalBytes: 0,
        message: `${server.name} is no longer a migrating VM of ${this.source}`,
      };
    });
  }

  async configureLaunch(
    server: ReplicatedServer,
    settings: LaunchSettings,
    signal?: AbortSignal,
  ): Promise<void> {
    const vm = this.check(server);
    let network: { network: string; subnetwork: string } | undefined;
    if (settings.subnetId) {
      const subnet = parseSubnetwork(settings.subnetId);
      network = {
        network: await this.ctx.compute.networkOf(subnet, signal),
        subnetwork: subnet.path,
      };
    }
    const { computeEngineTargetDefaults, updateMask } = launchPatch(
      settings,
      network,
    );
    if (!updateMask) return;
    const body = { computeEngineTargetDefaults };
    const operation = await this.api.patchMigratingVm(
      vm,
      body,
      updateMask,
      deterministicRequestId(`${vm} ${updateMask} ${JSON.stringify(body)}`),
      signal,
    );
    await this.api.waitForOperation(
      operation,
      `update the target defaults of ${vm}`,
      signal,
    );
  }

  async startTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    return this.startEach('test', servers, server =>
      startOwnJob(
        this.ctx,
        this.check(server),
        'cloneJobs',
        cloneReusable(this.ctx, signal),
        signal,
      ),
    );
  }

  async cleanupTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    return this.startEach('cleanup', servers, server =>
      cleanupClone(this.ctx, this.check(server), signal),
    );
  }

  async startCutover(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    return this.startEach('cutover', servers, async server => {
      const vm = await this.migratingVm(server, signal);
      return startOwnJob(
        this.ctx,
        vm.name,
        'cutoverJobs',
        cutoverReusable(vm),
        signal,
      );
    });
  }

  async finalize(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    return this.startEach('finalize', servers, async server => {
      const vm = await this.migratingVm(server, signal);
      if (FINALIZED.has(vm.state ?? '')) return [];
      const operation = await this.api.finalizeMigration(vm.name, signal);
      return [operation.name];
    });
  }

  async revert(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    return this.startEach('revert', servers, async server =>
      revertCutover(this.ctx, await this.migratingVm(server, signal), signal),
    );
  }

  job(
    job: ReplicationJob,
    signal?: AbortSignal,
  ): Promise<ReplicationJobStatus> {
    return jobStatus(this.ctx, job, signal);
  }

  /** The migrating VM of a server, as the service has it now. */
  private migratingVm(server: ReplicatedServer, signal?: AbortSignal) {
    return this.api.getMigratingVm(this.check(server), signal);
  }

  /**
   * Starts the work of every server at once; the job id lists what `job()` polls of it:
   * operations, clone/cutover jobs and instances.
   */
  private async startEach(
    kind: ReplicationJob['kind'],
    servers: ReplicatedServer[],
    start: (server: ReplicatedServer) => Promise<string | string[]>,
  ): Promise<ReplicationJob> {
    const entries = await Promise.all(servers.map(start));
    return {
      id: entries.flat().join(','),
      kind,
      serverIds: servers.map(s => s.serverId),
    };
  }
}
