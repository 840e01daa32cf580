import type {
  MigrationItem,
  MigrationItemProperties,
  VMwareCbtMigrationDetails,
} from '@azure/arm-recoveryservices-siterecovery';
import type {
  LaunchedInstance,
  ReplicationHealth,
  ReplicationLifecycle,
  ReplicationState,
} from '@sirsi-nexus/plugin-migration-node';

/** `migrationState` values after a successful migrate. */
export const MIGRATED_STATES = new Set([
  'MigrationSucceeded',
  'MigrationCompletedWithInformation',
  'MigrationPartiallySucceeded',
]);

/** `testMigrateState` values with a running test VM. */
export const TEST_LAUNCHED_STATES = new Set([
  'TestMigrationSucceeded',
  'TestMigrationCompletedWithInformation',
  'TestMigrationPartiallySucceeded',
]);

/** The VMware agentless (`VMwareCbt`) details of an item, the only provider Azure Migrate uses here. */
export function vmwareDetails(
  item: MigrationItem,
): VMwareCbtMigrationDetails | undefined {
  const details = item.properties?.providerSpecificDetails;
  return details?.instanceType === 'VMwareCbt'
    ? (details as VMwareCbtMigrationDetails)
    : undefined;
}

function lifecycleOf(p: MigrationItemProperties): ReplicationLifecycle {
  const migration = p.migrationState ?? 'None';
  const test = p.testMigrateState ?? 'None';
  if (migration.startsWith('DisableMigration')) return 'finalized';
  if (MIGRATED_STATES.has(migration)) return 'cutover';
  if (migration === 'MigrationInProgress') return 'cutting_over';
  if (test !== 'None') return 'testing';
  if (migration === 'Replicating' || migration === 'MigrationFailed') {
    return p.lastTestMigrationTime ? 'ready_for_cutover' : 'ready_for_test';
  }
  return 'not_ready';
}

function healthOf(
  p: MigrationItemProperties,
  details?: VMwareCbtMigrationDetails,
): ReplicationHealth {
  switch (p.migrationState ?? 'None') {
    case 'None':
    case 'EnableMigrationInProgress':
      return 'initiating';
    case 'InitialSeedingInProgress':
    case 'ResumeInProgress':
    case 'ResumeInitiated':
      return 'replicating';
    case 'EnableMigrationFailed':
    case 'InitialSeedingFailed':
    case 'DisableMigrationFailed':
    case 'MigrationFailed':
      return 'error';
    case 'SuspendingProtection':
    case 'ProtectionSuspended':
      return 'stalled';
    default:
  }
  if (details?.resyncState === 'StartedResynchronization') return 'replicating';
  if (details?.resyncRequired?.toLowerCase() === 'true') return 'stalled';
  if (p.health === 'Critical') return 'error';
  if (p.health === 'Warning') return 'lagging';
  return 'healthy';
}

/** How far the disks are copied, in percent, from the progress figure of the current phase. */
function progressPercent(
  p: MigrationItemProperties,
  details?: VMwareCbtMigrationDetails,
): number {
  if (details?.resyncState === 'StartedResynchronization') {
    return details.resyncProgressPercentage ?? 0;
  }
  switch (p.migrationState) {
    case 'InitialSeedingInProgress':
      return details?.initialSeedingProgressPercentage ?? 0;
    case 'ResumeInProgress':
      return details?.resumeProgressPercentage ?? 0;
    case 'None':
    case 'EnableMigrationInProgress':
    case 'EnableMigrationFailed':
    case 'InitialSeedingFailed':
      return 0;
    default:
      return 100;
  }
}

function problemsOf(p: MigrationItemProperties): string | undefined {
  const problems = (p.healthErrors ?? []).map(
    e =>
      `${e.errorCode ? `${e.errorCode}: ` : ''}${
        e.errorMessage ?? e.summaryMessage ?? 'health error'
      }${e.recommendedAction ? ` (${e.recommendedAction})` : ''}`,
  );
  if (p.migrationState?.endsWith('Failed')) {
    problems.unshift(`${p.migrationState}: ${p.migrationStateDescription}`);
  }
  if (p.testMigrateState === 'TestMigrationFailed') {
    problems.unshift(
      `TestMigrationFailed: ${p.testMigrateStateDescription ?? ''}`,
    );
  }
  return problems.length ? problems.join('; ') : undefined;
}

/**
 * The test VM of an item while a test migration has one. Site Recovery reports the test NICs'
 * addresses but not the test VM's resource id, so the item id stands for it.
 */
export function testInstanceOf(
  item: MigrationItem,
): LaunchedInstance | undefined {
  if (!TEST_LAUNCHED_STATES.has(item.properties?.testMigrateState ?? '')) {
    return undefined;
  }
  return {
    id: item.id!,
    addresses: nicAddresses(item, 'testIPAddress'),
  };
}

/** The migrated VM of an item: `targetVmName` in `targetResourceGroupId`. */
export function cutoverInstanceOf(
  item: MigrationItem,
): LaunchedInstance | undefined {
  const details = vmwareDetails(item);
  if (!MIGRATED_STATES.has(item.properties?.migrationState ?? '')) {
    return undefined;
  }
  const vm =
    details?.targetResourceGroupId && details.targetVmName
      ? `${details.targetResourceGroupId}/providers/Microsoft.Compute/virtualMachines/${details.targetVmName}`
      : item.id!;
  return { id: vm, addresses: nicAddresses(item, 'targetIPAddress') };
}

/** NIC addresses, the primary NIC's first. */
function nicAddresses(
  item: MigrationItem,
  field: 'testIPAddress' | 'targetIPAddress',
): string[] {
  const nics = [...(vmwareDetails(item)?.vmNics ?? [])].sort(
    (a, b) =>
      Number(b.isPrimaryNic === 'true') - Number(a.isPrimaryNic === 'true'),
  );
  return nics.map(nic => nic[field]).filter((ip): ip is string => !!ip);
}

/**
 * The replication state of a migration item in the transfer status's terms: health and life
 * cycle from `migrationState`, `testMigrateState` and `health`; bytes from the disks' capacity
 * and the progress percentage of the current phase (initial seeding, resync, resume); lag from
 * the last recovery point received; ETA from the gateway's time remaining.
 */
export function toReplicationState(
  item: MigrationItem,
  now = Date.now(),
): ReplicationState {
  const p = item.properties ?? {};
  const details = vmwareDetails(item);
  const totalBytes = (details?.protectedDisks ?? []).reduce(
    (sum, disk) => sum + (disk.capacityInBytes ?? 0),
    0,
  );
  const received = details?.lastRecoveryPointReceived;
  const remainingMs = details?.gatewayOperationDetails?.timeRemaining;
  const health = healthOf(p, details);
  return {
    serverId: item.id!,
    health,
    lifecycle: lifecycleOf(p),
    replicatedBytes: Math.round(
      (totalBytes * progressPercent(p, details)) / 100,
    ),
    totalBytes,
    lagSeconds: received
      ? Math.max(0, Math.round((now - new Date(received).getTime()) / 1000))
      : undefined,
    etaSeconds:
      health === 'replicating' && remainingMs !== undefined
        ? Math.round(remainingMs / 1000)
        : undefined,
    message: problemsOf(p),
    testInstance: testInstanceOf(item),
    cutoverInstance: cutoverInstanceOf(item),
  };
}
