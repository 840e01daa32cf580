/*
 * What the transfer phase records about the servers it moves through the target cloud's own
 * migration service (AWS MGN, Azure Migrate on Site Recovery, Google Migrate to Virtual Machines)
 * and about the DNS records it switches. Stored inside `transfer.json` (`replication`) and
 * `dns-cutover.json` (`execution`); the validate phase, the report and the portal read them.
 */
import type {
  DnsCutoverPlan,
  DnsRecordChange,
  TransferReport,
  TransferStatus,
} from './execution';

/**
 * Health of a server's replication as the migration service reports it.
 *
 * @public
 */
export type ServerReplicationHealth =
  | 'initiating'
  | 'replicating'
  | 'healthy'
  | 'lagging'
  | 'stalled'
  | 'error'
  | 'disconnected';

/**
 * Where a server is in the migration service's life cycle.
 *
 * @public
 */
export type ServerReplicationLifecycle =
  | 'not_ready'
  | 'ready_for_test'
  | 'testing'
  | 'ready_for_cutover'
  | 'cutting_over'
  | 'cutover'
  | 'finalized'
  | 'archived';

/**
 * What the migration has done with a server: `unmatched` — the service does not know it (an agent or appliance step is missing);
 * `replicating`/`healthy` — waiting for, and reaching, lag within the limit; `testing` — test
 * instance launched (rehearsal); `tested` — validated and cleaned up; `cut_over` — cutover
 * instance launched; `finalized` — cutover made final; `reverted` — undone by a rollback.
 *
 * @public
 */
export type ServerTransferStep =
  | 'unmatched'
  | 'replicating'
  | 'healthy'
  | 'testing'
  | 'tested'
  | 'cutting_over'
  | 'cut_over'
  | 'finalized'
  | 'reverted'
  | 'failed';

/**
 * An instance the migration service launched for a server.
 *
 * @public
 */
export interface ServerInstance {
  id: string;
  /** Addresses, private first; validation probes the first. */
  addresses: string[];
}

/**
 * One server's replication in the transfer status's terms (bytes, total, speed, ETA), plus lag,
 * state and the instances launched for it.
 *
 * @public
 */
export interface ServerTransferStatus {
  entityRef: string;
  name: string;
  /** The assessment's wave (1 without an assessment). */
  wave: number;
  /** The service's id of the server (MGN source server, migration item, migrating VM). */
  serverId?: string;
  step: ServerTransferStep;
  health?: ServerReplicationHealth;
  lifecycle?: ServerReplicationLifecycle;
  /** Replicated bytes of the server's disks, of `totalBytes`. */
  bytesTransferred: number;
  totalBytes: number;
  /** Replication throughput between the last two readings. */
  speedBytesPerSecond: number;
  etaSeconds?: number;
  backlogBytes?: number;
  /** How far the replica is behind the source, in seconds. */
  lagSeconds?: number;
  /** How the target instance is launched (from the assessment and the Terraform outputs). */
  launch?: {
    instanceType?: string;
    subnetId?: string;
    securityGroupIds?: string[];
  };
  testInstance?: ServerInstance;
  cutoverInstance?: ServerInstance;
  /** The service's words when something is wrong, or what the operator must do. */
  message?: string;
  updatedAt: string;
  /** When replication last moved forward (bytes replicated, lag shrinking). */
  lastProgressAt?: string;
}

/**
 * The servers of a transfer: each one's status and the sum over them, in the `TransferStatus`
 * shape data transfers use.
 *
 * @public
 */
export interface ServerReplicationReport {
  /** The migration service, e.g. `AWS Application Migration Service`. */
  service?: string;
  status: Omit<TransferStatus, 'objects'>;
  servers: ServerTransferStatus[];
  /** VMs that are not moved as servers, with why (strategy, no migration service). */
  skipped: Array<{ entityRef: string; name: string; reason: string }>;
}

/**
 * The `transfer.json` artifact: the data transfer and, when the migration moves servers, their
 * replication.
 *
 * @public
 */
export type TransferArtifact = TransferReport & {
  replication?: ServerReplicationReport;
};

/**
 * A record set as a zone held it, or as the cutover wrote it.
 *
 * @public
 */
export interface DnsRecordValues {
  ttl: number;
  values: string[];
}

/**
 * A call the DNS cutover made to a zone.
 *
 * @public
 */
export interface DnsCutoverCall {
  action: 'lower-ttl' | 'switch' | 'restore' | 'remove';
  /** The DNS service's change id. */
  changeId: string;
  at: string;
  /** True once every name server of the zone had the change. */
  inSync?: boolean;
}

/**
 * What the DNS cutover did with one record.
 *
 * @public
 */
export interface DnsRecordExecution {
  name: string;
  type: DnsRecordChange['type'];
  /** The resource whose name it is (tag `dns-name`), and its wave. */
  resource: string;
  entityRef: string;
  wave: number;
  /** The configured zone (`migration.dns.zones[].name`) holding the name. */
  zone?: string;
  /** The DNS service of the zone, e.g. `Amazon Route 53`. */
  service?: string;
  /**
   * The record set before any change, read and stored first; `null` when the zone had none (a
   * rollback then removes what the switch created).
   */
  previous?: DnsRecordValues | null;
  /** What the switch writes. */
  target?: DnsRecordValues;
  state:
    | 'skipped'
    | 'recorded'
    | 'ttl-lowered'
    | 'switched'
    | 'restored'
    | 'removed';
  /** Why a record was skipped: no zone, no DNS service, no target address. */
  reason?: string;
  calls: DnsCutoverCall[];
}

/**
 * What the DNS cutover carried out (absent while it is only planned).
 *
 * @public
 */
export interface DnsCutoverExecution {
  rehearsal: boolean;
  records: DnsRecordExecution[];
  recordedAt?: string;
  ttlLoweredAt?: string;
  switchedAt?: string;
  restoredAt?: string;
  statements: string[];
}

/**
 * The `dns-cutover.json` artifact: the runbook and what was carried out of it.
 *
 * @public
 */
export type DnsCutoverArtifact = DnsCutoverPlan & {
  execution?: DnsCutoverExecution;
};
