import fs from 'node:fs/promises';
import { chunkBuffer } from '../manifest';
import type { TransferSource } from '@sirsi-nexus/plugin-migration-node';

/**
 * Reads a local file with positional reads, so chunks can be read concurrently and out of order.
 * The path must already be vetted (see `resolveTransferSource`).
 *
 * @public
 */
export class FileSource implements TransferSource {
  private handle?: Promise<fs.FileHandle>;

  constructor(private readonly file: string) {}

  get description() {
    return `file://${this.file}`;
  }

  private open() {
    this.handle ??= fs.open(this.file, 'r');
    return this.handle;
  }

  async stat() {
    const stats = await (await this.open()).stat();
    if (!stats.isFile()) {
      throw new Error(`${this.file} is not a regular file`);
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
    if (handle) await (await handle).close();
  }
}
