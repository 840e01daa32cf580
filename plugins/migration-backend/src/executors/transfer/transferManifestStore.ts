import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  writeArtifact,
  type ManifestProgress,
  type ManifestStore,
  type TaskContext,
  type TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import { applyManifestProgress } from '@sirsi-nexus/plugin-migration-transfer-node';
import { asJson } from '../json';

/** The journal (`ctx.journal`) the data mover's checkpoints live in. */
export const TRANSFER_JOURNAL = 'transfer-manifest';

/**
 * The data mover's checkpoint of a migration. The manifest is the journal's base and the chunk
 * progress is appended after it as small records, with no audit event per write; every whole
 * save (a run starting or stopping, progress grown as large as the manifest) also stores the
 * manifest as the `transfer-manifest.json` artifact, which the portal shows and a rollback reads.
 * A transfer checkpointed before the journal existed resumes from that artifact.
 */
export class TransferManifestStore implements ManifestStore {
  constructor(private readonly ctx: TaskContext) {}

  async load(): Promise<TransferManifest | undefined> {
    const journal = await this.ctx.journal.read(TRANSFER_JOURNAL);
    const base =
      (journal?.base as TransferManifest | undefined) ??
      ((await readArtifact(
        this.ctx.artifacts,
        MIGRATION_ARTIFACTS.transferManifest,
      )) as TransferManifest | undefined);
    if (base?.version !== 1) return undefined;
    return applyManifestProgress(
      base,
      (journal?.records ?? []) as unknown as ManifestProgress[],
    );
  }

  async save(manifest: TransferManifest): Promise<void> {
    const json = asJson(manifest);
    await this.ctx.journal.reset(TRANSFER_JOURNAL, json);
    await writeArtifact(
      this.ctx.artifacts,
      MIGRATION_ARTIFACTS.transferManifest,
      json,
    );
  }

  async saveProgress(progress: ManifestProgress[]): Promise<void> {
    await this.ctx.journal.append(
      TRANSFER_JOURNAL,
      progress.map(record => asJson(record)),
    );
  }
}

/** The migration's transfer manifest with the progress recorded after it (for rollback, reports). */
export function readTransferManifest(ctx: TaskContext) {
  return new TransferManifestStore(ctx).load();
}
