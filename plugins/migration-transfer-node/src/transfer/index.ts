export * from './manifest';
export * from './manifestStores';
export { applyManifestProgress } from './manifestProgress';
export { TokenBucket } from './tokenBucket';
export { DataMover, TransferIntegrityError } from './dataMover';
export type {
  CheckpointOptions,
  CheckpointStats,
  DataMoverOptions,
} from './dataMover';
export { FileSource } from './sources/fileSource';
export { HttpSource, redactUrl } from './sources/httpSource';
export type { HttpSourceOptions } from './sources/httpSource';
export { FileTarget } from './targets/fileTarget';
export { createTransferSource, createTransferTarget } from './endpoints';
export type { SourceAccess, TargetAccess } from './endpoints';
export { buildDnsCutoverPlan } from './dnsCutover';
export type { DnsCutoverOptions, DnsRecordInput } from './dnsCutover';
