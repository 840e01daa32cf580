/**
 * The parts of the Migrate to Virtual Machines REST v1 resources (vmmigration.googleapis.com)
 * this package reads and writes, with the service's field names. int64 values come as strings.
 */

/** `google.rpc.Status`. */
export interface RpcStatus {
  code?: number;
  message?: string;
  details?: unknown[];
}

/** A long-running operation, polled with GET on its name. */
export interface Operation {
  name: string;
  done?: boolean;
  error?: RpcStatus;
  response?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

export interface ReplicatingStep {
  totalBytes?: string;
  replicatedBytes?: string;
  lastTwoMinutesAverageBytesPerSecond?: string;
  lastThirtyMinutesAverageBytesPerSecond?: string;
}

export interface CycleStep {
  startTime?: string;
  endTime?: string;
  initializingReplication?: object;
  replicating?: ReplicatingStep;
  postProcessing?: object;
}

export interface ReplicationCycle {
  name?: string;
  cycleNumber?: number;
  startTime?: string;
  endTime?: string;
  state?: 'STATE_UNSPECIFIED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'SUCCEEDED';
  steps?: CycleStep[];
  error?: RpcStatus;
  /** Deprecated by the service in favour of `steps`, still reported. */
  progressPercent?: number;
}

export interface NetworkInterface {
  network?: string;
  subnetwork?: string;
  internalIp?: string;
  externalIp?: string;
}

export interface ComputeEngineTargetDefaults {
  vmName?: string;
  targetProject?: string;
  zone?: string;
  machineType?: string;
  machineTypeSeries?: string;
  networkInterfaces?: NetworkInterface[];
  networkTags?: string[];
  labels?: Record<string, string>;
  hostname?: string;
}

export interface ComputeEngineTargetDetails {
  vmName?: string;
  project?: string;
  zone?: string;
  networkInterfaces?: NetworkInterface[];
}

export type JobState =
  | 'STATE_UNSPECIFIED'
  | 'PENDING'
  | 'ACTIVE'
  | 'FAILED'
  | 'SUCCEEDED'
  | 'CANCELLED'
  | 'CANCELLING'
  | 'ADAPTING_OS';

/** A clone job (test clone) or cutover job. */
export interface MigrationJob {
  name: string;
  state?: JobState;
  stateTime?: string;
  createTime?: string;
  endTime?: string;
  error?: RpcStatus;
  /** Cutover jobs only. */
  stateMessage?: string;
  progressPercent?: number;
  computeEngineTargetDetails?: ComputeEngineTargetDetails;
}

export type MigratingVmState =
  | 'STATE_UNSPECIFIED'
  | 'PENDING'
  | 'READY'
  | 'FIRST_SYNC'
  | 'ACTIVE'
  | 'CUTTING_OVER'
  | 'CUTOVER'
  | 'FINAL_SYNC'
  | 'PAUSED'
  | 'FINALIZING'
  | 'FINALIZED'
  | 'ERROR'
  | 'EXPIRED'
  | 'FINALIZED_EXPIRED';

export interface MigratingVm {
  name: string;
  sourceVmId?: string;
  displayName?: string;
  description?: string;
  state?: MigratingVmState;
  stateTime?: string;
  currentSyncInfo?: ReplicationCycle;
  lastReplicationCycle?: ReplicationCycle;
  lastSync?: { lastSyncTime?: string };
  error?: RpcStatus;
  computeEngineTargetDefaults?: ComputeEngineTargetDefaults;
  vmwareSourceVmDetails?: { committedStorageBytes?: string };
  awsSourceVmDetails?: { committedStorageBytes?: string };
  azureSourceVmDetails?: { committedStorageBytes?: string };
  /** Only with `view=MIGRATING_VM_VIEW_FULL`. */
  recentCloneJobs?: MigrationJob[];
  recentCutoverJobs?: MigrationJob[];
}

/** One VM of a source's inventory (`:fetchInventory`), whatever the source's kind. */
export interface InventoryVm {
  vmId?: string;
  displayName?: string;
  /** VMware. */
  uuid?: string;
  /** Azure. */
  computerName?: string;
  /** AWS. */
  tags?: Record<string, string>;
}

export interface FetchInventoryResponse {
  vmwareVms?: { details?: InventoryVm[] };
  awsVms?: { details?: InventoryVm[] };
  azureVms?: { details?: InventoryVm[] };
  nextPageToken?: string;
}
