import fs from 'node:fs/promises';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { chunkBuffer } from '../manifest';
import type { TransferSource } from '@sirsi-nexus/plugin-migration-node';

/**
 * Reads a local file with positional reads, so chunks can be read concurrently and out of order.
 * The path must already be vetted (see `resolveTransferSource`). A file that does not exist or
 * cannot be read fails for good (NotFoundError, NotAllowedError), naming the path and the
 * configured source roots: another attempt cannot fix it.
 *
 * @public
 */
export class FileSource implements TransferSource {
  private handle?: Promise<fs.FileHandle>;

  constructor(
    private readonly file: string,
    private readonly options: {
      /** The configured source roots (`migration.transfer.allowedSourceRoots`), for messages. */
      roots?: string[];
    } = {},
  ) {}

  get description() {
    return `file://${this.file}`;
  }

  private open() {
    this.handle ??= fs.open(this.file, 'r').catch(error => {
      this.handle = undefined;
      throw this.classify(error);
    });
    return this.handle;
  }

  /** Turns "not found" and "permission denied" into errors no retry can fix. */
  private classify(error: NodeJS.ErrnoException): Error {
    const roots = this.options.roots;
    const where = roots
      ? ` (source roots: ${roots.join(', ') || 'none configured'})`
      : '';
    switch (error.code) {
      case 'ENOENT':
      case 'ENOTDIR':
        return new NotFoundError(
          `Source file ${this.file} does not exist${where}`,
        );
      case 'EACCES':
      case 'EPERM':
        return new NotAllowedError(
          `Source file ${this.file} cannot be read: permission denied${where}`,
        );
      case 'EISDIR':
        return new InputError(
          `Source ${this.file} is a directory, not a file${where}`,
        );
      default:
        return error;
    }
  }

  async stat() {
    const stats = await (await this.open()).stat();
    if (!stats.isFile()) {
      throw new InputError(
        `Source ${this.file} is not a regular file${
          this.options.roots
            ? ` (source roots: ${this.options.roots.join(', ')})`
            : ''
        }`,
      );
    }
    return { size: stats.size, version: `${stats.size}:${stats.mtimeMs}` };
  }

  async read(
    offset: number,
    length: number,
    signal?: AbortSignal,
    into?: Buffer,
  ) {
    signal?.throwIfAborted();
    const handle = await this.open();
    const buffer = chunkBuffer(length, into);
    let filled = 0;
    while (filled < length) {
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        length - filled,
        offset + filled,
      );
      if (bytesRead === 0) {
        throw new Error(
          `${this.file} ended at ${offset + filled} bytes, expected ${
            offset + length
          }; the file changed during the transfer`,
        );
      }
      filled += bytesRead;
    }
    return buffer;
  }

  async close() {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await handle.then(h => h.close()).catch(() => undefined);
  }
}
