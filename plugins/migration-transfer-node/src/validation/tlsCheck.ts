import type { ValidationCheck } from '@sirsi-nexus/plugin-migration-common';
import {
  pendingCheck,
  type PendingCheck,
  type ProbeContext,
} from './pendingCheck';
import { tlsProbe, type TlsProbeResult } from './probes';
import type { ValidationEndpoint } from './runValidation';

/**
 * The port to check TLS on: `tlsPort`, else the https URL's port, else 443 when the port is 443;
 * none when the endpoint speaks no TLS.
 */
export function tlsPortOf(endpoint: ValidationEndpoint): number | undefined {
  const https = endpoint.url?.startsWith('https:');
  const tlsPort =
    endpoint.tlsPort ?? (endpoint.port === 443 || https ? 443 : undefined);
  if (!tlsPort) return undefined;
  let urlPort: number | undefined;
  if (https) {
    const port = new URL(endpoint.url!).port;
    urlPort = port ? Number(port) : 443;
  }
  return endpoint.tlsPort ?? urlPort ?? tlsPort;
}

/** What is wrong with a completed handshake: old protocol, expired, not yet valid, untrusted. */
function problemsOf(r: TlsProbeResult): string[] {
  const problems: string[] = [];
  if (r.protocol && !/^TLSv1\.[23]$/.test(r.protocol)) {
    problems.push(`negotiated ${r.protocol}, below TLS 1.2`);
  }
  if (r.daysRemaining !== undefined && r.daysRemaining < 0) {
    problems.push(`certificate expired on ${r.validTo}`);
  } else if (r.validFrom && new Date(r.validFrom).getTime() > Date.now()) {
    problems.push(`certificate not valid before ${r.validFrom}`);
  }
  if (!r.authorized && !problems.some(p => p.includes('expired'))) {
    problems.push(`certificate not trusted (${r.authorizationError})`);
  }
  return problems;
}

function judge(
  c: ValidationCheck,
  r: TlsProbeResult,
  warnDays: number,
  refusedRemediation: string,
) {
  if (!r.ok) {
    c.status = 'failed';
    c.message = `TLS handshake failed: ${r.error}`;
    c.remediation = r.refused
      ? refusedRemediation
      : 'Enable TLS 1.2 or newer on the endpoint';
    return;
  }
  const problems = problemsOf(r);
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
}

/** Whether the endpoint serves TLS 1.2+ with a trusted, valid certificate not about to expire. */
export function tlsCheck(
  endpoint: ValidationEndpoint,
  port: number,
  ctx: ProbeContext & { certificateWarningDays: number },
): PendingCheck {
  return pendingCheck(
    {
      id: `network.tls.${endpoint.name}`,
      category: 'network',
      name: `TLS of ${endpoint.name}`,
      target: `${endpoint.host}:${port}`,
    },
    async c => {
      const r = await tlsProbe(ctx.policy, {
        host: endpoint.host,
        port,
        servername: endpoint.servername,
        ca: ctx.ca,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
      });
      c.metrics = {
        protocol: r.protocol ?? '',
        daysRemaining: r.daysRemaining ?? -1,
        validTo: r.validTo ?? '',
        issuer: r.issuer ?? '',
        trusted: r.authorized === true,
        refused: Boolean(r.refused),
      };
      judge(c, r, ctx.certificateWarningDays, ctx.refusedRemediation);
    },
  );
}
