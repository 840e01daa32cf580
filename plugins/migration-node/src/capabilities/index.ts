export type {
  ManifestChunk,
  ManifestObject,
  ManifestProgress,
  ManifestStore,
  ObjectStorage,
  TransferItem,
  TransferManifest,
  TransferSource,
  TransferTarget,
} from './storage';
export type {
  CopyProgress,
  CreatedCopy,
  CreatedImage,
  DryRunResult,
  ImageCopier,
  ImageRemoval,
  RegionalImageCopier,
} from './imageCopier';
export {
  createCloudCapabilityLookup,
  type CapabilityTarget,
  type CloudCapabilities,
  type CloudCapabilitiesFactory,
  type CloudCapabilitiesFactoryOptions,
  type CloudCapabilityLookup,
} from './capabilities';
export {
  createCloudCapabilitiesCollector,
  migrationCloudCapabilitiesExtensionPoint,
  type CloudCapabilitiesExtensionPoint,
} from './extensionPoint';
export type {
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
} from './serverReplicator';
export type { DnsChange, DnsCutover, DnsRecordSet } from './dnsCutover';
export type {
  FetchedInstancePrices,
  InstancePriceRow,
  PriceSource,
} from './priceSource';
export type { TargetNetwork, TargetNetworks } from './targetNetworks';
