import { ConflictError } from '@backstage/errors';
import type {
  LaunchSettings,
  LaunchedInstance,
  ReplicatedServer,
  ReplicationCandidate,
  ReplicationHealth,
  ReplicationJob,
  ReplicationJobStatus,
  ReplicationLifecycle,
  ReplicationState,
  ServerMatchResult,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * A server the in-memory migration service replicates.
 *
 * @public
 */
export interface InMemoryServer {
  serverId: string;
  /** Host names, FQDNs, addresses and ids a resource can be matched by (case-insensitive). */
  knownAs: string[];
  totalBytes: number;
  replicatedBytes: number;
  lagSeconds?: number;
  health: ReplicationHealth;
  lifecycle: ReplicationLifecycle;
  message?: string;
  /** Addresses the test and cutover instances get (default 10.0.1.x / 10.0.2.x). */
  testAddresses?: string[];
  cutoverAddresses?: string[];
  testInstance?: LaunchedInstance;
  cutoverInstance?: LaunchedInstance;
  launch?: LaunchSettings;
  /** Changes applied one per `state` call, before it answers: replication moving on by itself. */
  script?: Array<Partial<Omit<InMemoryServer, 'script'>>>;
}

/**
 * One call the in-memory service received, for asserting call sequences.
 *
 * @public
 */
export interface InMemoryReplicatorCall {
  method:
    | 'match'
    | 'state'
    | 'configureLaunch'
    | 'startTest'
    | 'cleanupTest'
    | 'startCutover'
    | 'finalize'
    | 'revert'
    | 'job'
    | 'archive';
  serverIds: string[];
  jobId?: string;
}

interface Job extends ReplicationJob {
  polls: number;
  failure?: { message: string; afterServers: number };
  status?: ReplicationJobStatus;
}

type JobKind = ReplicationJob['kind'];

/** Which life cycles a job accepts and what it leaves behind. */
const TRANSITIONS: Record<
  JobKind,
  { from: ReplicationLifecycle[]; to: ReplicationLifecycle }
> = {
  test: { from: ['ready_for_test', 'ready_for_cutover'], to: 'testing' },
  cleanup: { from: ['testing'], to: 'ready_for_cutover' },
  cutover: {
    from: ['ready_for_test', 'ready_for_cutover', 'testing'],
    to: 'cutover',
  },
  finalize: { from: ['cutover'], to: 'finalized' },
  revert: { from: ['cutting_over', 'cutover'], to: 'ready_for_cutover' },
};

/**
 * A `ServerReplicator` in memory, for tests of the transfer orchestration and of modules:
 * servers replicate when the test says so (`replicate`), jobs run for `jobPolls` polls of `job`
 * and then change the servers' life cycle, and every call is recorded in `calls`. Starting a job
 * for a server in the wrong life cycle throws, as the real services refuse it.
 *
 * @public
 */
export class InMemoryServerReplicator implements ServerReplicator {
  readonly service: string;
  readonly servers = new Map<string, InMemoryServer>();
  readonly calls: InMemoryReplicatorCall[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly failures = new Map<JobKind, Job['failure']>();
  private counter = 0;
  private readonly jobPolls: number;
  private readonly unmatchedReason: (candidate: ReplicationCandidate) => string;

  constructor(
    options: {
      servers?: InMemoryServer[];
      service?: string;
      /** How many `job` polls a job answers `running` before it ends (default 1). */
      jobPolls?: number;
      /** What an unmatched resource's reason says (default: install the agent). */
      unmatchedReason?: (candidate: ReplicationCandidate) => string;
    } = {},
  ) {
    this.service = options.service ?? 'In-memory migration service';
    this.jobPolls = options.jobPolls ?? 1;
    this.unmatchedReason =
      options.unmatchedReason ??
      (c =>
        `${this.service} does not know ${c.name}: install its replication agent on ${c.name} first`);
    for (const server of options.servers ?? []) {
      this.servers.set(server.serverId, {
        ...server,
        script: server.script && [...server.script],
      });
    }
  }

  /** Moves a server's replication on: bytes, lag, health, life cycle. */
  replicate(serverId: string, change: Partial<InMemoryServer>): void {
    Object.assign(this.server(serverId), change);
  }

  /**
   * Makes the next job of a kind fail with `message` after it has done its work for the first
   * `afterServers` servers (0: none) — a job failing half-way.
   */
  failNextJob(
    kind: ReplicationJob['kind'],
    message: string,
    afterServers = 0,
  ): void {
    this.failures.set(kind, { message, afterServers });
  }

  /** The calls that change something (no `match`, `state` or `job` reads). */
  changes(): string[] {
    return this.calls
      .filter(c => !['match', 'state', 'job'].includes(c.method))
      .map(c => `${c.method} ${c.serverIds.join(',')}`);
  }

  async match(resources: ReplicationCandidate[]): Promise<ServerMatchResult> {
    const result: ServerMatchResult = { matched: [], unmatched: [] };
    for (const candidate of resources) {
      const names = [
        candidate.name,
        candidate.externalId,
        ...candidate.hostnames,
        ...candidate.ipAddresses,
      ].map(n => n.toLowerCase());
      const server = [...this.servers.values()].find(s =>
        s.knownAs.some(k => names.includes(k.toLowerCase())),
      );
      if (server) {
        result.matched.push({
          entityRef: candidate.entityRef,
          name: candidate.name,
          serverId: server.serverId,
          serviceName: server.knownAs[0],
        });
      } else {
        result.unmatched.push({
          entityRef: candidate.entityRef,
          name: candidate.name,
          reason: this.unmatchedReason(candidate),
        });
      }
    }
    this.calls.push({
      method: 'match',
      serverIds: result.matched.map(m => m.serverId),
    });
    return result;
  }

  async state(servers: ReplicatedServer[]): Promise<ReplicationState[]> {
    this.calls.push({ method: 'state', serverIds: ids(servers) });
    this.progressJobs(ids(servers));
    return servers.map(({ serverId }) => {
      const s = this.server(serverId);
      const next = s.script?.shift();
      if (next) Object.assign(s, next);
      return {
        serverId,
        health: s.health,
        lifecycle: s.lifecycle,
        replicatedBytes: s.replicatedBytes,
        totalBytes: s.totalBytes,
        lagSeconds: s.lagSeconds,
        message: s.message,
        testInstance: s.testInstance,
        cutoverInstance: s.cutoverInstance,
      };
    });
  }

  async configureLaunch(
    server: ReplicatedServer,
    settings: LaunchSettings,
  ): Promise<void> {
    this.calls.push({
      method: 'configureLaunch',
      serverIds: [server.serverId],
    });
    this.server(server.serverId).launch = settings;
  }

  startTest(servers: ReplicatedServer[]) {
    return this.start('startTest', 'test', servers);
  }

  cleanupTest(servers: ReplicatedServer[]) {
    return this.start('cleanupTest', 'cleanup', servers);
  }

  startCutover(servers: ReplicatedServer[]) {
    return this.start('startCutover', 'cutover', servers);
  }

  finalize(servers: ReplicatedServer[]) {
    return this.start('finalize', 'finalize', servers);
  }

  revert(servers: ReplicatedServer[]) {
    return this.start('revert', 'revert', servers);
  }

  async job(job: ReplicationJob): Promise<ReplicationJobStatus> {
    this.calls.push({ method: 'job', serverIds: job.serverIds, jobId: job.id });
    const known = this.jobs.get(job.id);
    if (!known) throw new ConflictError(`No job ${job.id}`);
    return this.advance(known);
  }

  /** A poll moves a job on; after `jobPolls` of them it ends. */
  private advance(job: Job): ReplicationJobStatus {
    if (job.status) return job.status;
    if (job.polls++ < this.jobPolls) {
      return { state: 'running', instances: {} };
    }
    job.status = this.finish(job);
    return job.status;
  }

  /** Jobs run on their own too: reading the servers' state moves their running jobs on. */
  private progressJobs(serverIds: string[]) {
    for (const job of this.jobs.values()) {
      if (!job.status && job.serverIds.some(id => serverIds.includes(id))) {
        this.advance(job);
      }
    }
  }

  async archive(servers: ReplicatedServer[]): Promise<void> {
    this.calls.push({ method: 'archive', serverIds: ids(servers) });
    for (const { serverId } of servers) {
      const s = this.server(serverId);
      if (s.lifecycle !== 'finalized' && s.lifecycle !== 'archived') {
        throw new ConflictError(`${serverId} is ${s.lifecycle}, not finalized`);
      }
      s.lifecycle = 'archived';
    }
  }

  private async start(
    method: InMemoryReplicatorCall['method'],
    kind: JobKind,
    servers: ReplicatedServer[],
  ): Promise<ReplicationJob> {
    this.calls.push({ method, serverIds: ids(servers) });
    for (const { serverId } of servers) {
      const s = this.server(serverId);
      if (!TRANSITIONS[kind].from.includes(s.lifecycle)) {
        throw new ConflictError(
          `${this.service} refuses ${method} for ${serverId}: it is ${s.lifecycle}`,
        );
      }
      if (kind === 'cutover') s.lifecycle = 'cutting_over';
    }
    const job: Job = {
      id: `job-${++this.counter}`,
      kind,
      serverIds: ids(servers),
      polls: 0,
      failure: this.failures.get(kind),
    };
    this.failures.delete(kind);
    this.jobs.set(job.id, job);
    return { id: job.id, kind, serverIds: job.serverIds };
  }

  /** What a job leaves behind: each server moved on, unless the job fails before it. */
  private finish(job: Job): ReplicationJobStatus {
    const instances: Record<string, LaunchedInstance> = {};
    const done = job.failure ? job.failure.afterServers : job.serverIds.length;
    job.serverIds.forEach((serverId, index) => {
      const s = this.server(serverId);
      if (index >= done) {
        if (job.kind === 'cutover') s.lifecycle = 'ready_for_cutover';
        return;
      }
      s.lifecycle = TRANSITIONS[job.kind].to;
      const launched = this.launched(s, job.kind);
      if (launched) instances[serverId] = launched;
    });
    return job.failure
      ? { state: 'failed', message: job.failure.message, instances }
      : { state: 'succeeded', instances };
  }

  private launched(
    s: InMemoryServer,
    kind: JobKind,
  ): LaunchedInstance | undefined {
    const n = [...this.servers.keys()].indexOf(s.serverId) + 1;
    switch (kind) {
      case 'test':
        s.testInstance = {
          id: `i-test-${s.serverId}`,
          addresses: s.testAddresses ?? [`10.0.1.${n}`],
        };
        return s.testInstance;
      case 'cleanup':
        s.testInstance = undefined;
        return undefined;
      case 'cutover':
        s.cutoverInstance = {
          id: `i-cutover-${s.serverId}`,
          addresses: s.cutoverAddresses ?? [`10.0.2.${n}`],
        };
        return s.cutoverInstance;
      case 'revert':
        s.cutoverInstance = undefined;
        return undefined;
      default:
        return undefined;
    }
  }

  private server(serverId: string): InMemoryServer {
    const server = this.servers.get(serverId);
    if (!server) throw new ConflictError(`Unknown server ${serverId}`);
    return server;
  }
}

function ids(servers: Array<{ serverId: string }>): string[] {
  return servers.map(s => s.serverId);
}
