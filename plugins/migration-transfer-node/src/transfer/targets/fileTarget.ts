import fs from 'node:fs/promises';
import { constants, readFileSync } from 'node:fs';
import path from 'node:path';
import { chunkBuffer, chunkSha256 } from '../manifest';
import type {
  ManifestChunk,
  ManifestObject,
} from '@sirsi-nexus/plugin-migration-node';
import type { TransferTarget } from '@sirsi-nexus/plugin-migration-node';

/** This boot of the machine (Linux); undefined where the system does not say. */
function bootId(): string | undefined {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return undefined;
  }
}

/**
 * Drops the verified marks of an object written in another boot (or where the boot is unknown):
 * a machine crash can have lost what was read back from the cache and recorded as verified.
 */
function forgetVerifiedAfterReboot(object: ManifestObject) {
  const boot = bootId();
  const state = object.target.state;
  if (boot && state.bootId === boot) return;
  if (!boot || state.bootId !== undefined) {
    for (const chunk of object.chunks) chunk.verified = false;
  }
  state.bootId = boot;
}

/**
 * Writes an object to a local file. Chunks go into `<file>.partial` with positional writes (so
 * they can land out of order and a resumed transfer keeps what is there); `complete` renames it
 * into place. The path must already be vetted (see `resolveSafeChildPath`).
 *
 * Written data survives a crash of the process (it is in the operating system's cache). With
 * `durable: true` every checkpoint and the completion also survive a crash of the machine (each
 * checkpoint waits for `fdatasync`), at the cost of running at the disk's sustained write speed.
 * Without it, a machine crash can lose chunks a checkpoint recorded; the verification pass reads
 * them back, finds the mismatch and sends them again. Chunks are read back as soon as they are
 * written (`readableBeforeComplete`), from the operating system's cache: so the object records the
 * boot it was written in (`state.bootId`, Linux), and a run after a reboot reads every chunk of an
 * unfinished or unverified object back again, whatever the checkpoint recorded as verified.
 *
 * @public
 */
export class FileTarget implements TransferTarget {
  readonly rewritableAfterComplete = true;
  /** `complete` only renames the file: a chunk read back before it is what the file will hold. */
  readonly readableBeforeComplete = true;
  private handle?: Promise<fs.FileHandle>;
  private handlePath?: string;

  constructor(
    private readonly file: string,
    private readonly options: { durable?: boolean } = {},
  ) {}

  get description() {
    return `file://${this.file}`;
  }

  private get partial() {
    return `${this.file}.partial`;
  }

  /** Opens (once) the file the object's chunks live in: the partial file until completion. */
  private open(object: ManifestObject) {
    const wanted = object.completed ? this.file : this.partial;
    if (this.handle && this.handlePath === wanted) return this.handle;
    const previous = this.handle;
    this.handlePath = wanted;
    this.handle = (async () => {
      if (previous) await (await previous).close().catch(() => undefined);
      return fs.open(wanted, constants.O_RDWR | constants.O_CREAT);
    })();
    return this.handle;
  }

  private async closeHandle() {
    const handle = this.handle;
    this.handle = undefined;
    this.handlePath = undefined;
    if (handle) await (await handle).close().catch(() => undefined);
  }

  async begin(object: ManifestObject) {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    if (!this.options.durable) forgetVerifiedAfterReboot(object);
    if (object.completed) return;
    const handle = await this.open(object);
    const { size } = await handle.stat();
    if (size !== object.size) await handle.truncate(object.size);
  }

  async writeChunk(object: ManifestObject, chunk: ManifestChunk, data: Buffer) {
    const handle = await this.open(object);
    let written = 0;
    while (written < data.length) {
      const { bytesWritten } = await handle.write(
        data,
        written,
        data.length - written,
        chunk.offset + written,
      );
      written += bytesWritten;
    }
  }

  async flush(object: ManifestObject) {
    if (!this.options.durable) return;
    await (await this.open(object)).datasync();
  }

  async complete(object: ManifestObject) {
    if (object.completed) return;
    const handle = await this.open(object);
    if (this.options.durable) await handle.sync();
    await this.closeHandle();
    await fs.rename(this.partial, this.file);
  }

  async existingChunk(object: ManifestObject, chunk: ManifestChunk) {
    const data = await this.readBack(object, chunk);
    if (data.length !== chunk.length) return undefined;
    return { sha256: chunkSha256(data) };
  }

  async readBack(
    object: ManifestObject,
    chunk: ManifestChunk,
    _signal?: AbortSignal,
    into?: Buffer,
  ) {
    const handle = await this.open(object);
    const buffer = chunkBuffer(chunk.length, into);
    let filled = 0;
    while (filled < chunk.length) {
      const { bytesRead } = await handle.read(
        buffer,
        filled,
        chunk.length - filled,
        chunk.offset + filled,
      );
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === chunk.length ? buffer : buffer.subarray(0, filled);
  }

  async discard() {
    await this.closeHandle();
    await fs.rm(this.partial, { force: true });
    await fs.rm(this.file, { force: true });
  }

  async close() {
    await this.closeHandle();
  }
}
