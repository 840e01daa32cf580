import { InputError } from '@backstage/errors';
import type { ReplicationJob } from '@sirsi-nexus/plugin-migration-node';

/**
 * What a job holds for one server: the serialized poller of the long-running operation it
 * started (restored to poll the same operation after a restart), or how it found the server.
 */
export type JobEntry =
  /** The operation it started: `poller.toString()` of the SDK's poller. */
  | { server: string; op: string }
  /** The operation was already under way (a repeated start): followed on the item's state. */
  | { server: string; watch: true }
  /** Nothing to do: the server already was where the job takes it. */
  | { server: string; done: true }
  /** The service failed the operation as it started; its message. */
  | { server: string; failed: string };

const PREFIX = 'asr1.';

/** A job whose id carries its entries, so any backend replica can poll it after a restart. */
export function encodeJob(
  kind: ReplicationJob['kind'],
  entries: JobEntry[],
): ReplicationJob {
  return {
    id: `${PREFIX}${Buffer.from(JSON.stringify(entries)).toString(
      'base64url',
    )}`,
    kind,
    serverIds: entries.map(e => e.server),
  };
}

/** The entries of a job made by {@link encodeJob}. */
export function decodeJob(job: ReplicationJob): JobEntry[] {
  if (!job.id.startsWith(PREFIX)) {
    throw new InputError(
      `job.id "${job.id.slice(
        0,
        40,
      )}" was not made by the Azure Migrate replicator`,
    );
  }
  try {
    const entries = JSON.parse(
      Buffer.from(job.id.slice(PREFIX.length), 'base64url').toString('utf8'),
    );
    if (!Array.isArray(entries)) throw new Error('not a list');
    return entries as JobEntry[];
  } catch (error) {
    throw new InputError(
      `job.id of the ${job.kind} job cannot be read: ${
        (error as Error).message
      }`,
    );
  }
}

const LRO_FAILED = /^The long-running operation has failed\.?\s*/;

/**
 * The service's words from the error of a failed long-running operation. The SDK words it
 * `The long-running operation has failed. <code>. <message>`; this returns `<code>: <message>`.
 */
export function operationFailure(error: Error): string {
  const text = error.message.replace(LRO_FAILED, '');
  const coded = /^([A-Za-z0-9_]+)\.\s+([\s\S]+)$/.exec(text);
  return coded ? `${coded[1]}: ${coded[2]}` : text;
}

/** Whether an error is the SDK's report of a failed (or canceled) operation, not a failed request. */
export function isOperationFailure(error: unknown): error is Error {
  const e = error as Error;
  return (
    e instanceof Error &&
    e.name !== 'RestError' &&
    e.name !== 'AbortError' &&
    (LRO_FAILED.test(e.message) || e.message === 'Operation was canceled')
  );
}
