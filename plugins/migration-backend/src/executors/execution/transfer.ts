import fs from 'node:fs/promises';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type {
  BuildReport,
  DnsCutoverPlan,
  ImageCopyResult,
  PerformanceBaseline,
  TransferReport,
  TransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  type ArtifactReader,
  type CloudCapabilityLookup,
  type ImageRemoval,
  type ManifestStore,
  type MigrationExecutor,
  type TaskContext,
  type TransferItem,
  type TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';
import {
  DataMover,
  buildDnsCutoverPlan,
  createAddressPolicy,
  createTransferSource,
  createTransferTarget,
  measureLatency,
  redactUrl,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { PermanentTaskError } from '../../engine/TaskWorker';
import type { ExecutionConfig } from './config';
import { asJson } from './json';
import {
  attribute,
  displayName,
  readMigrationResources,
  safeSegment,
  type MigrationResource,
} from './migrationResources';
import { BUILD_ARTIFACT } from './build';

/** Task type of the transfer executor (replaces the built-in rehearsal of the same type). */
export const TRANSFER_TASK = 'transfer.move';
export const TRANSFER_ARTIFACT = 'transfer.json';
export const MANIFEST_ARTIFACT = 'transfer-manifest.json';
export const IMAGE_COPIES_ARTIFACT = 'image-copies.json';
export const DNS_ARTIFACT = 'dns-cutover.json';
export const BASELINE_ARTIFACT = 'performance-baseline.json';

/** The manifest checkpointed as an artifact of the migration, so any replica can resume. */
class ArtifactManifestStore implements ManifestStore {
  constructor(private readonly ctx: TaskContext) {}
  load() {
    return this.ctx.artifacts.getJson<TransferManifest>(MANIFEST_ARTIFACT);
  }
  async save(manifest: TransferManifest) {
    await this.ctx.artifacts.put(MANIFEST_ARTIFACT, asJson(manifest));
  }
}

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

/** A VM moved within its cloud, whose machine image the cloud's image copier can copy. */
function isImageCopy(
  ctx: Pick<TaskContext, 'migration'>,
  capabilities: CloudCapabilityLookup,
  item: MigrationResource,
) {
  const provider = ctx.migration.target.provider;
  return (
    !!capabilities.get(provider).imageCopier &&
    item.resource?.provider === provider &&
    item.resource.kind === 'vm'
  );
}

function destinationOf(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const storage = capabilities.get(ctx.migration.target.provider).storage;
  const url = rehearsal ? undefined : storage?.destination(ctx.migration);
  if (url) {
    return { kind: 'storage' as const, url };
  }
  return {
    kind: 'file' as const,
    url: `file://${resolveSafeChildPath(
      config.transfer.stagingDir,
      safeSegment(ctx.migration.id),
    )}`,
  };
}

const MiB = 1024 * 1024;

function describeStatus(status: TransferStatus) {
  const eta =
    status.etaSeconds !== undefined ? `, ETA ${status.etaSeconds} s` : '';
  return `${status.currentResource ?? 'transfer'}: ${(
    status.bytesTransferred / MiB
  ).toFixed(1)} of ${(status.totalBytes / MiB).toFixed(1)} MiB, ${(
    status.speedBytesPerSecond / MiB
  ).toFixed(1)} MiB/s${eta}`;
}

async function moveData(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const resources = await readMigrationResources(ctx.artifacts);
  const destination = destinationOf(ctx, config, capabilities);
  const storage = capabilities.get(ctx.migration.target.provider).storage;
  const sourcePolicy = await createAddressPolicy({
    allowedRanges: config.transfer.allowedSourceRanges,
  });
  const items: TransferItem[] = [];
  for (const resource of resources) {
    for (const url of sourcesOf(resource, config)) {
      const field = `${displayName(resource)} transfer source ${redactUrl(
        url,
      )}`;
      let source;
      try {
        source = createTransferSource(
          url,
          {
            allowedRoots: config.transfer.allowedSourceRoots,
            addressPolicy: sourcePolicy,
          },
          field,
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

  let lastWrite = 0;
  const writeLive = async (status: TransferStatus) => {
    await ctx.progress(
      status.totalBytes ? status.bytesTransferred / status.totalBytes : 0,
      describeStatus(status),
    );
    if (Date.now() - lastWrite < 2000 && status.state === 'running') return;
    lastWrite = Date.now();
    await ctx.artifacts.put(
      TRANSFER_ARTIFACT,
      asJson({
        rehearsal,
        destination: destination.url,
        status,
        imageCopies: [],
        statements: [],
      } satisfies TransferReport),
    );
  };
  const mover = new DataMover({
    store: new ArtifactManifestStore(ctx),
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

  const mib = (status.totalBytes / MiB).toFixed(1);
  const statements = items.length
    ? [
        rehearsal
          ? `Rehearsal: ${
              status.objects.length
            } object(s) (${mib} MiB) were copied into the staging directory ${
              destination.url
            } and verified chunk by chunk (SHA-256); a real run writes them to the target's storage${
              storage?.describe() ? ` (${storage.describe()})` : ''
            }.`
          : `${status.objects.length} object(s) (${mib} MiB) were moved to ${destination.url} and verified chunk by chunk (SHA-256).`,
      ]
    : [
        'No resource names a data source (tag or annotation `transfer-source`, or migration.transfer.sources), so no data was moved.',
      ];
  const report: TransferReport = {
    rehearsal,
    destination: destination.url,
    status,
    imageCopies: [],
    statements,
  };
  await ctx.artifacts.put(TRANSFER_ARTIFACT, asJson(report));
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

/**
 * What `transfer.images` made for one instance, recorded in the task's output so that its
 * compensation knows what to remove.
 */
interface CreatedImageCopy {
  resource: string;
  /** The instance imaged, and the name both AMIs were given (unknown for older records). */
  instanceId?: string;
  name?: string;
  sourceRegion: string;
  targetRegion: string;
  /** The AMI `CreateImage` made of the instance, in the source region, and its snapshots. */
  imageId: string;
  imageSnapshotIds: string[];
  /** The AMI `CopyImage` made in the target region, and its snapshots. */
  copyId: string;
  copySnapshotIds: string[];
}

/** Output of `transfer.images`. */
interface ImagesOutput {
  images: number;
  rehearsal: boolean;
  /** Empty in rehearsals: only DryRun calls were made. */
  created: CreatedImageCopy[];
}

async function copyImages(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
) {
  const rehearsal = ctx.migration.options.rehearsal === true;
  const targetRegion = ctx.migration.target.region;
  const vms = (await readMigrationResources(ctx.artifacts)).filter(r =>
    isImageCopy(ctx, capabilities, r),
  );
  const results: ImageCopyResult[] = [];
  const created: CreatedImageCopy[] = [];
  for (const [index, vm] of vms.entries()) {
    const instanceId = vm.resource!.externalId;
    const sourceRegion = vm.resource!.region ?? targetRegion;
    const copier = capabilities
      .get(ctx.migration.target.provider)
      .imageCopier!.between(sourceRegion, targetRegion);
    const name = `sirsi-${ctx.migration.id}-${safeSegment(
      displayName(vm),
    )}`.slice(0, 128);
    if (rehearsal) {
      const { create } = (await ctx.checkpoint({
        key: `dry-run-${instanceId}`,
        fn: async () =>
          asJson(await copier.rehearseInstanceCopy(instanceId, name)),
      })) as unknown as { create: { permitted: boolean; message: string } };
      results.push({
        kind: 'image',
        resource: displayName(vm),
        sourceId: instanceId,
        sourceRegion,
        targetRegion,
        state: create.permitted ? 'permitted' : 'denied',
        message: `CreateImage with DryRun: ${create.message}`,
      });
      continue;
    }
    const share = (p: number) => (index + p / 100) / vms.length;
    const imageId = await ctx.checkpoint({
      key: `image-${instanceId}`,
      fn: () => copier.createImage(instanceId, name),
    });
    const imageSnapshotIds = await copier.waitForImage(
      imageId,
      'source',
      p =>
        ctx.progress(
          share(p / 2),
          `${displayName(vm)}: imaging ${p.toFixed(0)}%`,
        ),
      ctx.signal,
    );
    const copyId = await ctx.checkpoint({
      key: `copy-${instanceId}`,
      fn: () =>
        copier.copyImage(
          imageId,
          name,
          `${ctx.migration.id}-${instanceId}`.slice(0, 64),
        ),
    });
    const copySnapshotIds = await copier.waitForImage(
      copyId,
      'target',
      p =>
        ctx.progress(
          share(50 + p / 2),
          `${displayName(vm)}: copying ${p.toFixed(0)}%`,
        ),
      ctx.signal,
    );
    results.push({
      kind: 'image',
      resource: displayName(vm),
      sourceId: imageId,
      sourceRegion,
      targetRegion,
      targetId: copyId,
      state: 'completed',
      progressPercent: 100,
    });
    created.push({
      resource: displayName(vm),
      instanceId,
      name,
      sourceRegion,
      targetRegion,
      imageId,
      imageSnapshotIds,
      copyId,
      copySnapshotIds,
    });
  }
  await ctx.artifacts.put(IMAGE_COPIES_ARTIFACT, asJson(results));
  await ctx.progress(1, `${results.length} image copy(ies)`);
  return asJson({
    images: results.length,
    rehearsal,
    created,
  } satisfies ImagesOutput);
}

/**
 * The image copies a `transfer.images` task made. Outputs from before the task recorded them
 * (`{ images }` only) fall back to `image-copies.json`, whose snapshots are then read from EC2.
 */
async function createdImageCopies(
  ctx: TaskContext,
  output: Partial<ImagesOutput>,
): Promise<CreatedImageCopy[]> {
  if (Array.isArray(output.created)) return output.created;
  const copies =
    (await ctx.artifacts.getJson<ImageCopyResult[]>(IMAGE_COPIES_ARTIFACT)) ??
    [];
  return copies
    .filter(c => c.kind === 'image' && c.state === 'completed' && c.targetId)
    .map(c => ({
      resource: c.resource,
      sourceRegion: c.sourceRegion,
      targetRegion: c.targetRegion,
      imageId: c.sourceId,
      imageSnapshotIds: [],
      copyId: c.targetId!,
      copySnapshotIds: [],
    }));
}

/**
 * Rollback of `transfer.images`: deregisters each AMI copy in the target region and the AMI made
 * of the instance in the source region, and deletes their snapshots. The instances themselves are
 * never touched. A rehearsal made only DryRun calls, so there is nothing to remove.
 */
async function removeImageCopies(
  ctx: TaskContext,
  capabilities: CloudCapabilityLookup,
) {
  const output = (ctx.task.compensates?.output ?? {}) as Partial<ImagesOutput>;
  if (output.rehearsal === true || ctx.migration.options.rehearsal === true) {
    return {
      rehearsal: true,
      deregistered: 0,
      snapshotsDeleted: 0,
      reason:
        'Rehearsal: the image copies were only tried with DryRun, so there is nothing to remove',
    };
  }
  const copies = await createdImageCopies(ctx, output);
  const removed: ImageRemoval[] = [];
  for (const [index, copy] of copies.entries()) {
    const imageCopier = capabilities.get(
      ctx.migration.target.provider,
    ).imageCopier;
    if (!imageCopier) {
      throw new PermanentTaskError(
        `No installed cloud module copies images of ${ctx.migration.target.provider}: add its migration module to remove ${copy.copyId}`,
      );
    }
    const copier = imageCopier.between(copy.sourceRegion, copy.targetRegion);
    const done = (await ctx.checkpoint({
      key: `remove-${copy.copyId}`,
      fn: async () =>
        asJson({
          images: await copier.removeCopy({
            copy: { imageId: copy.copyId, snapshotIds: copy.copySnapshotIds },
            intermediate: {
              imageId: copy.imageId,
              snapshotIds: copy.imageSnapshotIds,
            },
            name: copy.name,
          }),
        }),
    })) as unknown as { images: ImageRemoval[] };
    removed.push(...done.images);
    await ctx.progress(
      (index + 1) / copies.length,
      `${copy.resource}: AMI copy removed`,
    );
  }
  const deregistered = removed.filter(r => r.image === 'deregistered').length;
  const snapshotsDeleted = removed.reduce(
    (n, r) => n + r.deletedSnapshots.length,
    0,
  );
  const report = await ctx.artifacts.getJson<TransferReport>(TRANSFER_ARTIFACT);
  const statement = `Rolled back: ${copies.length} AMI copy(ies) removed — ${deregistered} image(s) deregistered and ${snapshotsDeleted} snapshot(s) deleted (copies in the target region and the images made of the instances).`;
  if (report && copies.length && !report.statements.includes(statement)) {
    report.statements.push(statement);
    await ctx.artifacts.put(TRANSFER_ARTIFACT, asJson(report));
  }
  return asJson({ rehearsal: false, deregistered, snapshotsDeleted, removed });
}

async function captureBaseline(ctx: TaskContext, config: ExecutionConfig) {
  const resources = await readMigrationResources(ctx.artifacts);
  const endpoints = resources
    .map(r => ({
      name: displayName(r),
      host: r.resource?.specs.ipAddresses?.[0],
      port: Number(attribute(r, 'port', 'service-port') ?? NaN),
    }))
    .filter(e => e.host && Number.isInteger(e.port));
  // The source addresses belong to the migration; metadata addresses stay refused.
  const policy = await createAddressPolicy({
    allowedRanges: config.validation.allowedRanges,
    targets: endpoints.map(e => e.host!),
  });
  const baseline: PerformanceBaseline = {
    capturedAt: new Date().toISOString(),
    endpoints: [],
  };
  for (const endpoint of endpoints) {
    const m = await measureLatency(policy, {
      host: endpoint.host!,
      port: endpoint.port,
      samples: config.validation.latencySamples,
      timeoutMs: config.validation.timeoutMs,
      signal: ctx.signal,
    });
    if (m.samples > 0) {
      baseline.endpoints.push({
        name: endpoint.name,
        target: `${endpoint.host}:${endpoint.port}`,
        p50Ms: m.p50Ms,
        p95Ms: m.p95Ms,
        samples: m.samples,
      });
    } else {
      ctx.logger.warn(`No baseline for ${endpoint.name}: ${m.error}`);
    }
  }
  await ctx.artifacts.put(BASELINE_ARTIFACT, asJson(baseline));
  return { endpoints: baseline.endpoints.length };
}

/** Target endpoints the build published as the Terraform output `endpoints`. */
export async function buildEndpoints(artifacts: ArtifactReader) {
  const build = await artifacts.getJson<BuildReport>(BUILD_ARTIFACT);
  const endpoints: Array<{
    name: string;
    host: string;
    port?: number;
    url?: string;
    tlsPort?: number;
    servername?: string;
  }> = [];
  for (const wave of build?.waves ?? []) {
    if (wave.mode !== 'applied') continue;
    const list = wave.outputs?.endpoints;
    if (!Array.isArray(list)) continue;
    for (const e of list as Array<Record<string, unknown>>) {
      if (typeof e?.name === 'string' && typeof e?.host === 'string') {
        endpoints.push({
          name: e.name,
          host: e.host,
          port: typeof e.port === 'number' ? e.port : undefined,
          url: typeof e.url === 'string' ? e.url : undefined,
          tlsPort: typeof e.tlsPort === 'number' ? e.tlsPort : undefined,
          servername:
            typeof e.servername === 'string' ? e.servername : undefined,
        });
      }
    }
  }
  return endpoints;
}

async function planDnsCutover(ctx: TaskContext) {
  const resources = await readMigrationResources(ctx.artifacts);
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
  await ctx.artifacts.put(DNS_ARTIFACT, asJson(plan));

  // The transfer report gathers the image copies and says what the cutover does.
  const report =
    (await ctx.artifacts.getJson<TransferReport>(TRANSFER_ARTIFACT)) ??
    undefined;
  const copies =
    (await ctx.artifacts.getJson<ImageCopyResult[]>(IMAGE_COPIES_ARTIFACT)) ??
    [];
  if (report) {
    report.imageCopies = copies;
    if (copies.length) {
      report.statements.push(
        ctx.migration.options.rehearsal
          ? `Rehearsal: ${
              copies.filter(c => c.state === 'permitted').length
            } of ${copies.length} AMI copy(ies) proved permitted with DryRun (${
              copies.filter(c => c.state === 'denied').length
            } denied); a real run creates the images and copies them to ${
              ctx.migration.target.region
            }.`
          : `${copies.length} AMI(s) were created and copied to ${ctx.migration.target.region}.`,
      );
    }
    report.statements.push(
      records.length
        ? `The DNS cutover plan covers ${records.length} record(s); no DNS record is changed by the platform — operators follow dns-cutover.json (lower TTL, switch, revert).`
        : 'No resource names a DNS record (tag `dns-name`), so the DNS cutover plan is empty.',
    );
    await ctx.artifacts.put(TRANSFER_ARTIFACT, asJson(report));
  }
  return { records: records.length };
}

async function removeTransferredData(
  ctx: TaskContext,
  config: ExecutionConfig,
  capabilities: CloudCapabilityLookup,
) {
  const manifest = await ctx.artifacts.getJson<TransferManifest>(
    MANIFEST_ARTIFACT,
  );
  let removed = 0;
  for (const object of manifest?.objects ?? []) {
    const target = object.target.description;
    if (target.startsWith('file://')) {
      // Only files inside the staging directory are ours to remove.
      const file = resolveSafeChildPath(
        config.transfer.stagingDir,
        path.relative(
          config.transfer.stagingDir,
          target.slice('file://'.length),
        ),
      );
      await fs.rm(file, { force: true });
      await fs.rm(`${file}.partial`, { force: true });
      removed++;
    } else {
      const scheme = target.split(':', 1)[0];
      const storage = capabilities.storageForScheme(scheme);
      if (!storage) {
        throw new PermanentTaskError(
          `No installed cloud module stores ${scheme}:// objects: add it to remove ${target}`,
        );
      }
      await storage.remove(target, {
        region: ctx.migration.target.region,
        signal: ctx.signal,
      });
      removed++;
    }
  }
  return removed;
}

/**
 * `transfer`: a baseline of source latencies before cutover, data moved with integrity (files
 * and disk images by the data mover — into the staging directory in rehearsals), AMI copies for
 * same-cloud AWS moves (DryRun in rehearsals), and the DNS cutover plan. Rollback removes what the
 * data mover wrote and deregisters the AMIs the image copies made, deleting their snapshots.
 *
 * @public
 */
export function createTransferExecutor(deps: {
  config: ExecutionConfig;
  capabilities: CloudCapabilityLookup;
}): MigrationExecutor {
  const { config, capabilities } = deps;
  return {
    phase: 'transfer',
    taskType: TRANSFER_TASK,
    async plan(ctx) {
      const resources = await readMigrationResources(ctx.artifacts);
      const images = resources.some(r => isImageCopy(ctx, capabilities, r));
      return [
        {
          key: 'transfer.baseline',
          title: 'Capture the latency baseline before cutover',
          input: { step: 'baseline' },
        },
        {
          key: 'transfer.data',
          title: 'Move data with integrity checks',
          dependsOn: ['transfer.baseline'],
          input: { step: 'data' },
        },
        ...(images
          ? [
              {
                key: 'transfer.images',
                title: 'Copy machine images (AMI)',
                input: { step: 'images' },
              },
            ]
          : []),
        {
          key: 'transfer.dns-cutover',
          title: 'Plan the DNS cutover',
          dependsOn: ['transfer.data', ...(images ? ['transfer.images'] : [])],
          input: { step: 'dns' },
        },
      ];
    },
    async run(ctx) {
      switch (ctx.task.input.step) {
        case 'baseline':
          return captureBaseline(ctx, config);
        case 'data':
          return moveData(ctx, config, capabilities);
        case 'images':
          return copyImages(ctx, capabilities);
        case 'dns':
          return planDnsCutover(ctx);
        default:
          throw new PermanentTaskError(
            `Unknown transfer step ${String(ctx.task.input.step)}`,
          );
      }
    },
    async compensate(ctx) {
      if (ctx.task.input.step === 'images') {
        return removeImageCopies(ctx, capabilities);
      }
      if (ctx.task.input.step !== 'data') return { undone: 0 };
      const removed = await ctx.checkpoint({
        key: 'remove',
        fn: () => removeTransferredData(ctx, config, capabilities),
      });
      return { removed };
    },
  };
}
