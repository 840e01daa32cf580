import http from 'node:http';
import https from 'node:https';
import type { IncomingMessage } from 'node:http';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { AddressPolicy } from '../../validation/addressPolicy';
import type { TransferSource } from '@sirsi-nexus/plugin-migration-node';

/**
 * Options of {@link HttpSource}.
 *
 * @public
 */
export interface HttpSourceOptions {
  /** Hosts are resolved through the policy and the connection goes to the vetted address. */
  policy?: AddressPolicy;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Extra request headers (e.g. authorization); never logged. */
  headers?: Record<string, string>;
}

/** Removes user info and query strings (which often carry tokens) from a URL for display. */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    url.username = '';
    url.password = '';
    url.search = url.search ? '?…' : '';
    return url.toString();
  } catch {
    return '<invalid url>';
  }
}

/**
 * Reads an object over HTTP(S). With `Accept-Ranges: bytes` every chunk is a range request
 * (`If-Range` with the ETag, so a changed object is noticed); without range support it reads one
 * response sequentially and restarts it when asked to go back.
 *
 * @public
 */
export class HttpSource implements TransferSource {
  private readonly url: URL;
  private readonly headers: Record<string, string>;
  private meta?: {
    size: number;
    version?: string;
    ranges: boolean;
    etag?: string;
  };
  private stream?: {
    response: IncomingMessage;
    position: number;
    pending: Buffer[];
    iterator: AsyncIterator<Buffer>;
  };
  private lock: Promise<unknown> = Promise.resolve();

  constructor(url: string, private readonly options: HttpSourceOptions = {}) {
    this.url = new URL(url);
    if (this.url.protocol !== 'http:' && this.url.protocol !== 'https:') {
      throw new Error(`Unsupported protocol ${this.url.protocol}`);
    }
    this.headers = { ...options.headers };
    if (this.url.username) {
      const user = decodeURIComponent(this.url.username);
      const password = decodeURIComponent(this.url.password);
      this.headers.authorization = `Basic ${Buffer.from(
        `${user}:${password}`,
      ).toString('base64')}`;
      this.url.username = '';
      this.url.password = '';
    }
  }

  get description() {
    return redactUrl(this.url.toString());
  }

  private async request(
    method: 'GET' | 'HEAD',
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<IncomingMessage> {
    const host = this.url.hostname.replace(/^\[(.*)\]$/, '$1');
    const connectTo = this.options.policy
      ? (await this.options.policy.resolve(host)).address
      : host;
    const lib = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = lib.request(
        {
          method,
          host: connectTo,
          port: this.url.port || undefined,
          path: `${this.url.pathname}${this.url.search}`,
          servername: host,
          headers: { ...this.headers, ...headers, host: this.url.host },
          signal,
          timeout: this.options.timeoutMs ?? 30_000,
        },
        resolve,
      );
      req.on('timeout', () =>
        req.destroy(new Error(`${method} ${this.description} timed out`)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  async stat(signal?: AbortSignal) {
    if (this.meta) return { size: this.meta.size, version: this.meta.version };
    let response = await this.request('HEAD', {}, signal);
    response.resume();
    let size = Number(response.headers['content-length']);
    if (response.statusCode === 405 || response.statusCode === 501) {
      response = await this.request('GET', { range: 'bytes=0-0' }, signal);
      response.resume();
      const total = /\/(\d+)$/.exec(
        String(response.headers['content-range'] ?? ''),
      );
      size = total
        ? Number(total[1])
        : Number(response.headers['content-length']);
    }
    if (response.statusCode! >= 400) {
      throw statusError(this.description, response.statusCode!);
    }
    if (!Number.isFinite(size)) {
      throw new Error(`${this.description} did not report its size`);
    }
    const etag = response.headers.etag;
    const lastModified = response.headers['last-modified'];
    this.meta = {
      size,
      etag: etag && !etag.startsWith('W/') ? etag : undefined,
      version: etag ?? lastModified ?? undefined,
      ranges:
        String(response.headers['accept-ranges'] ?? '').toLowerCase() ===
          'bytes' || response.statusCode === 206,
    };
    return { size, version: this.meta.version };
  }

  async read(offset: number, length: number, signal?: AbortSignal) {
    const meta = this.meta ?? (await this.stat(signal), this.meta!);
    if (length === 0) return Buffer.alloc(0);
    if (!meta.ranges) {
      const turn = this.lock.then(() =>
        this.readSequential(offset, length, signal),
      );
      this.lock = turn.catch(() => undefined);
      return turn;
    }
    const headers: Record<string, string> = {
      range: `bytes=${offset}-${offset + length - 1}`,
    };
    if (meta.etag) headers['if-range'] = meta.etag;
    const response = await this.request('GET', headers, signal);
    if (
      response.statusCode === 200 &&
      !(offset === 0 && length === meta.size)
    ) {
      response.destroy();
      throw new Error(
        `${this.description} changed during the transfer (the server ignored the range)`,
      );
    }
    if (response.statusCode !== 206 && response.statusCode !== 200) {
      response.destroy();
      throw new Error(
        `${this.description} answered HTTP ${response.statusCode}`,
      );
    }
    const contentRange = String(response.headers['content-range'] ?? '');
    if (
      response.statusCode === 206 &&
      !contentRange.startsWith(`bytes ${offset}-`)
    ) {
      response.destroy();
      throw new Error(
        `${this.description} returned range '${contentRange}', expected ${offset}-`,
      );
    }
    return readExactly(response, length, this.description);
  }

  private async readSequential(
    offset: number,
    length: number,
    signal?: AbortSignal,
  ) {
    if (!this.stream || this.stream.position > offset) {
      this.stream?.response.destroy();
      const response = await this.request('GET', {}, signal);
      if (response.statusCode !== 200) {
        response.destroy();
        throw new Error(
          `${this.description} answered HTTP ${response.statusCode}`,
        );
      }
      this.stream = {
        response,
        position: 0,
        pending: [],
        iterator: response[Symbol.asyncIterator](),
      };
    }
    const stream = this.stream;
    const take = async (count: number) => {
      const parts: Buffer[] = [];
      let have = 0;
      while (have < count) {
        signal?.throwIfAborted();
        const next =
          stream.pending.shift() ?? (await stream.iterator.next()).value;
        if (!next)
          throw new Error(
            `${this.description} ended early at ${
              stream.position + have
            } bytes`,
          );
        const need = count - have;
        if (next.length > need) {
          parts.push(next.subarray(0, need));
          stream.pending.unshift(next.subarray(need));
          have += need;
        } else {
          parts.push(next);
          have += next.length;
        }
      }
      stream.position += count;
      return Buffer.concat(parts, count);
    };
    if (stream.position < offset) await take(offset - stream.position);
    return take(length);
  }

  async close() {
    this.stream?.response.destroy();
    this.stream = undefined;
  }
}

async function readExactly(
  response: IncomingMessage,
  length: number,
  what: string,
) {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  for await (const piece of response as AsyncIterable<Buffer>) {
    if (filled + piece.length > length) {
      response.destroy();
      throw new Error(`${what} sent more bytes than the requested range`);
    }
    piece.copy(buffer, filled);
    filled += piece.length;
  }
  if (filled !== length) {
    throw new Error(`${what} sent ${filled} bytes, expected ${length}`);
  }
  return buffer;
}

/**
 * The error of an HTTP answer to a size request: a source that is gone (404, 410) or refused
 * (401, 403) fails for good, anything else may pass on another attempt.
 */
function statusError(description: string, status: number): Error {
  const message = `${description} answered HTTP ${status}`;
  if (status === 404 || status === 410) {
    return new NotFoundError(`${message}: the source does not exist`);
  }
  if (status === 401 || status === 403) {
    return new NotAllowedError(`${message}: the source refuses access`);
  }
  return new Error(message);
}
