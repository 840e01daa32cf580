import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject, JsonValue } from '@backstage/types';
import type {
  ArtifactSummary,
  Migration,
  MigrationPhase,
} from '@sirsi-nexus/plugin-migration-common';

/**
 * A task an executor asks the engine to run, produced when its phase opens.
 *
 * @public
 */
export interface TaskSpec {
  /** Unique within the migration; other tasks name it in `dependsOn`. */
  key: string;
  title: string;
  /** Keys of tasks in the same phase that must succeed first. */
  dependsOn?: string[];
  /** Input handed to `run` as `ctx.task.input`. */
  input?: JsonObject;
}

/**
 * Read access to the artifacts a migration has stored so far.
 *
 * @public
 */
export interface ArtifactReader {
  get(
    name: string,
  ): Promise<{ content: Buffer; mediaType: string } | undefined>;
  /** Parses a JSON artifact; undefined when it does not exist. */
  getJson<T = JsonValue>(name: string): Promise<T | undefined>;
  list(): Promise<ArtifactSummary[]>;
}

/**
 * What an executor sees when its phase opens and it plans its tasks.
 *
 * @public
 */
export interface PlanContext {
  migration: Migration;
  artifacts: ArtifactReader;
  logger: LoggerService;
}

/**
 * Small records a task writes often — how far a long transfer got — kept apart from artifacts:
 * no audit event and no signal per write. Each name holds a base value and the records appended
 * after it. Names belong to the migration, so a retried task, a resumed one on another replica,
 * or its compensation reads what an earlier attempt wrote. Writes hold the task's lease, like
 * every other write of the task context.
 *
 * @public
 */
export interface TaskJournal {
  /** The base and the records appended after it, oldest first; undefined when none was written. */
  read(
    name: string,
  ): Promise<{ base?: JsonValue; records: JsonValue[] } | undefined>;
  /** Replaces what `name` holds with `base`, dropping the records appended before it. */
  reset(name: string, base: JsonValue): Promise<void>;
  /** Appends records after the base, in one write. */
  append(name: string, records: JsonValue[]): Promise<void>;
}

/**
 * What an executor sees while it runs a task.
 *
 * @public
 */
export interface TaskContext {
  migration: Migration;
  task: {
    id: string;
    key: string;
    title: string;
    input: JsonObject;
    /** 1 on the first attempt. */
    attempt: number;
    /**
     * Set while `compensate` runs during a rollback: the task being undone (its `input` is the
     * task's input) and the output it returned.
     */
    compensates?: { taskId: string; output?: JsonObject };
  };
  /** Fires when the task is cancelled or its lease is lost; stop and throw. */
  signal: AbortSignal;
  logger: LoggerService;
  /**
   * Runs `fn` once per task and key: its result is persisted, and a retry or a resumed task gets
   * the stored value back instead of running `fn` again. Wrap every side effect in one.
   */
  checkpoint<T extends JsonValue | void>(options: {
    key: string;
    fn: () => Promise<T> | T;
  }): Promise<T>;
  /** Reports progress 0–1 with an optional message; throttled by the engine. */
  progress(fraction: number, message?: string): Promise<void>;
  /**
   * The migration's journals: frequent small checkpoints (the data mover's chunk progress) that
   * would flood the audit trail as artifacts. Store what people read as artifacts.
   */
  journal: TaskJournal;
  artifacts: ArtifactReader & {
    /** Stores (or replaces) an artifact of this migration. Objects are stored as JSON. */
    put(
      name: string,
      data: Buffer | string | JsonValue,
      options?: { mediaType?: string },
    ): Promise<ArtifactSummary>;
  };
}

/**
 * Does the work of one task type in one phase.
 *
 * @public
 */
export interface MigrationExecutor {
  phase: MigrationPhase;
  /** Unique id, conventionally `<phase>.<what>`; a later registration of the same type replaces an earlier one. */
  taskType: string;
  /** Attempts before the task fails for good (default from `migration.engine.retry.maxAttempts`). */
  maxAttempts?: number;
  /** The tasks to run for this migration; an empty list means the executor does not apply. */
  plan(ctx: PlanContext): Promise<TaskSpec[]> | TaskSpec[];
  /** Runs one task. The returned object is stored as the task's output. */
  run(ctx: TaskContext): Promise<JsonObject | void>;
  /** Undoes a succeeded task during rollback. */
  compensate?(ctx: TaskContext): Promise<JsonObject | void>;
}
