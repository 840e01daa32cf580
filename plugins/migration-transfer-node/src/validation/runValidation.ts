import type {
  PerformanceBaseline,
  TransferReport,
  ValidationCheck,
  ValidationReport,
  ValidationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { AddressPolicy } from './addressPolicy';
import { dataChecks } from './dataChecks';
import { latencyCheck, type LatencyJudgement } from './latencyCheck';
import { httpCheck, tcpCheck } from './networkChecks';
import {
  now,
  refusedRemediationOf,
  type PendingCheck,
  type ProbeContext,
} from './pendingCheck';
import { tlsCheck, tlsPortOf } from './tlsCheck';

/**
 * A target endpoint to check.
 *
 * @public
 */
export interface ValidationEndpoint {
  /** Resource name; performance checks match the baseline by it. */
  name: string;
  host: string;
  /** Port for the TCP check and latency samples. */
  port?: number;
  /** Health URL for the HTTP check. */
  url?: string;
  /** Check TLS on this port (default: 443 when the port is 443 or the URL is https). */
  tlsPort?: number;
  /** Name the certificate must match (default: the host). */
  servername?: string;
}

/**
 * Options of {@link runValidation}.
 *
 * @public
 */
export interface RunValidationOptions {
  policy: AddressPolicy;
  timeoutMs?: number;
  /** TCP connects per endpoint for the latency percentiles (default 10). */
  latencySamples?: number;
  /** p95 regression beyond which a performance check fails (default 20 %). Half of it warns. */
  latencyRegressionPercent?: number;
  /**
   * A p95 increase of at most this many milliseconds is jitter, never a regression, whatever its
   * percentage (default 5 ms): +45 % on a 1.7 ms connect time is noise, not a slower target.
   */
  latencyToleranceMs?: number;
  /** A certificate expiring within this many days warns (default 30). */
  certificateWarningDays?: number;
  /** Extra trusted CA certificates (PEM). */
  ca?: string[];
  /** Called whenever a check changes state, for live progress. */
  onCheck?: (
    check: ValidationCheck,
    done: number,
    total: number,
  ) => void | Promise<void>;
  signal?: AbortSignal;
}

/**
 * What to validate.
 *
 * @public
 */
export interface ValidationInput {
  endpoints: ValidationEndpoint[];
  /** The transfer phase's report. */
  transfer?: TransferReport;
  /** Names of the objects the transfer was expected to move. */
  expectedObjects?: string[];
  baseline?: PerformanceBaseline;
  /** Security checks computed beforehand (see `securityChecks`). */
  security?: ValidationCheck[];
  /** Why there are no endpoints, when there are none (e.g. rehearsal: nothing was built). */
  noEndpointsReason?: string;
}

function noEndpointsCheck(reason: string | undefined): ValidationCheck {
  const at = now();
  return {
    id: 'network.endpoints',
    category: 'network',
    name: 'Target endpoints reachable',
    status: 'warning',
    message: reason ?? 'No target endpoints are known, so no network probe ran',
    metrics: {},
    remediation:
      'Expose the endpoints as Terraform outputs (`endpoints`) or add them to the validation request',
    startedAt: at,
    completedAt: at,
  };
}

/** The probe checks of one endpoint: TCP, HTTP, TLS and latency, as far as it has port and URL. */
function endpointChecks(
  endpoint: ValidationEndpoint,
  input: ValidationInput,
  ctx: ProbeContext & LatencyJudgement & { certificateWarningDays: number },
): PendingCheck[] {
  const checks: PendingCheck[] = [];
  const { port, url } = endpoint;
  if (port) checks.push(tcpCheck({ ...endpoint, port }, ctx));
  if (url) checks.push(httpCheck({ ...endpoint, url }, ctx));
  const tlsPort = tlsPortOf(endpoint);
  if (tlsPort) checks.push(tlsCheck(endpoint, tlsPort, ctx));
  if (port) {
    const base = input.baseline?.endpoints.find(b => b.name === endpoint.name);
    checks.push(latencyCheck({ ...endpoint, port }, base, ctx));
  }
  return checks;
}

/** Runs the probes one after the other, reporting each check as it starts and ends. */
async function runPending(
  pending: readonly PendingCheck[],
  total: number,
  options: RunValidationOptions,
) {
  let done = total - pending.length;
  for (const { check, run } of pending) {
    options.signal?.throwIfAborted();
    check.status = 'running';
    check.startedAt = now();
    await options.onCheck?.(check, done, total);
    await run();
    check.completedAt = now();
    done++;
    await options.onCheck?.(check, done, total);
  }
}

function summarize(checks: readonly ValidationCheck[]): ValidationReport {
  const summary: Record<ValidationStatus, number> = {
    pending: 0,
    running: 0,
    passed: 0,
    failed: 0,
    warning: 0,
  };
  for (const c of checks) summary[c.status]++;
  let status: ValidationReport['status'] = 'passed';
  if (summary.failed) status = 'failed';
  else if (summary.warning) status = 'warning';
  return { ranAt: now(), status, summary, checks: [...checks] };
}

/**
 * Runs the post-migration checks — data (manifests, counts, checksums), network (TCP, HTTP
 * health, TLS ≥ 1.2 and certificate validity), performance (latency p50/p95 against the baseline)
 * and security (supplied) — and summarises them. Probes only reach addresses the policy allows;
 * refused ones fail with the reason and nothing is sent.
 *
 * @public
 */
export async function runValidation(
  input: ValidationInput,
  options: RunValidationOptions,
): Promise<ValidationReport> {
  const ctx = {
    policy: options.policy,
    timeoutMs: options.timeoutMs ?? 3000,
    ca: options.ca,
    signal: options.signal,
    refusedRemediation: refusedRemediationOf(options.policy),
    latencySamples: options.latencySamples,
    thresholdPercent: options.latencyRegressionPercent ?? 20,
    toleranceMs: options.latencyToleranceMs ?? 5,
    certificateWarningDays: options.certificateWarningDays ?? 30,
  };
  const checks: ValidationCheck[] = [
    ...dataChecks(input),
    ...(input.security ?? []),
  ];
  if (input.endpoints.length === 0) {
    checks.push(noEndpointsCheck(input.noEndpointsReason));
  }
  const pending = input.endpoints.flatMap(e => endpointChecks(e, input, ctx));
  checks.push(...pending.map(p => p.check));
  await runPending(pending, checks.length, options);
  return summarize(checks);
}
