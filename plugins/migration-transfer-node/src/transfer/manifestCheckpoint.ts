import type {
  ManifestObject,
  ManifestStore,
  TransferItem,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Saves the transfer manifest, one save at a time: a save requested while one runs is folded into
 * one more round after it, so the stored manifest is never older than the last request.
 */
export class ManifestCheckpoint {
  private saving?: Promise<void>;
  private saveAgain = false;

  constructor(
    private readonly store: ManifestStore,
    private readonly manifest: () => TransferManifest,
  ) {}

  /**
   * Checkpoints the manifest. The snapshot is taken before the target is flushed, so every chunk
   * it records as done was written before the flush and is durable when the manifest is.
   */
  save(item?: TransferItem, object?: ManifestObject): Promise<void> {
    if (this.saving) {
      this.saveAgain = true;
      return this.saving;
    }
    this.saving = (async () => {
      try {
        do {
          this.saveAgain = false;
          const manifest = this.manifest();
          manifest.updatedAt = new Date().toISOString();
          const snapshot = JSON.parse(
            JSON.stringify(manifest),
          ) as TransferManifest;
          if (item && object) await item.target.flush?.(object);
          await this.store.save(snapshot);
        } while (this.saveAgain);
      } finally {
        this.saving = undefined;
      }
    })();
    return this.saving;
  }
}
