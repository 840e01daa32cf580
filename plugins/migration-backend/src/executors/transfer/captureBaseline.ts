import {
  MIGRATION_ARTIFACTS,
  type PerformanceBaseline,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readMigrationResources,
  writeArtifact,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createAddressPolicy,
  measureLatency,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import type { ExecutionConfig } from '../config';
import { attribute, displayName } from './resourceAttributes';

/**
 * `transfer.baseline`: latencies of the source endpoints (a resource's first address and its
 * `port` tag) before cutover, which validation compares the target with.
 */
export async function captureBaseline(
  ctx: TaskContext,
  config: ExecutionConfig,
) {
  const resources = await readMigrationResources(ctx.artifacts, {
    optional: true,
  });
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
  await writeArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.performanceBaseline,
    baseline,
  );
  return { endpoints: baseline.endpoints.length };
}
