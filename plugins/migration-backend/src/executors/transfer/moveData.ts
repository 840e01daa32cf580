import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import {
  MIGRATION_ARTIFACTS,
  type TransferReport,
  type TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  PermanentTaskError,
  readMigrationResources,
  writeArtifact,
  type CloudCapabilityLookup,
  type MigrationResource,
  type TaskContext,
  type TransferItem,
} from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  createAddressPolicy,
  createTransferSource,
  createTransferTarget,
  redactUrl,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import type { ExecutionConfig } from '../config';
import { asJson } from '../json';
import { attribute, displayName, safeSegment } from './resourceAttributes';
import { TransferManifestStore } from './transferManifestStore';

const MiB = 1024 * 1024;

/** URLs to move for a resource: its `transfer-source` tag/annotation and `migration.transfer.sources`. */
function sourcesOf(item: MigrationResource, config: ExecutionConfig): string[] {
  const listed = (attribute(item, 'transfer-source', 'transfer-sources') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean);
  const configured = [
    ...(config.transfer.sources[item.entityRef] ?? []),
    ...(config.transfer.sources[displayName(item)] ?? []),
  ];
  return [...new Set([...listed, ...configured])];
}

type Destination = { kind: 'storage' | 'file'; url: string };

/** The target's storage in a real run, the staging directory in rehearsals or without one. */
function destinationOf(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
): Destination {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const storage = capabilities.get(ctx.migration.target.provider).storage;
  const url = rehearsal ? undefined : storage?.destination(ctx.migration);
  if (url) {
    return { kind: 'storage', url };
  }
  return {
    kind: 'file',
    url: `file://${resolveSafeChildPath(
      config.transfer.stagingDir,
      safeSegment(ctx.migration.id),
    )}`,
  };
}

function describeStatus(status: TransferStatus) {
  const eta =
    status.etaSeconds !== undefined ? `, ETA ${status.etaSeconds} s` : '';
  return `${status.currentResource ?? 'transfer'}: ${(
    status.bytesTransferred / MiB
  ).toFixed(1)} of ${(status.totalBytes / MiB).toFixed(1)} MiB, ${(
    status.speedBytesPerSecond / MiB
  ).toFixed(1)} MiB/s${eta}`;
}

/** What the data mover moves: every source of every resource, to the destination. */
async function transferItems(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
  destination: Destination,
): Promise<TransferItem[]> {
  const resources = await readMigrationResources(ctx.artifacts, {
    optional: true,
  });
  const sourcePolicy = await createAddressPolicy({
    allowedRanges: config.transfer.allowedSourceRanges,
  });
  const items: TransferItem[] = [];
  for (const resource of resources) {
    for (const url of sourcesOf(resource, config)) {
      let source;
      try {
        source = createTransferSource(
          url,
          {
            allowedRoots: config.transfer.allowedSourceRoots,
            addressPolicy: sourcePolicy,
          },
          `${displayName(resource)} transfer source ${redactUrl(url)}`,
        );
      } catch (error) {
        throw new PermanentTaskError((error as Error).message);
      }
      const base = safeSegment(
        path.posix.basename(new URL(url).pathname) || 'data',
      );
      const relative = `${safeSegment(displayName(resource))}/${base}`;
      const targetUrl =
        destination.kind === 'storage'
          ? `${destination.url}/${relative}`
          : `file://${resolveSafeChildPath(
              fileURLToPath(destination.url),
              relative,
            )}`;
      items.push({
        id: createHash('sha256')
          .update(`${resource.entityRef}\n${url}`)
          .digest('hex')
          .slice(0, 16),
        name: `${displayName(resource)}/${base}`,
        source,
        target: createTransferTarget(targetUrl, {
          fileRoot: config.transfer.stagingDir,
          storage: {
            lookup: scheme => capabilities.storageForScheme(scheme),
            region: ctx.migration.target.region,
          },
          durable: config.transfer.durable,
        }),
      });
    }
  }
  return items;
}

/** What the transfer report says about the data moved. */
function dataStatements(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
  destination: Destination,
  status: TransferStatus,
  items: number,
): string[] {
  if (!items) {
    return [
      'No resource names a data source (tag or annotation `transfer-source`, or migration.transfer.sources), so no data was moved.',
    ];
  }
  const mib = (status.totalBytes / MiB).toFixed(1);
  if (ctx.migration.options.rehearsal !== true) {
    return [
      `${status.objects.length} object(s) (${mib} MiB) were moved to ${destination.url} and verified chunk by chunk (SHA-256).`,
    ];
  }
  const storage = capabilities.get(ctx.migration.target.provider).storage;
  return [
    `Rehearsal: ${
      status.objects.length
    } object(s) (${mib} MiB) were copied into the staging directory ${
      destination.url
    } and verified chunk by chunk (SHA-256); a real run writes them to the target's storage${
      storage?.describe() ? ` (${storage.describe()})` : ''
    }.`,
  ];
}

/**
 * `transfer.data`: files and disk images moved by the data mover with integrity checks —
 * chunked, verified, resumable from the manifest kept in the task journal — into the target's
 * storage, or the staging directory in rehearsals. The task's progress shows the live figures,
 * `transfer.json` the objects as they finish.
 */
export async function moveData(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const destination = destinationOf(ctx, config, capabilities);
  const items = await transferItems(ctx, config, capabilities, destination);
  const report = (
    status: TransferStatus,
    statements: string[],
  ): TransferReport => ({
    rehearsal,
    destination: destination.url,
    status,
    imageCopies: [],
    statements,
  });

  // The live figures (bytes, speed, ETA, current object) go to the task's progress;
  // transfer.json, an artifact with an audit event per write, when the transfer starts, as
  // objects finish (at most every 2 s) and when it stops, so its writes stay within the objects.
  let lastWrite = 0;
  let written: string | undefined;
  const writeLive = async (status: TransferStatus) => {
    await ctx.progress(
      status.totalBytes ? status.bytesTransferred / status.totalBytes : 0,
      describeStatus(status),
    );
    const finished = status.objects
      .filter(o => o.state === 'completed' || o.state === 'failed')
      .map(o => o.id);
    const key = `${status.state} ${finished.join()}`;
    // The completed transfer's report is written below, with its statements.
    if (key === written || status.state === 'completed') return;
    if (status.state === 'running' && Date.now() - lastWrite < 2000) return;
    await writeArtifact(
      ctx.artifacts,
      MIGRATION_ARTIFACTS.transfer,
      report(status, []),
    );
    lastWrite = Date.now();
    written = key;
  };
  const mover = new DataMover({
    store: new TransferManifestStore(ctx),
    chunkSize: config.transfer.chunkSizeBytes,
    concurrency: config.transfer.concurrency,
    bandwidthLimitBytesPerSecond: config.transfer.bandwidthLimitBytesPerSecond,
    maxChunkAttempts: config.transfer.maxChunkAttempts,
    verify: config.transfer.verify,
    onStatus: writeLive,
    logger: ctx.logger,
  });
  const status = (await ctx.checkpoint({
    key: 'data',
    fn: async () => asJson(await mover.run(items, ctx.signal)),
  })) as unknown as TransferStatus;

  await writeArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.transfer,
    report(
      status,
      dataStatements(ctx, capabilities, destination, status, items.length),
    ),
  );
  await ctx.progress(
    1,
    items.length
      ? `${status.objects.length} object(s) moved and verified`
      : 'No data to move',
  );
  return {
    objects: status.objects.length,
    bytes: status.totalBytes,
    destination: destination.url,
  };
}
