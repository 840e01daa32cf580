import {
  MIGRATION_ARTIFACTS,
  type TransferReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';

/** Reads `transfer.json`, lets `change` amend it, and stores it again; nothing when there is none. */
export async function amendTransferReport(
  ctx: TaskContext,
  change: (report: TransferReport) => boolean | void,
): Promise<void> {
  const report = await readArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.transfer,
  );
  if (report && change(report) !== false) {
    await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.transfer, report);
  }
}
