import type { EC2Client } from '@aws-sdk/client-ec2';
import type { MgnClient, SourceServer } from '@aws-sdk/client-mgn';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import type {
  LaunchSettings,
  ReplicatedServer,
  ReplicationCandidate,
  ReplicationJob,
  ReplicationJobStatus,
  ReplicationState,
  ServerMatchResult,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { configureLaunch } from './configureLaunch';
import { describeLaunchedInstances } from './launchedInstances';
import { MGN_SERVICE, MgnApi } from './mgnApi';
import {
  failedServers,
  failureMessage,
  jobState,
  launchedByServer,
} from './mgnJobs';
import { matchSourceServers } from './mgnMatch';
import { toReplicationState } from './mgnState';

/**
 * Options of {@link MgnServerReplicator}.
 *
 * @public
 */
export interface MgnServerReplicatorOptions {
  /** MGN in the migration's target region. */
  mgn: MgnClient;
  /** EC2 in the same region and account (launch templates, launched instances). */
  ec2: EC2Client;
  region: string;
  /** A continuously replicating server whose lag exceeds this is `lagging`. */
  maxLagSeconds?: number;
  /** The clock, for ETAs. */
  now?: () => number;
}

const SERVER_ID = /^s-[0-9a-zA-Z]{17}$/;
/** MGN's limit of source servers per job request and per `sourceServerIDs` filter. */
const MAX_PER_JOB = 200;
const FINALIZE_JOB = 'finalize:';

function serverIds(servers: ReplicatedServer[], perJob = false): string[] {
  if (!Array.isArray(servers) || servers.length === 0) {
    throw new InputError('servers: at least one replicated server is needed');
  }
  if (perJob && servers.length > MAX_PER_JOB) {
    throw new InputError(
      `servers: MGN takes at most ${MAX_PER_JOB} source servers per job, got ${servers.length}`,
    );
  }
  return servers.map((s, i) => {
    if (!SERVER_ID.test(s?.serverId ?? '')) {
      throw new InputError(
        `servers[${i}].serverId: "${s?.serverId}" is not an MGN source server id (s- and 17 letters or digits)`,
      );
    }
    return s.serverId;
  });
}

/**
 * AWS Application Migration Service (MGN) as the `ServerReplicator` of AWS targets: MGN
 * replicates each server's disks continuously (AWS Replication Agent or vCenter client), and this
 * class orchestrates it — matching, state, launch settings, test and cutover jobs, finalize,
 * revert and archive. Starting calls return MGN's job to checkpoint; the rest read the server
 * state first and only change what is not yet as wanted.
 *
 * @public
 */
export class MgnServerReplicator implements ServerReplicator {
  readonly service = MGN_SERVICE;
  private readonly api: MgnApi;

  constructor(private readonly options: MgnServerReplicatorOptions) {
    this.api = new MgnApi(options.mgn, options.region);
  }

  async match(
    resources: ReplicationCandidate[],
    signal?: AbortSignal,
  ): Promise<ServerMatchResult> {
    if (!Array.isArray(resources)) {
      throw new InputError(
        'resources: a list of replication candidates is needed',
      );
    }
    if (resources.length === 0) return { matched: [], unmatched: [] };
    const servers = await this.api.sourceServers({ isArchived: false }, signal);
    return matchSourceServers(resources, servers, this.options.region);
  }

  async state(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationState[]> {
    const found = await this.describe(serverIds(servers), signal);
    const instanceIds = found
      .map(s => s.launchedInstance?.ec2InstanceID)
      .filter((id): id is string => !!id);
    const instances = await describeLaunchedInstances(
      this.options.ec2,
      this.options.region,
      instanceIds,
      signal,
    );
    const now = this.options.now?.() ?? Date.now();
    return found.map(server =>
      toReplicationState(server, {
        instances,
        maxLagSeconds: this.options.maxLagSeconds,
        now,
      }),
    );
  }

  configureLaunch(
    server: ReplicatedServer,
    settings: LaunchSettings,
    signal?: AbortSignal,
  ): Promise<void> {
    serverIds([server]);
    return configureLaunch({
      mgn: this.api,
      ec2: this.options.ec2,
      server,
      settings,
      signal,
    });
  }

  async startTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const ids = serverIds(servers, true);
    const job = await this.api.startTest(ids, signal);
    return { id: job.jobID!, kind: 'test', serverIds: ids };
  }

  /** Out of TESTING first: MGN terminates no instances of a server that is testing. */
  async cleanupTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const ids = serverIds(servers, true);
    const found = await this.describe(ids, signal);
    const cuttingOver = found.filter(s =>
      ['CUTTING_OVER', 'CUTOVER'].includes(s.lifeCycle?.state ?? ''),
    );
    if (cuttingOver.length > 0) {
      throw new ConflictError(
        `Not cleaning up test instances: ${cuttingOver
          .map(s => `${s.sourceServerID} is ${s.lifeCycle?.state}`)
          .join(', ')}; its launched instance is the cutover instance`,
      );
    }
    await this.toReadyForCutover(found, 'TESTING', signal);
    const job = await this.api.terminateTargetInstances(ids, signal);
    return { id: job.jobID!, kind: 'cleanup', serverIds: ids };
  }

  async startCutover(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const ids = serverIds(servers, true);
    const job = await this.api.startCutover(ids, signal);
    return { id: job.jobID!, kind: 'cutover', serverIds: ids };
  }

  /** FinalizeCutover per server not yet finalized; the job is done when all are CUTOVER. */
  async finalize(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const ids = serverIds(servers);
    for (const server of await this.describe(ids, signal)) {
      if (server.lifeCycle?.state === 'CUTOVER') continue;
      await this.api.finalizeCutover(server.sourceServerID!, signal);
    }
    return {
      id: `${FINALIZE_JOB}${ids.join(',')}`,
      kind: 'finalize',
      serverIds: ids,
    };
  }

  /** Back to READY_FOR_CUTOVER, then the cutover instances are terminated; the source stays. */
  async revert(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob> {
    const ids = serverIds(servers, true);
    const found = await this.describe(ids, signal);
    const finalized = found.filter(s => s.lifeCycle?.state === 'CUTOVER');
    if (finalized.length > 0) {
      throw new ConflictError(
        `Cannot revert the cutover of ${finalized
          .map(s => s.sourceServerID)
          .join(
            ', ',
          )}: it is finalized and MGN no longer replicates; restore DNS and keep the source running instead`,
      );
    }
    await this.toReadyForCutover(found, 'CUTTING_OVER', signal);
    const job = await this.api.terminateTargetInstances(ids, signal);
    return { id: job.jobID!, kind: 'revert', serverIds: ids };
  }

  async job(
    job: ReplicationJob,
    signal?: AbortSignal,
  ): Promise<ReplicationJobStatus> {
    if (job.kind === 'finalize') return this.finalizeStatus(job, signal);
    const found = await this.api.job(job.id, signal);
    if (!found) {
      throw new NotFoundError(
        `${MGN_SERVICE} in ${this.options.region} has no job ${job.id}`,
      );
    }
    const launched = launchedByServer(found);
    const addresses = await describeLaunchedInstances(
      this.options.ec2,
      this.options.region,
      [...launched.values()],
      signal,
    );
    const instances: ReplicationJobStatus['instances'] = {};
    for (const [serverId, instanceId] of launched) {
      instances[serverId] = addresses.get(instanceId) ?? {
        id: instanceId,
        addresses: [],
      };
    }
    const state = jobState(found);
    if (state !== 'failed') return { state, instances };
    const log = await this.api.jobLog(job.id, signal);
    return {
      state,
      instances,
      message: failureMessage(found, failedServers(found), log),
    };
  }

  /** MarkAsArchived for each finalized (or disconnected) server not archived yet. */
  async archive(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<void> {
    const found = await this.describe(serverIds(servers), signal);
    const open = found.filter(s => !s.isArchived);
    const notDone = open.filter(
      s => !['CUTOVER', 'DISCONNECTED'].includes(s.lifeCycle?.state ?? ''),
    );
    if (notDone.length > 0) {
      throw new ConflictError(
        `MGN archives only finalized or disconnected servers: ${notDone
          .map(s => `${s.sourceServerID} is ${s.lifeCycle?.state}`)
          .join(', ')}`,
      );
    }
    for (const server of open)
      await this.api.markAsArchived(server.sourceServerID!, signal);
  }

  private async finalizeStatus(
    job: ReplicationJob,
    signal?: AbortSignal,
  ): Promise<ReplicationJobStatus> {
    const found = await this.describe(job.serverIds, signal);
    const done = found.every(s => s.lifeCycle?.state === 'CUTOVER');
    return { state: done ? 'succeeded' : 'running', instances: {} };
  }

  private async toReadyForCutover(
    servers: SourceServer[],
    from: string,
    signal?: AbortSignal,
  ) {
    for (const server of servers) {
      if (server.lifeCycle?.state !== from) continue;
      await this.api.changeLifeCycleState(
        server.sourceServerID!,
        'READY_FOR_CUTOVER',
        signal,
      );
    }
  }

  /** The servers by id, archived ones included; an id MGN does not know is an error. */
  private async describe(
    ids: string[],
    signal?: AbortSignal,
  ): Promise<SourceServer[]> {
    const found: SourceServer[] = [];
    for (let i = 0; i < ids.length; i += MAX_PER_JOB) {
      const sourceServerIDs = ids.slice(i, i + MAX_PER_JOB);
      found.push(
        ...(await this.api.sourceServers({ sourceServerIDs }, signal)),
      );
    }
    const byId = new Map(found.map(s => [s.sourceServerID, s]));
    const missing = ids.filter(id => !byId.has(id));
    if (missing.length > 0) {
      throw new NotFoundError(
        `${MGN_SERVICE} in ${
          this.options.region
        } has no source server ${missing.join(', ')}`,
      );
    }
    return ids.map(id => byId.get(id)!);
  }
}
