import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type {
  ManifestProgress,
  ManifestStore,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import { applyManifestProgress } from './manifestProgress';

/** The manifest as the file keeps it: with the token its progress lines carry. */
type StoredManifest = TransferManifest & { progressToken?: string };

/**
 * Keeps the manifest in a JSON file, replaced atomically (write to a temporary file, rename) so a
 * crash leaves either the old or the new manifest, never a torn one, and its progress records as
 * lines appended to `<file>.progress`. Each line carries the token of the manifest it follows, so
 * lines written before the last save never apply; a line torn by a crash is skipped.
 * `durable: true` also fsyncs every write.
 *
 * @public
 */
export class FileManifestStore implements ManifestStore {
  /** The token of the manifest this store saved or read last. */
  private token?: string;

  constructor(
    private readonly file: string,
    private readonly options: { durable?: boolean } = {},
  ) {}

  private get progressFile() {
    return `${this.file}.progress`;
  }

  private async stored(): Promise<StoredManifest | undefined> {
    const text = await readIfExists(this.file);
    const parsed = text ? (JSON.parse(text) as StoredManifest) : undefined;
    return parsed?.version === 1 ? parsed : undefined;
  }

  async load(): Promise<TransferManifest | undefined> {
    const stored = await this.stored();
    if (!stored) return undefined;
    const { progressToken, ...manifest } = stored;
    this.token = progressToken;
    const records: ManifestProgress[] = [];
    for (const line of ((await readIfExists(this.progressFile)) ?? '').split(
      '\n',
    )) {
      try {
        const entry = JSON.parse(line);
        if (progressToken && entry.token === progressToken) {
          records.push(...(entry.records as ManifestProgress[]));
        }
      } catch {
        // empty, or torn by a crash while it was appended
      }
    }
    return applyManifestProgress(manifest, records);
  }

  async save(manifest: TransferManifest): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const stored: StoredManifest = {
      ...manifest,
      progressToken: randomBytes(8).toString('hex'),
    };
    const temporary = `${this.file}.${process.pid}.tmp`;
    await this.write(temporary, 'w', JSON.stringify(stored));
    await fs.rename(temporary, this.file);
    this.token = stored.progressToken;
    // Lines of the previous manifest no longer apply; dropping them only saves space.
    await fs.rm(this.progressFile, { force: true });
  }

  async saveProgress(records: ManifestProgress[]): Promise<void> {
    this.token ??= (await this.stored())?.progressToken;
    if (!this.token) {
      throw new Error(`${this.file}: no manifest to record progress after`);
    }
    await this.write(
      this.progressFile,
      'a',
      `${JSON.stringify({ token: this.token, records })}\n`,
    );
  }

  private async write(file: string, flags: 'w' | 'a', text: string) {
    const handle = await fs.open(file, flags);
    try {
      await handle.writeFile(text);
      if (this.options.durable) await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

async function readIfExists(file: string) {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Keeps the manifest and its progress records in memory; for tests and one-shot transfers.
 *
 * @public
 */
export class MemoryManifestStore implements ManifestStore {
  private value?: string;
  private records: string[] = [];

  async load() {
    if (!this.value) return undefined;
    return applyManifestProgress(
      JSON.parse(this.value) as TransferManifest,
      this.records.flatMap(r => JSON.parse(r) as ManifestProgress[]),
    );
  }

  async save(manifest: TransferManifest) {
    this.value = JSON.stringify(manifest);
    this.records = [];
  }

  async saveProgress(records: ManifestProgress[]) {
    this.records.push(JSON.stringify(records));
  }
}
