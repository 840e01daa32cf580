import {
  MIGRATION_ARTIFACTS,
  type Migration,
  type ValidationCheck,
  type ValidationReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  type ArtifactReader,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createAddressPolicy,
  runValidation,
  type ValidationEndpoint,
} from '@sirsi-nexus/plugin-migration-transfer-node';
import { buildEndpoints } from '../build/buildReport';
import type { ExecutionConfig } from '../config';
import { serverEndpoints } from './serverEndpoints';
import { targetSecurityChecks } from './targetSecurityChecks';

/**
 * Runs the post-migration checks of a migration from its artifacts: data from the transfer
 * report, network and performance against the instances the transfer phase launched (test
 * instances in a rehearsal, cutover instances in a real run) and the endpoints the build
 * published, security on the plan. Shared by the `validate` phase and
 * `POST /migrations/{id}/validate`.
 *
 * @public
 */
export async function validateMigration(options: {
  migration: Migration;
  artifacts: ArtifactReader;
  config: ExecutionConfig;
  /** More endpoints to probe; they still must belong to the targets or the allowed ranges. */
  extraEndpoints?: ValidationEndpoint[];
  onCheck?: (
    check: ValidationCheck,
    done: number,
    total: number,
  ) => void | Promise<void>;
  signal?: AbortSignal;
}): Promise<ValidationReport> {
  const { migration, artifacts, config } = options;
  const servers = await serverEndpoints(artifacts);
  // A server's instance replaces a build endpoint of the same name: it is what was moved.
  const built = (await buildEndpoints(artifacts)).filter(
    e => !servers.some(s => s.name === e.name),
  );
  const policy = await createAddressPolicy({
    allowedRanges: config.validation.allowedRanges,
    targets: [...servers, ...built].map(e => e.host),
  });
  const endpoints = [...servers, ...built, ...(options.extraEndpoints ?? [])];
  return runValidation(
    {
      endpoints,
      transfer: await readArtifact(artifacts, MIGRATION_ARTIFACTS.transfer),
      baseline: await readArtifact(
        artifacts,
        MIGRATION_ARTIFACTS.performanceBaseline,
      ),
      security: await targetSecurityChecks(migration, artifacts),
      noEndpointsReason: migration.options.rehearsal
        ? 'Rehearsal: nothing was built and no test instance runs, so there is no target endpoint to probe yet'
        : 'The build published no `endpoints` output, so no target endpoint is known',
    },
    {
      policy,
      timeoutMs: config.validation.timeoutMs,
      latencySamples: config.validation.latencySamples,
      latencyRegressionPercent: config.validation.latencyRegressionPercent,
      latencyToleranceMs: config.validation.latencyToleranceMs,
      certificateWarningDays: config.validation.certificateWarningDays,
      ca: config.validation.caCertificates.length
        ? config.validation.caCertificates
        : undefined,
      onCheck: options.onCheck,
      signal: options.signal,
    },
  );
}
