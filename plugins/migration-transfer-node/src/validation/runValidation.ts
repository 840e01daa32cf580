import type {
  PerformanceBaseline,
  TransferReport,
  ValidationCheck,
  ValidationReport,
  ValidationStatus,
} from '@sirsi-nexus/plugin-migration-common';
import type { AddressPolicy } from './addressPolicy';
import { httpProbe, measureLatency, tcpProbe, tlsProbe } from './probes';

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

const now = () => new Date().toISOString();
const round = (n: number) => Math.round(n * 100) / 100;

function manifestMessage(
  missing: string[],
  completed: number,
  total: number,
  status: TransferReport['status'],
) {
  if (missing.length) {
    return `${missing.length} object(s) missing at the target: ${missing
      .slice(0, 10)
      .join(', ')}`;
  }
  if (completed < total)
    return `${total - completed} of ${total} object(s) did not complete`;
  return `${total} object(s) at the target, ${status.bytesTransferred} of ${status.totalBytes} bytes`;
}

function dataChecks(input: ValidationInput): ValidationCheck[] {
  const at = now();
  const transfer = input.transfer;
  if (!transfer) {
    return [
      {
        id: 'data.transfer',
        category: 'data',
        name: 'Data transfer completed',
        status: 'warning',
        message:
          'No transfer report exists: no data was moved by this migration',
        metrics: {},
        remediation:
          'Run the transfer phase, or ignore if the workload has no data to move',
        startedAt: at,
        completedAt: at,
      },
    ];
  }
  const { status } = transfer;
  const objects = status.objects;
  const moved = new Set(
    objects.filter(o => o.state === 'completed').map(o => o.name),
  );
  const missing = (input.expectedObjects ?? []).filter(n => !moved.has(n));
  const checks: ValidationCheck[] = [
    {
      id: 'data.manifest',
      category: 'data',
      name: 'Every planned object arrived',
      status:
        missing.length || moved.size < objects.length ? 'failed' : 'passed',
      message: manifestMessage(missing, moved.size, objects.length, status),
      target: transfer.destination,
      metrics: {
        objects: objects.length,
        completed: moved.size,
        expected: input.expectedObjects?.length ?? objects.length,
        bytes: status.bytesTransferred,
        totalBytes: status.totalBytes,
        errors: status.errors.length,
      },
      remediation:
        missing.length || moved.size < objects.length
          ? 'Retry the transfer task; it resumes from its manifest and sends only what is missing'
          : undefined,
      startedAt: at,
      completedAt: at,
    },
  ];
  for (const object of objects) {
    const ok = object.verified === true && Boolean(object.sha256);
    checks.push({
      id: `data.checksum.${object.id}`,
      category: 'data',
      name: `Checksums of ${object.name}`,
      status: ok ? 'passed' : 'failed',
      message: ok
        ? `All ${object.chunks} chunk digests read back from the target match the source (${object.sha256})`
        : `${object.name} was not verified against its source digests`,
      target: object.target,
      metrics: {
        bytes: object.totalBytes,
        chunks: object.chunks,
        chunksDone: object.chunksDone,
        sha256: object.sha256 ?? '',
        verified: object.verified === true,
      },
      remediation: ok
        ? undefined
        : 'Retry the transfer: verification re-reads the target and re-sends chunks that differ',
      startedAt: at,
      completedAt: at,
    });
  }
  return checks;
}

function overallStatus(
  summary: Record<ValidationStatus, number>,
): ValidationReport['status'] {
  if (summary.failed) return 'failed';
  return summary.warning ? 'warning' : 'passed';
}

function regression(current: number, baseline: number) {
  return baseline > 0 ? ((current - baseline) / baseline) * 100 : 0;
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
  const timeoutMs = options.timeoutMs ?? 3000;
  const threshold = options.latencyRegressionPercent ?? 20;
  const toleranceMs = options.latencyToleranceMs ?? 5;
  const warnDays = options.certificateWarningDays ?? 30;
  const checks: ValidationCheck[] = [
    ...dataChecks(input),
    ...(input.security ?? []),
  ];

  type Pending = { check: ValidationCheck; run: () => Promise<void> };
  const pending: Pending[] = [];
  const refusedRemediation = `Probes reach only the migration's target addresses and migration.validation.allowedRanges (${
    options.policy.describe().join(', ') || 'none'
  }); link-local and metadata addresses are never probed`;

  const add = (
    check: Omit<ValidationCheck, 'status' | 'message' | 'metrics'>,
    run: (c: ValidationCheck) => Promise<void>,
  ) => {
    const full: ValidationCheck = {
      ...check,
      status: 'pending',
      message: 'Waiting',
      metrics: {},
    };
    checks.push(full);
    pending.push({ check: full, run: () => run(full) });
  };

  if (input.endpoints.length === 0) {
    const at = now();
    checks.push({
      id: 'network.endpoints',
      category: 'network',
      name: 'Target endpoints reachable',
      status: 'warning',
      message:
        input.noEndpointsReason ??
        'No target endpoints are known, so no network probe ran',
      metrics: {},
      remediation:
        'Expose the endpoints as Terraform outputs (`endpoints`) or add them to the validation request',
      startedAt: at,
      completedAt: at,
    });
  }

  for (const endpoint of input.endpoints) {
    const label = `${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ''}`;
    if (endpoint.port) {
      add(
        {
          id: `network.tcp.${endpoint.name}`,
          category: 'network',
          name: `TCP connect to ${endpoint.name}`,
          target: label,
        },
        async c => {
          const r = await tcpProbe(options.policy, {
            host: endpoint.host,
            port: endpoint.port!,
            timeoutMs,
            signal: options.signal,
          });
          c.status = r.ok ? 'passed' : 'failed';
          c.message = r.ok
            ? `Connected to ${r.address} in ${round(r.latencyMs!)} ms`
            : r.error!;
          c.metrics = {
            connectMs: r.latencyMs ? round(r.latencyMs) : -1,
            refused: Boolean(r.refused),
          };
          if (!r.ok) {
            c.remediation = r.refused
              ? refusedRemediation
              : 'Check the security group/firewall rules and that the service listens on the port';
          }
        },
      );
    }
    if (endpoint.url) {
      add(
        {
          id: `network.http.${endpoint.name}`,
          category: 'network',
          name: `HTTP health of ${endpoint.name}`,
          target: endpoint.url,
        },
        async c => {
          const r = await httpProbe(options.policy, {
            url: endpoint.url!,
            timeoutMs,
            signal: options.signal,
          });
          c.status = r.ok ? 'passed' : 'failed';
          c.message = r.ok
            ? `HTTP ${r.status} in ${round(r.latencyMs!)} ms`
            : r.error!;
          c.metrics = {
            status: r.status ?? 0,
            responseMs: r.latencyMs ? round(r.latencyMs) : -1,
            refused: Boolean(r.refused),
          };
          if (!r.ok) {
            c.remediation = r.refused
              ? refusedRemediation
              : 'Check the application logs and the load balancer target health';
          }
        },
      );
    }
    const tlsPort =
      endpoint.tlsPort ??
      (endpoint.port === 443 || endpoint.url?.startsWith('https:')
        ? 443
        : undefined);
    if (tlsPort) {
      let urlPort: number | undefined;
      if (endpoint.url?.startsWith('https:')) {
        const port = new URL(endpoint.url).port;
        urlPort = port ? Number(port) : 443;
      }
      const port = endpoint.tlsPort ?? urlPort ?? tlsPort;
      add(
        {
          id: `network.tls.${endpoint.name}`,
          category: 'network',
          name: `TLS of ${endpoint.name}`,
          target: `${endpoint.host}:${port}`,
        },
        async c => {
          const r = await tlsProbe(options.policy, {
            host: endpoint.host,
            port,
            servername: endpoint.servername,
            ca: options.ca,
            timeoutMs,
            signal: options.signal,
          });
          c.metrics = {
            protocol: r.protocol ?? '',
            daysRemaining: r.daysRemaining ?? -1,
            validTo: r.validTo ?? '',
            issuer: r.issuer ?? '',
            trusted: r.authorized === true,
            refused: Boolean(r.refused),
          };
          if (!r.ok) {
            c.status = 'failed';
            c.message = `TLS handshake failed: ${r.error}`;
            c.remediation = r.refused
              ? refusedRemediation
              : 'Enable TLS 1.2 or newer on the endpoint';
            return;
          }
          const problems: string[] = [];
          if (r.protocol && !/^TLSv1\.[23]$/.test(r.protocol)) {
            problems.push(`negotiated ${r.protocol}, below TLS 1.2`);
          }
          if (r.daysRemaining !== undefined && r.daysRemaining < 0) {
            problems.push(`certificate expired on ${r.validTo}`);
          } else if (
            r.validFrom &&
            new Date(r.validFrom).getTime() > Date.now()
          ) {
            problems.push(`certificate not valid before ${r.validFrom}`);
          }
          if (!r.authorized && !problems.some(p => p.includes('expired'))) {
            problems.push(`certificate not trusted (${r.authorizationError})`);
          }
          if (problems.length) {
            c.status = 'failed';
            c.message = problems.join('; ');
            c.remediation =
              'Serve TLS 1.2+ with a certificate from a trusted CA, valid for the host name (renew expired certificates)';
          } else if ((r.daysRemaining ?? Infinity) < warnDays) {
            c.status = 'warning';
            c.message = `${r.protocol}, certificate expires in ${r.daysRemaining} day(s) (${r.validTo})`;
            c.remediation =
              'Renew the certificate, or automate renewal (ACM, Key Vault, cert-manager)';
          } else {
            c.status = 'passed';
            c.message = `${r.protocol}, trusted certificate valid for ${r.daysRemaining} more days`;
          }
        },
      );
    }
    if (endpoint.port) {
      const base = input.baseline?.endpoints.find(
        b => b.name === endpoint.name,
      );
      add(
        {
          id: `performance.latency.${endpoint.name}`,
          category: 'performance',
          name: `Latency of ${endpoint.name}`,
          target: label,
        },
        async c => {
          const m = await measureLatency(options.policy, {
            host: endpoint.host,
            port: endpoint.port!,
            timeoutMs,
            samples: options.latencySamples,
            signal: options.signal,
          });
          c.metrics = {
            p50Ms: Number.isFinite(m.p50Ms) ? round(m.p50Ms) : -1,
            p95Ms: Number.isFinite(m.p95Ms) ? round(m.p95Ms) : -1,
            samples: m.samples,
            failures: m.failures,
            thresholdPercent: threshold,
            toleranceMs,
          };
          if (m.samples === 0) {
            c.status = 'failed';
            c.message = `No latency sample: ${m.error}`;
            c.remediation = m.error?.startsWith('Refusing')
              ? refusedRemediation
              : 'Make the endpoint reachable first';
            return;
          }
          if (!base) {
            c.status = 'warning';
            c.message = `p50 ${round(m.p50Ms)} ms, p95 ${round(
              m.p95Ms,
            )} ms; no baseline was captured before cutover to compare with`;
            c.remediation =
              'Capture a baseline in the transfer phase (it probes the source endpoints)';
            return;
          }
          const change = regression(m.p95Ms, base.p95Ms);
          Object.assign(c.metrics, {
            baselineP50Ms: round(base.p50Ms),
            baselineP95Ms: round(base.p95Ms),
            p95ChangePercent: round(change),
          });
          const withinJitter = m.p95Ms - base.p95Ms <= toleranceMs;
          c.status = 'passed';
          if (!withinJitter && change > threshold / 2) c.status = 'warning';
          if (!withinJitter && change > threshold) c.status = 'failed';
          c.message = `p95 ${round(m.p95Ms)} ms vs ${round(
            base.p95Ms,
          )} ms before cutover (${change >= 0 ? '+' : ''}${round(
            change,
          )} %, threshold ${threshold} %${
            withinJitter && change > threshold / 2
              ? `; within the ${toleranceMs} ms jitter tolerance`
              : ''
          })`;
          if (c.status !== 'passed') {
            c.remediation =
              'Check the instance size, the region choice and network path; compare with the rightsizing recommendations';
          }
        },
      );
    }
  }

  const total = checks.length;
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

  const summary: Record<ValidationStatus, number> = {
    pending: 0,
    running: 0,
    passed: 0,
    failed: 0,
    warning: 0,
  };
  for (const c of checks) summary[c.status]++;
  return {
    ranAt: now(),
    status: overallStatus(summary),
    summary,
    checks,
  };
}
