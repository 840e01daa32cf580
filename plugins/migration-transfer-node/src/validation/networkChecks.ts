import type { ValidationCheck } from '@sirsi-nexus/plugin-migration-common';
import {
  pendingCheck,
  round,
  type PendingCheck,
  type ProbeContext,
} from './pendingCheck';
import { httpProbe, tcpProbe } from './probes';
import type { ValidationEndpoint } from './runValidation';

/** The endpoint as the checks name it: host, and port when there is one. */
export const endpointLabel = (endpoint: ValidationEndpoint) =>
  `${endpoint.host}${endpoint.port ? `:${endpoint.port}` : ''}`;

/** Whether a TCP connect to the endpoint's port succeeds. */
export function tcpCheck(
  endpoint: ValidationEndpoint & { port: number },
  ctx: ProbeContext,
): PendingCheck {
  return pendingCheck(
    {
      id: `network.tcp.${endpoint.name}`,
      category: 'network',
      name: `TCP connect to ${endpoint.name}`,
      target: endpointLabel(endpoint),
    },
    async c => {
      const r = await tcpProbe(ctx.policy, {
        host: endpoint.host,
        port: endpoint.port,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
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
          ? ctx.refusedRemediation
          : 'Check the security group/firewall rules and that the service listens on the port';
      }
    },
  );
}

/** Whether the endpoint's health URL answers with success. */
export function httpCheck(
  endpoint: ValidationEndpoint & { url: string },
  ctx: ProbeContext,
): PendingCheck {
  return pendingCheck(
    {
      id: `network.http.${endpoint.name}`,
      category: 'network',
      name: `HTTP health of ${endpoint.name}`,
      target: endpoint.url,
    },
    async (c: ValidationCheck) => {
      const r = await httpProbe(ctx.policy, {
        url: endpoint.url,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
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
          ? ctx.refusedRemediation
          : 'Check the application logs and the load balancer target health';
      }
    },
  );
}
