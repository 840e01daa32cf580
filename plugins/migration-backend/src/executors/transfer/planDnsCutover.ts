import {
  MIGRATION_ARTIFACTS,
  type DnsCutoverPlan,
  type ImageCopyResult,
  type Migration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  readMigrationResources,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import { buildDnsCutoverPlan } from '@sirsi-nexus/plugin-migration-transfer-node';
import { buildEndpoints } from '../build/buildReport';
import { attribute, displayName } from './resourceAttributes';
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

/**
 * `transfer.dns-cutover`: the DNS records the resources name (tag `dns-name`) with their current
 * and target values, as a plan operators follow (`dns-cutover.json`); the transfer report then
 * gathers the image copies and says what the cutover does.
 */
export async function planDnsCutover(ctx: TaskContext) {
  const resources = await readMigrationResources(ctx.artifacts, {
    optional: true,
  });
  const targets = await buildEndpoints(ctx.artifacts);
  const records = resources.flatMap(r => {
    const names = (attribute(r, 'dns-name', 'dns', 'fqdn') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean);
    const target = targets.find(t => t.name === displayName(r));
    const ttl = Number(attribute(r, 'dns-ttl') ?? NaN);
    return names.map(name => ({
      name,
      currentValues: r.resource?.specs.ipAddresses ?? [],
      targetValues: target ? [target.host] : undefined,
      ttl: Number.isFinite(ttl) ? ttl : undefined,
    }));
  });
  const window = ctx.migration.options.maintenanceWindows?.[0]?.split('/')[0];
  const plan: DnsCutoverPlan = buildDnsCutoverPlan({
    records,
    cutoverAt: window,
  });
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.dnsCutover, plan);

  const copies =
    (await readArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.imageCopies)) ?? [];
  await amendTransferReport(ctx, report => {
    report.imageCopies = copies;
    if (copies.length) {
      report.statements.push(imageCopyStatement(ctx.migration, copies));
    }
    report.statements.push(
      records.length
        ? `The DNS cutover plan covers ${records.length} record(s); no DNS record is changed by the platform — operators follow ${MIGRATION_ARTIFACTS.dnsCutover.name} (lower TTL, switch, revert).`
        : 'No resource names a DNS record (tag `dns-name`), so the DNS cutover plan is empty.',
    );
  });
  return { records: records.length };
}
