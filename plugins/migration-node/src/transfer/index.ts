export * from './types';
export * from './manifest';
export { TokenBucket } from './tokenBucket';
export { DataMover, TransferIntegrityError } from './dataMover';
export type { DataMoverOptions } from './dataMover';
export { FileSource } from './sources/fileSource';
export { HttpSource, redactUrl } from './sources/httpSource';
export type { HttpSourceOptions } from './sources/httpSource';
export { FileTarget } from './targets/fileTarget';
export { S3Target } from './targets/s3Target';
export type { S3TargetOptions } from './targets/s3Target';
export { createTransferSource, createTransferTarget } from './endpoints';
export type { SourceAccess, TargetAccess } from './endpoints';
export { AwsImageCopier } from './aws/imageCopy';
export type {
  AwsImageCopierOptions,
  CopyProgress,
  CreatedCopy,
  CreatedImage,
  DryRunResult,
  ImageRemoval,
} from './aws/imageCopy';
export { buildDnsCutoverPlan } from './dnsCutover';
export type { DnsCutoverOptions, DnsRecordInput } from './dnsCutover';
