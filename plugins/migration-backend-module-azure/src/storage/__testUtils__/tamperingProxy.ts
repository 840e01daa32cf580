import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy passed on, in Blob REST terms. */
export interface ProxiedCall {
  method: string;
  /** `comp` of the query (`block`, `blocklist`, …) or empty. */
  comp: string;
  blockId?: string;
  /** `x-ms-range` / `Range` of a download. */
  range?: string;
  status?: number;
}

/**
 * A network between the SDK and Azurite that records every request and can damage bytes in
 * flight: the body of chosen `Put Block` requests (Azurite then checks the MD5 the SDK sent) or
 * of chosen ranged downloads.
 */
export async function startTamperingProxy(target: { port: number }) {
  const calls: ProxiedCall[] = [];
  const corrupt = {
    /** Put Block requests to damage, by block id; each is damaged once. */
    blocks: new Set<string>(),
    /** Download ranges to damage (`bytes=<start>-<end>`); each is damaged once. */
    ranges: new Set<string>(),
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://proxy');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    const call: ProxiedCall = {
      method: req.method!,
      comp: url.searchParams.get('comp') ?? '',
      blockId: url.searchParams.get('blockid') ?? undefined,
      range: (req.headers['x-ms-range'] ?? req.headers.range) as
        | string
        | undefined,
    };
    calls.push(call);
    if (call.blockId && corrupt.blocks.delete(call.blockId)) {
      body = Buffer.from(body);
      body[0] ^= 0xff;
    }
    const upstream = http.request(
      {
        host: '127.0.0.1',
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      async response => {
        call.status = response.statusCode;
        const parts: Buffer[] = [];
        for await (const part of response) parts.push(part as Buffer);
        const answer = Buffer.concat(parts);
        if (call.range && corrupt.ranges.delete(call.range) && answer.length) {
          answer[answer.length - 1] ^= 0xff;
        }
        res.writeHead(response.statusCode!, response.headers);
        res.end(answer);
      },
    );
    upstream.on('error', error => res.destroy(error));
    upstream.end(body);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    calls,
    corrupt,
    stop: () => new Promise(resolve => server.close(resolve)),
  };
}

export type TamperingProxy = Awaited<ReturnType<typeof startTamperingProxy>>;
