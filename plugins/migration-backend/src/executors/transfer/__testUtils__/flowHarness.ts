import type { JsonObject, JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
  type Migration,
  type TransferArtifact,
} from '@sirsi-nexus/plugin-migration-common';
import {
  TaskDeferral,
  createMockTaskContext,
  resourceToEntity,
  type CloudCapabilityLookup,
  type MigrationExecutor,
  type TaskSpec,
} from '@sirsi-nexus/plugin-migration-node';
import { ConfigReader } from '@backstage/config';
import { readExecutionConfig } from '../../config';
import { createValidateExecutor } from '../../validate/createValidateExecutor';
import { createTransferExecutor } from '../createTransferExecutor';
import {
  readServerMoveSettings,
  type ServerMoveSettings,
} from '../serverMoveSettings';

/** A VM as discovery reports it, with tags (port, health-url, dns-name...). */
export function vm(
  name: string,
  options: { ip?: string; tags?: Record<string, string> } = {},
): DiscoveredResource {
  return {
    provider: 'inventory',
    environmentId: 'dc1',
    externalId: `vm-${name}`,
    kind: 'vm',
    name,
    specs: {
      vcpus: 2,
      memoryMiB: 4096,
      ipAddresses: [options.ip ?? '10.9.0.1'],
    },
    tags: options.tags ?? {},
    dependsOn: [],
  };
}

/** `plan-entities.json` of the resources. */
export function planEntities(resources: DiscoveredResource[]): JsonValue {
  return {
    capturedAt: '2026-11-20T10:00:00.000Z',
    selectedRefs: [],
    entities: resources.map(r =>
      JSON.parse(JSON.stringify(resourceToEntity(r))),
    ),
  };
}

/** Settings for tests: quick polls. */
export function testSettings(
  data: { replication?: JsonObject; dns?: JsonObject } = {},
): ServerMoveSettings {
  return readServerMoveSettings(
    new ConfigReader({
      migration: {
        replication: { pollIntervalSeconds: 0.01, ...data.replication },
        ...(data.dns ? { dns: data.dns } : {}),
      },
    }),
  );
}

/** The result of running one task to its end (deferrals replayed at once). */
export interface TaskRun {
  output?: JsonObject | void;
  error?: Error;
  deferrals: TaskDeferral[];
  /** Still deferring after the rounds allowed. */
  waiting?: boolean;
}

/**
 * Runs the transfer and validate executors' tasks without the engine, the way it would: artifacts
 * shared by the migration, checkpoints kept per task key (a retry or a restart gets them back), and
 * a task that defers run again — after `pauseMs` of real time — until it ends.
 */
export function flowHarness(options: {
  migration?: Partial<Migration>;
  artifacts: Record<string, JsonValue>;
  capabilities: CloudCapabilityLookup;
  settings: ServerMoveSettings;
}) {
  const artifacts = new Map<string, JsonValue | Buffer | string>(
    Object.entries(options.artifacts),
  );
  const checkpoints = new Map<string, Record<string, JsonValue>>();
  const config = readExecutionConfig(new ConfigReader({}));
  const transfer = createTransferExecutor({
    config,
    capabilities: options.capabilities,
    settings: options.settings,
  });
  const validate = createValidateExecutor({
    config,
    capabilities: options.capabilities,
    settings: options.settings,
  });

  async function runTask(
    executor: MigrationExecutor,
    spec: Pick<TaskSpec, 'key' | 'input'>,
    run: {
      compensate?: boolean;
      maxRounds?: number;
      pauseMs?: number;
      /** Wraps the context, e.g. to fail a checkpoint. */
      wrap?: (ctx: ReturnType<typeof createMockTaskContext>['ctx']) => void;
    } = {},
  ): Promise<TaskRun> {
    const key = run.compensate ? `${spec.key}#compensate` : spec.key;
    const deferrals: TaskDeferral[] = [];
    for (let round = 0; round < (run.maxRounds ?? 200); round++) {
      const mock = createMockTaskContext({
        migration: options.migration,
        input: spec.input ?? {},
        artifacts: Object.fromEntries(artifacts),
        checkpoints: checkpoints.get(key),
        compensates: run.compensate ? { taskId: spec.key } : undefined,
      });
      run.wrap?.(mock.ctx);
      try {
        const output = run.compensate
          ? await executor.compensate!(mock.ctx)
          : await executor.run(mock.ctx);
        return { output, deferrals };
      } catch (error) {
        if (!(error instanceof TaskDeferral))
          return { error: error as Error, deferrals };
        deferrals.push(error);
      } finally {
        for (const [name, a] of mock.artifacts) artifacts.set(name, a.content);
        checkpoints.set(
          key,
          Object.fromEntries(mock.checkpoints) as Record<string, JsonValue>,
        );
      }
      await new Promise(r => setTimeout(r, run.pauseMs ?? 0));
    }
    return { deferrals, waiting: true };
  }

  async function json<T = JsonValue>(name: string): Promise<T | undefined> {
    const a = artifacts.get(name);
    if (a === undefined) return undefined;
    return (Buffer.isBuffer(a) ? JSON.parse(a.toString('utf8')) : a) as T;
  }

  return {
    transfer,
    validate,
    artifacts,
    checkpoints,
    runTask,
    json,
    /** The tasks an executor plans now. */
    plan: (executor: MigrationExecutor) =>
      executor.plan(
        createMockTaskContext({
          migration: options.migration,
          artifacts: Object.fromEntries(artifacts),
        }).ctx,
      ) as Promise<TaskSpec[]>,
    transferReport: () =>
      json<TransferArtifact>(MIGRATION_ARTIFACTS.transfer.name),
  };
}
