/**
 * A discovered resource the transfer phase asks a cloud's migration service about.
 *
 * @public
 */
export interface ReplicationCandidate {
  /** Catalog entity ref of the resource. */
  entityRef: string;
  /** Display name, e.g. `shop-web-01`. */
  name: string;
  /** The id its source reported (VM name, instance id, BIOS UUID…). */
  externalId: string;
  /** Where it was discovered (`inventory`, `aws`, …). */
  provider: string;
  /** Host names and FQDNs it is known by. */
  hostnames: string[];
  ipAddresses: string[];
}

/**
 * A resource matched with the server the migration service replicates for it.
 *
 * @public
 */
export interface ReplicatedServer {
  entityRef: string;
  name: string;
  /** The service's id: an MGN source server (`s-…`), a Site Recovery migration item, a Migrate to VMs `migratingVms` name. */
  serverId: string;
  /** What the service calls the server, for messages. */
  serviceName?: string;
}

/**
 * What matching the migration's resources against the service found. A resource the service does
 * not know is never silently skipped: it is listed with the step the operator must do first.
 *
 * @public
 */
export interface ServerMatchResult {
  matched: ReplicatedServer[];
  unmatched: Array<{
    entityRef: string;
    name: string;
    /** Why, naming the agent/appliance step, e.g. "install the AWS Replication Agent on shop-web-01". */
    reason: string;
  }>;
}

/**
 * Health of a server's replication as the phase judges it.
 *
 * @public
 */
export type ReplicationHealth =
  | 'initiating'
  | 'replicating'
  | 'healthy'
  | 'lagging'
  | 'stalled'
  | 'error'
  | 'disconnected';

/**
 * Where a server is in the service's life cycle.
 *
 * @public
 */
export type ReplicationLifecycle =
  | 'not_ready'
  | 'ready_for_test'
  | 'testing'
  | 'ready_for_cutover'
  | 'cutting_over'
  | 'cutover'
  | 'finalized'
  | 'archived';

/**
 * An instance the service launched (test or cutover).
 *
 * @public
 */
export interface LaunchedInstance {
  id: string;
  /** Addresses validation probes, private first. */
  addresses: string[];
}

/**
 * The replication state of one server, in the transfer status's terms.
 *
 * @public
 */
export interface ReplicationState {
  serverId: string;
  health: ReplicationHealth;
  lifecycle: ReplicationLifecycle;
  replicatedBytes: number;
  totalBytes: number;
  backlogBytes?: number;
  /** How far the replica is behind the source, in seconds; undefined before the first snapshot. */
  lagSeconds?: number;
  /** Seconds until the initial sync completes, as the service estimates it. */
  etaSeconds?: number;
  /** The service's own words when something is wrong (error code and text). */
  message?: string;
  testInstance?: LaunchedInstance;
  cutoverInstance?: LaunchedInstance;
}

/**
 * How the target instance of a server is launched, from the assessment and the Terraform outputs.
 *
 * @public
 */
export interface LaunchSettings {
  instanceType?: string;
  subnetId?: string;
  securityGroupIds?: string[];
  tags: Record<string, string>;
}

/**
 * A long-running job the service started (test launch, test clean-up, cutover). Its id is what a
 * resumed task checkpoints, so it polls the same job instead of starting another.
 *
 * @public
 */
export interface ReplicationJob {
  id: string;
  kind: 'test' | 'cleanup' | 'cutover' | 'revert' | 'finalize';
  serverIds: string[];
}

/**
 * Where a job is.
 *
 * @public
 */
export interface ReplicationJobStatus {
  state: 'running' | 'succeeded' | 'failed';
  /** The service's message when the job failed. */
  message?: string;
  /** Instances the job launched, by server id. */
  instances: Record<string, LaunchedInstance>;
}

/**
 * A cloud's own server migration service (AWS MGN, Azure Migrate on Site Recovery, Google
 * Migrate to Virtual Machines), orchestrated — never a home-made block copier. Every call is safe
 * to repeat: starting calls return a job the caller checkpoints; the others are idempotent.
 *
 * @public
 */
export interface ServerReplicator {
  /** The service's name for messages, e.g. `AWS Application Migration Service`. */
  readonly service: string;
  /** Finds the service's source server of each resource (host name, addresses, instance id). */
  match(
    resources: ReplicationCandidate[],
    signal?: AbortSignal,
  ): Promise<ServerMatchResult>;
  /** The replication state of the servers. */
  state(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationState[]>;
  /** Sets how the target instance is launched (instance type, subnet, security groups, tags). */
  configureLaunch(
    server: ReplicatedServer,
    settings: LaunchSettings,
    signal?: AbortSignal,
  ): Promise<void>;
  /** Launches test instances: the rehearsal of record. */
  startTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob>;
  /** Terminates the test instances and makes the servers ready for cutover again. */
  cleanupTest(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob>;
  /** Launches the cutover instances. */
  startCutover(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob>;
  /** Makes the cutover final: the service stops replicating; the source stays as it is. */
  finalize(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob>;
  /** Undoes a cutover before it was finalized: cutover instances go, the source stays authoritative. */
  revert(
    servers: ReplicatedServer[],
    signal?: AbortSignal,
  ): Promise<ReplicationJob>;
  /** Where a job is. */
  job(job: ReplicationJob, signal?: AbortSignal): Promise<ReplicationJobStatus>;
  /**
   * Takes finalized servers off the service's active list (MGN `MarkAsArchived`), when the
   * service has such a step; the caller decides whether to. Archived servers are skipped.
   */
  archive?(servers: ReplicatedServer[], signal?: AbortSignal): Promise<void>;
}
