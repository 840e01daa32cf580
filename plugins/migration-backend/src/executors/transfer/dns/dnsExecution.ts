import {
  MIGRATION_ARTIFACTS,
  type DnsCutoverExecution,
  type DnsRecordExecution,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readArtifact,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';

/** What `transfer.dns-cutover` stored: the records as they were and what was done since. */
export async function readDnsExecution(
  ctx: Pick<TaskContext, 'artifacts'>,
): Promise<DnsCutoverExecution | undefined> {
  return (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.dnsCutover))
    ?.execution;
}

/**
 * Changes what `dns-cutover.json` says was done and stores it. The DNS tasks run one after the
 * other, so nothing else writes it meanwhile.
 */
export async function updateDnsExecution(
  ctx: TaskContext,
  change: (execution: DnsCutoverExecution) => void,
  statement?: string,
): Promise<DnsCutoverExecution> {
  const artifact = await readArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.dnsCutover,
  );
  if (!artifact?.execution) {
    throw new PermanentTaskError(
      `${MIGRATION_ARTIFACTS.dnsCutover.name} holds no recorded DNS records; the transfer.dns-cutover task must run first`,
    );
  }
  change(artifact.execution);
  if (statement && !artifact.execution.statements.includes(statement)) {
    artifact.execution.statements.push(statement);
  }
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.dnsCutover, artifact);
  return artifact.execution;
}

/** The records of each zone, in the order the zones first appear. */
export function byZone(
  records: DnsRecordExecution[],
): Map<string, DnsRecordExecution[]> {
  const zones = new Map<string, DnsRecordExecution[]>();
  for (const record of records) {
    if (!record.zone) continue;
    zones.set(record.zone, [...(zones.get(record.zone) ?? []), record]);
  }
  return zones;
}

/** `name type` of records, for messages. */
export const recordNames = (records: DnsRecordExecution[]) =>
  records.map(r => `${r.name} ${r.type}`).join(', ');
