import type {
  ServerTransferStatus,
  TransferArtifact,
  TransferObjectStatus,
} from '@sirsi-nexus/plugin-migration-common';
import { humanize } from '../../shared';

/** One row of the transfer table: a data object or a server, in the `TransferStatus` terms. */
export interface TransferRow {
  key: string;
  kind: 'Data' | 'Server';
  name: string;
  /** Where from and to (data), or the service and its id of the server. */
  detail: string;
  bytesTransferred: number;
  totalBytes: number;
  /** What the progress is counted in, e.g. `12/64 chunks`. */
  unit?: string;
  speedBytesPerSecond?: number;
  etaSeconds?: number;
  lagSeconds?: number;
  state: string;
  /** Test and cutover instance addresses. */
  instances: string[];
  /** Verification (data), or what the service or the operator should know (server). */
  note?: string;
  problem: boolean;
}

function objectRow(o: TransferObjectStatus): TransferRow {
  return {
    key: `object:${o.id}`,
    kind: 'Data',
    name: o.name,
    detail: `${o.source} → ${o.target}`,
    bytesTransferred: o.bytesTransferred,
    totalBytes: o.totalBytes,
    unit: `${o.chunksDone}/${o.chunks} chunks`,
    state: humanize(o.state),
    instances: [],
    note: o.verified ? 'Verified' : undefined,
    problem: o.state === 'failed',
  };
}

function serverRow(s: ServerTransferStatus, service?: string): TransferRow {
  const instances = [
    s.testInstance &&
      `Test: ${s.testInstance.addresses.join(', ') || s.testInstance.id}`,
    s.cutoverInstance &&
      `Cutover: ${
        s.cutoverInstance.addresses.join(', ') || s.cutoverInstance.id
      }`,
  ].filter((i): i is string => Boolean(i));
  return {
    key: `server:${s.entityRef}`,
    kind: 'Server',
    name: s.name,
    detail: [`wave ${s.wave}`, service, s.serverId].filter(Boolean).join(' · '),
    bytesTransferred: s.bytesTransferred,
    totalBytes: s.totalBytes,
    speedBytesPerSecond: s.speedBytesPerSecond,
    etaSeconds: s.etaSeconds,
    lagSeconds: s.lagSeconds,
    state: [
      humanize(s.step),
      s.health && s.health !== 'healthy' && humanize(s.health),
    ]
      .filter(Boolean)
      .join(' · '),
    instances,
    note: s.message,
    problem:
      ['unmatched', 'failed'].includes(s.step) ||
      ['error', 'stalled', 'disconnected'].includes(s.health ?? ''),
  };
}

/** The data objects and the servers of a transfer, in one list. */
export function transferRows(report: TransferArtifact): TransferRow[] {
  const replication = report.replication;
  return [
    ...report.status.objects.map(objectRow),
    ...(replication?.servers ?? []).map(s =>
      serverRow(s, replication?.service),
    ),
  ];
}
