import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Config } from '@backstage/config';

/**
 * What the execution phases read from `migration.transfer`, `migration.validation`,
 * `migration.build` and `migration.iac`.
 *
 * @public
 */
export interface ExecutionConfig {
  transfer: {
    /** Rehearsals (and runs without target storage) move data here, one folder per migration. */
    stagingDir: string;
    /** Directories `file://` sources must lie in. */
    allowedSourceRoots: string[];
    /** Ranges `http(s)://` sources may resolve to. */
    allowedSourceRanges: string[];
    /** Extra sources by resource name or entity ref. */
    sources: Record<string, string[]>;
    chunkSizeBytes: number;
    concurrency: number;
    bandwidthLimitBytesPerSecond?: number;
    maxChunkAttempts: number;
    verify: boolean;
    durable: boolean;
  };
  validation: {
    allowedRanges: string[];
    timeoutMs: number;
    latencySamples: number;
    latencyRegressionPercent: number;
    latencyToleranceMs: number;
    certificateWarningDays: number;
    caCertificates: string[];
    failOnError: boolean;
  };
  build: {
    /** Where Terraform workspaces (configuration, saved plans, local state) live. */
    workDir: string;
    timeoutMs: number;
  };
  /** `migration.iac.terraformCommand`, e.g. `terraform` or `tofu`. */
  terraformCommand?: string;
  /** `migration.assessment.catalogFile`, for prices of rightsizing and storage tiering. */
  catalogFile?: string;
}

const MiB = 1024 * 1024;

/**
 * Reads the execution phases' configuration with defaults.
 *
 * @public
 */
export function readExecutionConfig(config: Config): ExecutionConfig {
  const transfer = config.getOptionalConfig('migration.transfer');
  const validation = config.getOptionalConfig('migration.validation');
  const build = config.getOptionalConfig('migration.build');
  const mbps = transfer?.getOptionalNumber('bandwidthLimitMbps');
  const sources: Record<string, string[]> = {};
  for (const entry of transfer?.getOptionalConfigArray('sources') ?? []) {
    const key = entry.getString('resource');
    // Plain paths (relative to the working directory) become file:// URLs.
    const urls = entry
      .getStringArray('urls')
      .map(u =>
        u.includes('://') ? u : pathToFileURL(path.resolve(u)).toString(),
      );
    sources[key] = [...(sources[key] ?? []), ...urls];
  }
  return {
    transfer: {
      stagingDir: path.resolve(
        transfer?.getOptionalString('stagingDir') ?? '.data/transfer-staging',
      ),
      allowedSourceRoots: (
        transfer?.getOptionalStringArray('allowedSourceRoots') ?? []
      ).map(p => path.resolve(p)),
      allowedSourceRanges:
        transfer?.getOptionalStringArray('allowedSourceRanges') ?? [],
      sources,
      chunkSizeBytes: (transfer?.getOptionalNumber('chunkSizeMiB') ?? 8) * MiB,
      concurrency: transfer?.getOptionalNumber('concurrency') ?? 4,
      bandwidthLimitBytesPerSecond: mbps ? (mbps * 1_000_000) / 8 : undefined,
      maxChunkAttempts: transfer?.getOptionalNumber('maxChunkAttempts') ?? 3,
      verify: transfer?.getOptionalBoolean('verify') ?? true,
      durable: transfer?.getOptionalBoolean('durable') ?? false,
    },
    validation: {
      allowedRanges: validation?.getOptionalStringArray('allowedRanges') ?? [],
      timeoutMs: validation?.getOptionalNumber('timeoutMs') ?? 3000,
      latencySamples: validation?.getOptionalNumber('latencySamples') ?? 10,
      latencyRegressionPercent:
        validation?.getOptionalNumber('latencyRegressionPercent') ?? 20,
      latencyToleranceMs:
        validation?.getOptionalNumber('latencyToleranceMs') ?? 5,
      certificateWarningDays:
        validation?.getOptionalNumber('certificateWarningDays') ?? 30,
      caCertificates:
        validation?.getOptionalStringArray('caCertificates') ?? [],
      failOnError: validation?.getOptionalBoolean('failOnError') ?? true,
    },
    build: {
      workDir: path.resolve(
        build?.getOptionalString('workDir') ?? '.data/terraform',
      ),
      timeoutMs: (build?.getOptionalNumber('timeoutMinutes') ?? 60) * 60_000,
    },
    terraformCommand: config.getOptionalString(
      'migration.iac.terraformCommand',
    ),
    catalogFile: config.getOptionalString('migration.assessment.catalogFile'),
  };
}
