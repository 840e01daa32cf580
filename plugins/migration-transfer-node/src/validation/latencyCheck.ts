import type {
  PerformanceBaseline,
  ValidationCheck,
} from '@sirsi-nexus/plugin-migration-common';
import {
  pendingCheck,
  round,
  type PendingCheck,
  type ProbeContext,
} from './pendingCheck';
import { measureLatency } from './probes';
import type { ValidationEndpoint } from './runValidation';
import { endpointLabel } from './networkChecks';

type BaselineEndpoint = PerformanceBaseline['endpoints'][number];

/** How latency is judged against the baseline. */
export interface LatencyJudgement {
  latencySamples?: number;
  /** p95 regression in percent beyond which the check fails; half of it warns. */
  thresholdPercent: number;
  /** A p95 increase of at most this many milliseconds is jitter. */
  toleranceMs: number;
}

function regression(current: number, baseline: number) {
  return baseline > 0 ? ((current - baseline) / baseline) * 100 : 0;
}

/** Compares the measured p95 with the baseline's; an increase within the tolerance is jitter. */
function compare(
  c: ValidationCheck,
  m: { p50Ms: number; p95Ms: number },
  base: BaselineEndpoint,
  { thresholdPercent: threshold, toleranceMs }: LatencyJudgement,
) {
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
}

/** Latency percentiles of TCP connects to the endpoint, against the baseline from before cutover. */
export function latencyCheck(
  endpoint: ValidationEndpoint & { port: number },
  base: BaselineEndpoint | undefined,
  ctx: ProbeContext & LatencyJudgement,
): PendingCheck {
  return pendingCheck(
    {
      id: `performance.latency.${endpoint.name}`,
      category: 'performance',
      name: `Latency of ${endpoint.name}`,
      target: endpointLabel(endpoint),
    },
    async c => {
      const m = await measureLatency(ctx.policy, {
        host: endpoint.host,
        port: endpoint.port,
        timeoutMs: ctx.timeoutMs,
        samples: ctx.latencySamples,
        signal: ctx.signal,
      });
      c.metrics = {
        p50Ms: Number.isFinite(m.p50Ms) ? round(m.p50Ms) : -1,
        p95Ms: Number.isFinite(m.p95Ms) ? round(m.p95Ms) : -1,
        samples: m.samples,
        failures: m.failures,
        thresholdPercent: ctx.thresholdPercent,
        toleranceMs: ctx.toleranceMs,
      };
      if (m.samples === 0) {
        c.status = 'failed';
        c.message = `No latency sample: ${m.error}`;
        c.remediation = m.error?.startsWith('Refusing')
          ? ctx.refusedRemediation
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
      compare(c, m, base, ctx);
    },
  );
}
