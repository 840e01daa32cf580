import {
  MIGRATION_ARTIFACTS,
  type ImageCopyResult,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { amendTransferReport } from './transferReport';

/** What the transfer report says about the image copies. */
function imageCopyStatement(
  migration: Migration,
  copies: ImageCopyResult[],
): string {
  if (!migration.options.rehearsal) {
    return `${copies.length} AMI(s) were created and copied to ${migration.target.region}.`;
  }
  const count = (state: string) => copies.filter(c => c.state === state).length;
  return `Rehearsal: ${count('permitted')} of ${
    copies.length
  } AMI copy(ies) proved permitted with DryRun (${count(
    'denied',
  )} denied); a real run creates the images and copies them to ${
    migration.target.region
  }.`;
}

/** Gathers the image copies into `transfer.json`, with what the DNS cutover does. */
export async function reportImageCopiesAndDns(
  ctx: TaskContext,
  dnsStatement: string,
) {
  const copies =
    (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.imageCopies)) ?? [];
  await amendTransferReport(ctx, report => {
    report.imageCopies = copies;
    const statements = [
      ...(copies.length ? [imageCopyStatement(ctx.migration, copies)] : []),
      dnsStatement,
    ];
    for (const statement of statements) {
      if (!report.statements.includes(statement)) {
        report.statements.push(statement);
      }
    }
  });
}
