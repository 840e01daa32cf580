import net from 'node:net';
import tls from 'node:tls';
import http from 'node:http';
import https from 'node:https';
import type { AddressPolicy } from './addressPolicy';

/**
 * Outcome of one network probe. `refused` means the address policy did not allow it, so nothing
 * was sent.
 *
 * @public
 */
export interface ProbeResult {
  ok: boolean;
  refused?: boolean;
  address?: string;
  latencyMs?: number;
  error?: string;
}

/** @public */
export interface TcpProbeOptions {
  host: string;
  port: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Resolves a probe's promise once: with the first result, the time-out or the abort, whichever
 * comes first, after clearing the timer, the abort listener and the connection.
 */
function settleOnce<T>(options: {
  resolve: (value: T) => void;
  timeoutMs: number;
  onTimeout: () => T;
  onAbort: () => T;
  signal?: AbortSignal;
  cleanup: () => void;
}): (value: T) => void {
  const hold: { timer?: NodeJS.Timeout; abort?: () => void; done?: boolean } =
    {};
  const finish = (value: T) => {
    if (hold.done) return;
    hold.done = true;
    clearTimeout(hold.timer);
    if (hold.abort) options.signal?.removeEventListener('abort', hold.abort);
    options.cleanup();
    options.resolve(value);
  };
  hold.timer = setTimeout(() => finish(options.onTimeout()), options.timeoutMs);
  hold.abort = () => finish(options.onAbort());
  options.signal?.addEventListener('abort', hold.abort);
  return finish;
}

async function vet(policy: AddressPolicy, host: string) {
  try {
    return { address: (await policy.resolve(host)).address };
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

/**
 * Opens a TCP connection to a vetted address and measures the connect time.
 *
 * @public
 */
export async function tcpProbe(
  policy: AddressPolicy,
  options: TcpProbeOptions,
): Promise<ProbeResult> {
  const vetted = await vet(policy, options.host);
  if (vetted.refused)
    return { ok: false, refused: true, error: vetted.refused };
  const address = vetted.address!;
  const started = performance.now();
  return new Promise<ProbeResult>(resolve => {
    const socket = net.connect({ host: address, port: options.port });
    const timeoutMs = options.timeoutMs ?? 3000;
    const finish = settleOnce<ProbeResult>({
      resolve,
      timeoutMs,
      onTimeout: () => ({
        ok: false,
        address,
        error: `No connection within ${timeoutMs} ms`,
      }),
      onAbort: () => ({ ok: false, address, error: 'Aborted' }),
      signal: options.signal,
      cleanup: () => socket.destroy(),
    });
    socket.once('connect', () =>
      finish({ ok: true, address, latencyMs: performance.now() - started }),
    );
    socket.once('error', error =>
      finish({ ok: false, address, error: error.message }),
    );
  });
}

/** @public */
export interface HttpProbeOptions {
  url: string;
  timeoutMs?: number;
  /** Status codes that count as healthy (default 200–399). */
  expectStatus?: number[];
  signal?: AbortSignal;
}

/** @public */
export interface HttpProbeResult extends ProbeResult {
  status?: number;
}

/**
 * Sends `GET url` to a vetted address and checks the status. Certificates are not judged here
 * (the TLS probe does that), so an expired certificate still yields the health status.
 *
 * @public
 */
export async function httpProbe(
  policy: AddressPolicy,
  options: HttpProbeOptions,
): Promise<HttpProbeResult> {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return { ok: false, error: `'${options.url}' is not a URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: `Unsupported protocol ${url.protocol}` };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const vetted = await vet(policy, host);
  if (vetted.refused)
    return { ok: false, refused: true, error: vetted.refused };
  const address = vetted.address!;
  const timeoutMs = options.timeoutMs ?? 5000;
  const started = performance.now();
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise<HttpProbeResult>(resolve => {
    const hold: { finish?: (result: HttpProbeResult) => void } = {};
    const req = lib.request(
      {
        method: 'GET',
        host: address,
        port: url.port || undefined,
        path: `${url.pathname}${url.search}`,
        headers: {
          host: url.host,
          'user-agent': 'sirsi-nexus-migrate-validation',
        },
        servername: host,
        rejectUnauthorized: false,
        signal: options.signal,
        agent: false,
      },
      res => {
        res.resume();
        const status = res.statusCode ?? 0;
        const healthy = options.expectStatus
          ? options.expectStatus.includes(status)
          : status >= 200 && status < 400;
        hold.finish!({
          ok: healthy,
          address,
          status,
          latencyMs: performance.now() - started,
          error: healthy ? undefined : `HTTP ${status}`,
        });
      },
    );
    hold.finish = settleOnce<HttpProbeResult>({
      resolve,
      timeoutMs,
      onTimeout: () => ({
        ok: false,
        address,
        error: `No response within ${timeoutMs} ms`,
      }),
      onAbort: () => ({ ok: false, address, error: 'Aborted' }),
      cleanup: () => req.destroy(),
    });
    req.on('error', error =>
      hold.finish!({ ok: false, address, error: error.message }),
    );
    req.end();
  });
}

/** @public */
export interface TlsProbeOptions {
  host: string;
  port?: number;
  /** Name the certificate must match (default `host`). */
  servername?: string;
  /** Extra trusted CA certificates (PEM), for private PKIs. */
  ca?: string[];
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** @public */
export interface TlsProbeResult extends ProbeResult {
  protocol?: string;
  authorized?: boolean;
  authorizationError?: string;
  subject?: string;
  issuer?: string;
  validFrom?: string;
  validTo?: string;
  daysRemaining?: number;
}

/**
 * Completes a TLS handshake with a vetted address and reports the negotiated protocol and the
 * certificate (trust, validity dates, days left). Old protocols are offered on purpose so that a
 * server still speaking TLS 1.0/1.1 is reported as such rather than as a failed handshake.
 *
 * @public
 */
export async function tlsProbe(
  policy: AddressPolicy,
  options: TlsProbeOptions,
): Promise<TlsProbeResult> {
  const vetted = await vet(policy, options.host);
  if (vetted.refused)
    return { ok: false, refused: true, error: vetted.refused };
  const address = vetted.address!;
  const servername = options.servername ?? options.host;
  const timeoutMs = options.timeoutMs ?? 5000;
  const started = performance.now();
  return new Promise<TlsProbeResult>(resolve => {
    const socket = tls.connect({
      host: address,
      port: options.port ?? 443,
      servername: net.isIP(servername) ? undefined : servername,
      rejectUnauthorized: false,
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ca: options.ca ? [...tls.rootCertificates, ...options.ca] : undefined,
    });
    const finish = settleOnce<TlsProbeResult>({
      resolve,
      timeoutMs,
      onTimeout: () => ({
        ok: false,
        address,
        error: `No handshake within ${timeoutMs} ms`,
      }),
      onAbort: () => ({ ok: false, address, error: 'Aborted' }),
      signal: options.signal,
      cleanup: () => socket.destroy(),
    });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const validTo = cert.valid_to ? new Date(cert.valid_to) : undefined;
      let authorizationError = socket.authorizationError
        ? String(socket.authorizationError)
        : undefined;
      const identity = cert.raw
        ? tls.checkServerIdentity(servername, cert)
        : undefined;
      if (
        identity &&
        (!authorizationError || /ALTNAME/.test(authorizationError))
      ) {
        authorizationError = identity.message;
      }
      finish({
        ok: true,
        address,
        latencyMs: performance.now() - started,
        protocol: socket.getProtocol() ?? undefined,
        authorized: !authorizationError,
        authorizationError,
        subject: cert.subject?.CN ? String(cert.subject.CN) : undefined,
        issuer: cert.issuer?.CN ? String(cert.issuer.CN) : undefined,
        validFrom: cert.valid_from
          ? new Date(cert.valid_from).toISOString()
          : undefined,
        validTo: validTo?.toISOString(),
        daysRemaining: validTo
          ? Math.floor((validTo.getTime() - Date.now()) / 86_400_000)
          : undefined,
      });
    });
    socket.once('error', error =>
      finish({ ok: false, address, error: error.message }),
    );
  });
}

/**
 * Connect-time percentiles over several TCP probes.
 *
 * @public
 */
export async function measureLatency(
  policy: AddressPolicy,
  options: TcpProbeOptions & { samples?: number },
): Promise<{
  p50Ms: number;
  p95Ms: number;
  samples: number;
  failures: number;
  error?: string;
}> {
  const values: number[] = [];
  let failures = 0;
  let error: string | undefined;
  for (let i = 0; i < (options.samples ?? 10); i++) {
    const result = await tcpProbe(policy, options);
    if (result.refused)
      return {
        p50Ms: NaN,
        p95Ms: NaN,
        samples: 0,
        failures: 1,
        error: result.error,
      };
    if (result.ok) values.push(result.latencyMs!);
    else {
      failures++;
      error = result.error;
    }
  }
  const sorted = values.sort((a, b) => a - b);
  const pick = (p: number) =>
    sorted.length
      ? sorted[
          Math.min(
            sorted.length - 1,
            Math.max(0, Math.ceil((p / 100) * sorted.length) - 1),
          )
        ]
      : NaN;
  return {
    p50Ms: pick(50),
    p95Ms: pick(95),
    samples: sorted.length,
    failures,
    error,
  };
}
