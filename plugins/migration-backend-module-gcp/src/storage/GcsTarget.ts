import { CRC32C, type Storage } from '@google-cloud/storage';
import { ConflictError, CustomErrorBase, InputError } from '@backstage/errors';
import type {
  ManifestChunk,
  ManifestObject,
  RetrySettings,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';
import { callGoogle } from '../google/googleRetry';
import { googleErrorInfo } from '../google/googleErrors';
import { ChunkOrder } from './chunkOrder';
import { readRange } from './objectMedia';
import {
  cancelSession,
  putChunk,
  querySession,
  type SessionStatus,
  type SessionTransport,
} from './resumableSession';

/** Cloud Storage takes chunks in multiples of 256 KiB, except the last. */
export const GCS_CHUNK_ALIGNMENT = 256 * 1024;
/** Short writes (308 with less than was sent) are completed this many times per chunk. */
const SHORT_WRITES = 3;

/**
 * Options of {@link GcsTarget}.
 *
 * @public
 */
export interface GcsTargetOptions {
  /** A `@google-cloud/storage` client; its `authClient` carries the session's chunks too. */
  storage: Storage;
  bucket: string;
  key: string;
  retry: RetrySettings;
  contentType?: string;
}

/**
 * The upload session is gone or refused the object: every chunk has to be sent again.
 *
 * @public
 */
export class UploadRestartError extends CustomErrorBase {
  name = 'UploadRestartError' as const;
}

/**
 * Uploads an object to Cloud Storage as one resumable upload (JSON API), chunk by chunk in
 * offset order. The session URI, the CRC32C of the bytes sent so far and how far they reach live
 * in the manifest; a resumed transfer asks the session what it persisted (`bytes *\/*` → 308
 * `Range`) and sends only the rest. The final chunk carries the whole object's CRC32C, so Cloud
 * Storage refuses an object whose bytes differ from the source's; `complete` compares the
 * object's CRC32C again. The JSON API checks hashes only when the upload is finalised (and MD5
 * cannot be carried across a resumed upload), so a refused object restarts from its first chunk.
 *
 * @public
 */
export class GcsTarget implements TransferTarget {
  readonly rewritableAfterComplete = false;
  readonly minChunkSize = GCS_CHUNK_ALIGNMENT;
  private readonly order = new ChunkOrder();
  /** What this process knows the session persisted; unknown after a failure or restart. */
  private known?: { uri: string; status: SessionStatus };
  /** Why the upload had to start over, for the chunks that come after. */
  private restartReason?: string;

  constructor(private readonly options: GcsTargetOptions) {}

  get description() {
    return `gs://${this.options.bucket}/${this.options.key}`;
  }

  private get file() {
    return this.options.storage
      .bucket(this.options.bucket)
      .file(this.options.key);
  }

  private get transport() {
    return this.options.storage.authClient as unknown as SessionTransport;
  }

  private call<T>(what: string, fn: () => Promise<T>, signal?: AbortSignal) {
    return callGoogle(`Cloud Storage: ${what} ${this.description}`, fn, {
      retry: this.options.retry,
      signal,
    });
  }

  async begin(object: ManifestObject, signal?: AbortSignal) {
    const state = object.target.state;
    if (object.completed || state.sessionUri) return;
    if (object.chunks.length > 1 && object.chunkSize % GCS_CHUNK_ALIGNMENT) {
      throw new InputError(
        `chunkSize ${object.chunkSize} of ${this.description} must be a multiple of ${GCS_CHUNK_ALIGNMENT} bytes (256 KiB) for Cloud Storage resumable uploads`,
      );
    }
    for (const chunk of object.chunks) {
      chunk.done = false;
      chunk.receipt = undefined;
    }
    const [uri] = await this.call(
      'start a resumable upload to',
      () =>
        this.file.createResumableUpload({
          metadata: {
            contentLength: object.size,
            contentType: this.options.contentType ?? 'application/octet-stream',
            metadata: { 'sirsi-object-id': object.id },
          },
        }),
      signal,
    );
    object.target.state = {
      sessionUri: uri,
      crc32c: new CRC32C().toString(),
      through: '0',
    };
    this.known = { uri, status: { persisted: 0 } };
  }

  async writeChunk(
    object: ManifestObject,
    chunk: ManifestChunk,
    data: Buffer,
    signal?: AbortSignal,
  ) {
    await this.order.wait(
      () =>
        !object.target.state.sessionUri ||
        Number(object.target.state.through) >= chunk.offset,
      signal,
    );
    const state = object.target.state;
    if (!state.sessionUri) {
      throw new UploadRestartError(
        `${this.description} has no upload session (${
          this.restartReason ?? 'it was refused or expired'
        }); the object is sent again from its first chunk on the next run`,
      );
    }
    const end = chunk.offset + chunk.length;
    if (Number(state.through) >= end && chunk.length > 0) return;
    const crc = CRC32C.from(state.crc32c!);
    crc.update(data);
    const final = end === object.size;
    const status = await this.send(object, state.sessionUri, {
      data,
      start: chunk.offset,
      crc32c: final ? crc.toString() : undefined,
      signal,
    });
    object.target.state = {
      ...state,
      crc32c: crc.toString(),
      through: String(end),
      generation: status.object?.generation,
    };
    this.order.advance();
  }

  /** Sends what the session does not hold of `[start, start + data.length)`. */
  private async send(
    object: ManifestObject,
    uri: string,
    args: {
      data: Buffer;
      start: number;
      crc32c?: string;
      signal?: AbortSignal;
    },
  ): Promise<SessionStatus> {
    const { data, start, signal } = args;
    const end = start + data.length;
    try {
      return await this.call(
        `upload bytes ${start}-${end - 1} of`,
        async () => {
          try {
            const status = await this.sendOnce(object, uri, args);
            this.known = { uri, status };
            return status;
          } catch (error) {
            this.known = undefined;
            throw this.lost(error) ?? error;
          }
        },
        signal,
      );
    } catch (error) {
      if (error instanceof UploadRestartError) {
        this.restartReason = error.message;
        this.forget(object);
      }
      throw error;
    }
  }

  private async sendOnce(
    object: ManifestObject,
    uri: string,
    args: {
      data: Buffer;
      start: number;
      crc32c?: string;
      signal?: AbortSignal;
    },
  ) {
    const { data, start, signal } = args;
    const end = start + data.length;
    let status =
      this.known?.uri === uri
        ? this.known.status
        : await querySession(this.transport, uri, signal);
    // The final chunk is sent until the object exists, also when it is empty (`bytes */0`).
    const final = args.crc32c !== undefined;
    for (
      let put = 0;
      !status.object && (status.persisted < end || final);
      put++
    ) {
      if (status.persisted < start || put >= SHORT_WRITES) {
        throw new UploadRestartError(
          `the upload session of ${this.description} holds ${status.persisted} bytes where ${end} were sent; the object is sent again from its first chunk`,
        );
      }
      status = await putChunk(
        this.transport,
        uri,
        {
          data: data.subarray(status.persisted - start),
          start: status.persisted,
          total: object.size,
          crc32c: args.crc32c,
        },
        signal,
      );
    }
    return status;
  }

  /**
   * A session that is gone (404/410) or refused the object's checksum (400 on the final chunk)
   * cannot take the object any more.
   */
  private lost(error: unknown): UploadRestartError | undefined {
    if (error instanceof UploadRestartError) return error;
    const info = googleErrorInfo(error);
    const gone = info.status === 404 || info.status === 410;
    if (!gone && !(info.status === 400 && /CRC32C|MD5/i.test(info.message)))
      return undefined;
    return new UploadRestartError(
      `Cloud Storage ${
        gone ? 'no longer has the upload session of' : 'refused'
      } ${this.description} (${
        info.message
      }); the object is sent again from its first chunk`,
    );
  }

  /** The manifest forgets the upload, so every chunk is sent again in a new session. */
  private forget(object: ManifestObject) {
    object.target.state = {};
    for (const chunk of object.chunks) {
      chunk.done = false;
      chunk.receipt = undefined;
    }
    this.known = undefined;
    this.order.advance();
  }

  async complete(object: ManifestObject, signal?: AbortSignal) {
    const state = object.target.state;
    if (!state.generation && state.sessionUri) {
      // The final chunk's answer was lost before the manifest recorded it: ask the session.
      const status = await this.call(
        'ask for the upload of',
        () => querySession(this.transport, state.sessionUri!, signal),
        signal,
      );
      if (!status.object) {
        throw new ConflictError(
          `the upload of ${this.description} is not complete: the session holds ${status.persisted} of ${object.size} bytes`,
        );
      }
      state.generation = status.object.generation;
    }
    const [metadata] = await this.call(
      'read the object',
      () => this.file.getMetadata(),
      signal,
    );
    if (
      Number(metadata.size) !== object.size ||
      metadata.crc32c !== state.crc32c
    ) {
      throw new ConflictError(
        `${this.description} holds ${metadata.size} bytes with CRC32C ${metadata.crc32c}; the source has ${object.size} bytes with CRC32C ${state.crc32c}`,
      );
    }
  }

  async readBack(
    object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
  ) {
    if (chunk.length === 0) return Buffer.alloc(0);
    const end = chunk.offset + chunk.length - 1;
    return this.call(
      `read bytes ${chunk.offset}-${end} of`,
      () =>
        readRange(
          this.transport,
          {
            apiEndpoint: this.options.storage.apiEndpoint,
            bucket: this.options.bucket,
            key: this.options.key,
            generation: object.target.state.generation,
            start: chunk.offset,
            end,
          },
          signal,
        ),
      signal,
    );
  }

  async discard(object: ManifestObject, signal?: AbortSignal) {
    const { sessionUri, generation } = object.target.state;
    object.target.state = {};
    this.known = undefined;
    if (generation) {
      // Only the generation this upload made: a newer object under the key is someone else's.
      await this.call(
        'delete',
        () =>
          this.file.delete({
            ignoreNotFound: true,
            ifGenerationMatch: generation,
          }),
        signal,
      ).catch(error => {
        if ((error as Error).name !== 'ConflictError') throw error;
      });
    } else if (sessionUri) {
      await this.call(
        'cancel the upload session of',
        () => cancelSession(this.transport, sessionUri, signal),
        signal,
      );
    }
  }
}
