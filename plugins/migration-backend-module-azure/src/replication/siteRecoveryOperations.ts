import type {
  MigrationItem,
  SiteRecoveryManagementClient,
} from '@azure/arm-recoveryservices-siterecovery';
import { ConflictError, InputError } from '@backstage/errors';
import type { MigrationItemRef } from './migrationItemId';
import type { SiteRecoverySettings } from './replicationSettings';
import {
  MIGRATED_STATES,
  TEST_LAUNCHED_STATES,
  vmwareDetails,
} from './replicationState';

/** The long-running operations a job starts, by job kind. */
export type OperationKind = 'test' | 'cleanup' | 'cutover' | 'finalize';

/** What the SDK's `begin*` methods return, as far as jobs use it. */
export interface OperationPoller {
  toString(): string;
  isDone(): boolean;
  getOperationState(): { status: string };
}

/** Where an operation followed on the item's state is. */
export type WatchStatus = 'running' | 'succeeded' | { failed: string };

interface OperationDefinition {
  /** Start the operation, follow the one under way, or nothing to do; throws when the state allows none. */
  decide(item: MigrationItem | undefined): 'start' | 'watch' | 'done';
  /** Starts the operation with its input, or restores its poller with `resumeFrom`. */
  begin(
    client: SiteRecoveryManagementClient,
    ref: MigrationItemRef,
    options: {
      item?: MigrationItem;
      settings: SiteRecoverySettings;
      resumeFrom?: string;
      abortSignal?: AbortSignal;
    },
  ): Promise<OperationPoller>;
  /** Where an operation that was already under way is, from the item's state. */
  watch(item: MigrationItem | undefined): WatchStatus;
}

const VMWARE_CBT = { instanceType: 'VMwareCbt' as const };

function describe(item: MigrationItem) {
  const p = item.properties ?? {};
  return `${p.machineName ?? item.name} (migration: ${
    p.migrationStateDescription ?? p.migrationState
  }; test: ${p.testMigrateStateDescription ?? p.testMigrateState})`;
}

function refuse(what: string, item: MigrationItem | undefined): never {
  throw new ConflictError(
    item
      ? `Azure Migrate cannot ${what} ${describe(item)}; allowed now: ${
          item.properties?.allowedOperations?.join(', ') || 'nothing'
        }`
      : `Azure Migrate cannot ${what}: the migration item no longer exists in the vault`,
  );
}

function allows(item: MigrationItem, operation: string) {
  return item.properties?.allowedOperations?.includes(operation) ?? false;
}

function args(ref: MigrationItemRef) {
  return [
    ref.vault,
    ref.resourceGroup,
    ref.fabric,
    ref.container,
    ref.item,
  ] as const;
}

/** The test migration's input: the latest recovery point into the test network. */
function testInput(item: MigrationItem, settings: SiteRecoverySettings) {
  const details = vmwareDetails(item);
  const networkId = details?.testNetworkId ?? settings.testNetworkId;
  if (!networkId) {
    throw new InputError(
      `${settings.field}.testNetworkId: ${describe(
        item,
      )} has no test network; set it in config or on the migration item`,
    );
  }
  if (!details?.lastRecoveryPointId) {
    throw new ConflictError(
      `Azure Migrate has no recovery point of ${describe(
        item,
      )} yet: wait for the initial replication to finish`,
    );
  }
  return {
    ...VMWARE_CBT,
    networkId,
    recoveryPointId: details.lastRecoveryPointId,
  };
}

const test: OperationDefinition = {
  decide(item) {
    const state = item?.properties?.testMigrateState ?? '';
    if (state === 'TestMigrationInProgress' || TEST_LAUNCHED_STATES.has(state))
      return 'watch';
    if (item && allows(item, 'TestMigrate')) return 'start';
    return refuse('start a test migration of', item);
  },
  begin: (client, ref, { item, settings, resumeFrom, abortSignal }) =>
    client.replicationMigrationItems.beginTestMigrate(
      ...args(ref),
      {
        properties: {
          providerSpecificDetails:
            item && !resumeFrom ? testInput(item, settings) : VMWARE_CBT,
        },
      },
      { resumeFrom, abortSignal },
    ),
  watch(item) {
    const p = item?.properties;
    if (p?.testMigrateState === 'TestMigrationInProgress') return 'running';
    if (TEST_LAUNCHED_STATES.has(p?.testMigrateState ?? '')) return 'succeeded';
    return {
      failed: `test migration ${
        p?.testMigrateStateDescription ?? 'no longer exists'
      }`,
    };
  },
};

const cleanup: OperationDefinition = {
  decide(item) {
    const state = item?.properties?.testMigrateState ?? 'None';
    if (state === 'TestMigrationCleanupInProgress') return 'watch';
    if (state === 'None') return 'done';
    if (item && allows(item, 'TestMigrateCleanup')) return 'start';
    return refuse('clean up the test migration of', item);
  },
  begin: (client, ref, { resumeFrom, abortSignal }) =>
    client.replicationMigrationItems.beginTestMigrateCleanup(
      ...args(ref),
      { properties: { comments: 'Test migration validated by SirsiNexus' } },
      { resumeFrom, abortSignal },
    ),
  watch(item) {
    const state = item?.properties?.testMigrateState ?? 'None';
    if (state === 'TestMigrationCleanupInProgress') return 'running';
    if (state === 'None') return 'succeeded';
    return {
      failed: `test clean-up ended in ${
        item?.properties?.testMigrateStateDescription ?? state
      }`,
    };
  },
};

const cutover: OperationDefinition = {
  decide(item) {
    const state = item?.properties?.migrationState ?? '';
    if (state === 'MigrationInProgress' || MIGRATED_STATES.has(state))
      return 'watch';
    if (item && allows(item, 'Migrate')) return 'start';
    return refuse('migrate', item);
  },
  begin: (client, ref, { settings, resumeFrom, abortSignal }) =>
    client.replicationMigrationItems.beginMigrate(
      ...args(ref),
      {
        properties: {
          providerSpecificDetails: {
            ...VMWARE_CBT,
            performShutdown: String(settings.shutdownSource),
          },
        },
      },
      { resumeFrom, abortSignal },
    ),
  watch(item) {
    const p = item?.properties;
    if (p?.migrationState === 'MigrationInProgress') return 'running';
    if (MIGRATED_STATES.has(p?.migrationState ?? '')) return 'succeeded';
    return {
      failed: `migration ${p?.migrationStateDescription ?? 'no longer exists'}`,
    };
  },
};

const finalize: OperationDefinition = {
  decide(item) {
    if (!item) return 'done';
    const state = item.properties?.migrationState ?? '';
    if (state === 'DisableMigrationInProgress') return 'watch';
    if (MIGRATED_STATES.has(state) && allows(item, 'DisableMigration'))
      return 'start';
    return refuse(
      'complete the migration (stop replicating; only after a migration) of',
      item,
    );
  },
  begin: (client, ref, { resumeFrom, abortSignal }) =>
    client.replicationMigrationItems.beginDelete(...args(ref), {
      resumeFrom,
      abortSignal,
    }),
  watch(item) {
    if (!item) return 'succeeded';
    const p = item.properties;
    if (p?.migrationState === 'DisableMigrationFailed') {
      return { failed: `stop replication: ${p.migrationStateDescription}` };
    }
    return 'running';
  },
};

/** The Site Recovery operation behind each kind of job. */
export const OPERATIONS: Record<OperationKind, OperationDefinition> = {
  test,
  cleanup,
  cutover,
  finalize,
};
