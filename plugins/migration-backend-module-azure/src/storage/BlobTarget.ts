import { createHash } from 'node:crypto';
import type { BlockBlobClient } from '@azure/storage-blob';
import { InputError } from '@backstage/errors';
import type {
  ManifestChunk,
  ManifestObject,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';
import { toAzureCallError } from '../access/armErrors';
import { blockIdOf, parseBlockId } from './blockIds';

/** Azure block blobs hold at most 50,000 committed blocks. */
const MAX_BLOCKS = 50_000;

/**
 * Options of {@link BlobTarget}.
 *
 * @public
 */
export interface BlobTargetOptions {
  client: BlockBlobClient;
  /** The object's location without credentials, e.g. `azblob://account/container/path`. */
  description: string;
}

/**
 * Writes an object to Azure Blob Storage as a block blob: one staged block per manifest chunk,
 * sent with the chunk's MD5 so the service rejects bytes damaged on the way (`Md5Mismatch`), and
 * named by a deterministic id (chunk index + SHA-256). A resumed transfer reads the uncommitted
 * block list once and does not send a chunk whose block is already staged; `complete` commits the
 * list; a chunk that reads back wrong is staged again and committed over the old one.
 *
 * @public
 */
export class BlobTarget implements TransferTarget {
  readonly rewritableAfterComplete = true;
  readonly description: string;
  /** The staged blocks by chunk index, listed once for all workers of a resumed object. */
  private staged?: Promise<
    Map<number, Array<{ sha256: string; size: number }>>
  >;

  constructor(private readonly options: BlobTargetOptions) {
    this.description = options.description;
  }

  async begin(object: ManifestObject) {
    if (object.chunks.length > MAX_BLOCKS) {
      throw new InputError(
        `${this.description}: ${object.chunks.length} chunks exceed the ${MAX_BLOCKS} blocks of an Azure block blob; raise the chunk size`,
      );
    }
  }

  async writeChunk(
    object: ManifestObject,
    chunk: ManifestChunk,
    data: Buffer,
    signal?: AbortSignal,
  ) {
    const md5 = createHash('md5').update(data).digest();
    await this.call(`stage block ${chunk.index}`, () =>
      this.options.client.stageBlock(blockIdOf(chunk), data, data.length, {
        transactionalContentMD5: md5,
        abortSignal: signal,
      }),
    );
    chunk.receipt = { checksum: md5.toString('base64') };
    // A repair after the object was committed: the new block replaces the old one on commit.
    if (object.completed) await this.commit(object, signal);
  }

  /** A staged (uncommitted) block of the chunk, from one `Get Block List` per resumed object. */
  async existingChunk(
    _object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
  ) {
    this.staged ??= this.uncommittedBlocks(signal);
    const found = (await this.staged)
      .get(chunk.index)
      ?.find(b => b.sha256 === chunk.sha256 && b.size === chunk.length);
    return found && { sha256: found.sha256 };
  }

  async complete(object: ManifestObject, signal?: AbortSignal) {
    await this.commit(object, signal);
  }

  async readBack(
    _object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
    into?: Buffer,
  ) {
    if (chunk.length === 0) return Buffer.alloc(0);
    const buffer =
      into && into.length >= chunk.length ? into : Buffer.alloc(chunk.length);
    await this.call(`read back chunk ${chunk.index}`, () =>
      this.options.client.downloadToBuffer(buffer, chunk.offset, chunk.length, {
        abortSignal: signal,
      }),
    );
    return buffer.subarray(0, chunk.length);
  }

  /** Deletes the blob with its snapshots; its uncommitted blocks go with it. */
  async discard(_object: ManifestObject, signal?: AbortSignal) {
    this.staged = undefined;
    await this.call('delete the blob', () =>
      this.options.client.deleteIfExists({
        deleteSnapshots: 'include',
        abortSignal: signal,
      }),
    );
  }

  private async commit(object: ManifestObject, signal?: AbortSignal) {
    await this.call('commit the block list', () =>
      this.options.client.commitBlockList(object.chunks.map(blockIdOf), {
        metadata: {
          sirsi_object_id: object.id,
          ...(object.sha256 ? { sirsi_sha256: object.sha256 } : {}),
        },
        abortSignal: signal,
      }),
    );
    this.staged = undefined;
  }

  private async uncommittedBlocks(signal?: AbortSignal) {
    const staged = new Map<number, Array<{ sha256: string; size: number }>>();
    let blocks: Array<{ name: string; size: number }> = [];
    try {
      const list = await this.options.client.getBlockList('uncommitted', {
        abortSignal: signal,
      });
      blocks = list.uncommittedBlocks ?? [];
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode !== 404) {
        throw toAzureCallError(error, this.context('list the staged blocks'));
      }
    }
    for (const block of blocks) {
      const parsed = parseBlockId(block.name);
      if (!parsed) continue;
      const list = staged.get(parsed.index) ?? [];
      list.push({ sha256: parsed.sha256, size: block.size });
      staged.set(parsed.index, list);
    }
    return staged;
  }

  private context(action: string) {
    return {
      service: 'Azure Blob Storage',
      action: `${action} of ${this.description}`,
      role: 'the Storage Blob Data Contributor role on the container',
    };
  }

  private async call<T>(action: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw toAzureCallError(error, this.context(action));
    }
  }
}
