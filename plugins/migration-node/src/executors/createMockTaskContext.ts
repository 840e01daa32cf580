import { createHash } from 'node:crypto';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  ArtifactSummary,
  Migration,
} from '@sirsi-nexus/plugin-migration-common';
import type { PlanContext, TaskContext, TaskJournal } from './types';

const silentLogger: LoggerService = {
  error() {},
  warn() {},
  info() {},
  debug() {},
  child() {
    return silentLogger;
  },
};

/**
 * A migration for executor tests.
 *
 * @public
 */
export function createMockMigration(
  overrides: Partial<Migration> = {},
): Migration {
  const now = new Date().toISOString();
  return {
    id: 'm-1',
    title: 'Test migration',
    status: 'running',
    sourceEnvironmentId: 'dc1',
    target: { provider: 'aws', region: 'eu-west-1' },
    entityRefs: ['resource:default/web-01'],
    owner: 'group:default/team-a',
    requestedBy: 'user:default/alice',
    options: {},
    gatedPhases: [],
    progress: 0,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** Bytes and media type of what `artifacts.put` is given, as the engine stores it. */
function encode(
  data: Buffer | string | JsonValue,
  mediaType?: string,
): { content: Buffer; mediaType: string } {
  if (Buffer.isBuffer(data)) {
    return {
      content: data,
      mediaType: mediaType ?? 'application/octet-stream',
    };
  }
  if (typeof data === 'string') {
    return {
      content: Buffer.from(data),
      mediaType: mediaType ?? 'text/plain; charset=utf-8',
    };
  }
  return {
    content: Buffer.from(JSON.stringify(data, null, 2)),
    mediaType: mediaType ?? 'application/json',
  };
}

/** Artifacts in a map, read and written like the engine's. */
function mockArtifacts(
  migrationId: string,
  initial: Record<string, JsonValue | Buffer | string>,
) {
  const artifacts = new Map<string, { content: Buffer; mediaType: string }>();
  for (const [name, data] of Object.entries(initial)) {
    artifacts.set(name, encode(data));
  }
  const summary = (name: string): ArtifactSummary => {
    const a = artifacts.get(name)!;
    return {
      migrationId,
      name,
      mediaType: a.mediaType,
      sha256: createHash('sha256').update(a.content).digest('hex'),
      size: a.content.length,
      createdAt: new Date().toISOString(),
    };
  };
  const access: TaskContext['artifacts'] = {
    async get(name: string) {
      return artifacts.get(name);
    },
    async getJson<T = JsonValue>(name: string) {
      const a = artifacts.get(name);
      return a ? (JSON.parse(a.content.toString('utf8')) as T) : undefined;
    },
    async list() {
      return [...artifacts.keys()].map(summary);
    },
    async put(name, data, putOptions) {
      artifacts.set(name, encode(data, putOptions?.mediaType));
      return summary(name);
    },
  };
  return { artifacts, access };
}

/** Checkpoints in a map: a stored value is returned instead of running `fn` again. */
function mockCheckpoint(
  checkpoints: Map<string, JsonValue | undefined>,
): TaskContext['checkpoint'] {
  return async function checkpoint<T extends JsonValue | void>({
    key,
    fn,
  }: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T> {
    if (checkpoints.has(key)) {
      return checkpoints.get(key) as T;
    }
    const value = await fn();
    checkpoints.set(
      key,
      value === undefined ? undefined : JSON.parse(JSON.stringify(value)),
    );
    return value;
  };
}

/** A stored journal: its base and the records after it. */
type MockJournal = { base?: JsonValue; records: JsonValue[] };

/** Journals in a map, written and read like the engine's (values copied through JSON). */
function mockJournal(journals: Map<string, MockJournal>): TaskJournal {
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  return {
    async read(name) {
      const journal = journals.get(name);
      return journal ? copy(journal) : undefined;
    },
    async reset(name, base) {
      journals.set(name, { base: copy(base), records: [] });
    },
    async append(name, records) {
      const journal = journals.get(name) ?? { records: [] };
      journal.records.push(...copy(records));
      journals.set(name, journal);
    },
  };
}

/**
 * An in-memory {@link TaskContext} (and {@link PlanContext}) for testing executors without the
 * engine: artifacts, checkpoints and progress are kept in maps you can inspect.
 *
 * @public
 */
export function createMockTaskContext(
  options: {
    migration?: Partial<Migration>;
    input?: JsonObject;
    attempt?: number;
    /** Artifacts that exist before the task runs (objects are stored as JSON). */
    artifacts?: Record<string, JsonValue | Buffer | string>;
    /** Checkpoints that exist before the task runs (a retry). */
    checkpoints?: Record<string, JsonValue>;
    /** Journals that exist before the task runs (`ctx.journal`), by name. */
    journals?: Record<string, { base?: JsonValue; records?: JsonValue[] }>;
    signal?: AbortSignal;
    logger?: LoggerService;
    compensates?: { taskId: string; output?: JsonObject };
  } = {},
) {
  const migration = createMockMigration(options.migration);
  const { artifacts, access } = mockArtifacts(
    migration.id,
    options.artifacts ?? {},
  );
  const checkpoints = new Map<string, JsonValue | undefined>(
    Object.entries(options.checkpoints ?? {}),
  );
  const journals = new Map<string, { base?: JsonValue; records: JsonValue[] }>(
    Object.entries(options.journals ?? {}).map(([name, j]) => [
      name,
      { base: j.base, records: [...(j.records ?? [])] },
    ]),
  );
  const progress: Array<{ fraction: number; message?: string }> = [];
  const ctx: TaskContext & PlanContext = {
    migration,
    task: {
      id: 'task-1',
      key: 'task-1',
      title: 'Task 1',
      input: options.input ?? {},
      attempt: options.attempt ?? 1,
      compensates: options.compensates,
    },
    signal: options.signal ?? new AbortController().signal,
    logger: options.logger ?? silentLogger,
    checkpoint: mockCheckpoint(checkpoints),
    async progress(fraction: number, message?: string) {
      progress.push({ fraction, message });
    },
    journal: mockJournal(journals),
    artifacts: access,
  };
  return {
    ctx,
    artifacts,
    checkpoints,
    journals,
    progress,
    readJson: access.getJson,
  };
}
