import type { SessionTransport } from './resumableSession';

/**
 * Reads bytes `[start, end]` of one generation of an object (JSON API media download with
 * `Range`), through the same authenticated transport as the uploads. Pinning the generation makes
 * verification read the object this upload made, never a newer one under the same name.
 */
export async function readRange(
  transport: SessionTransport,
  args: {
    apiEndpoint: string;
    bucket: string;
    key: string;
    generation?: string;
    start: number;
    end: number;
  },
  signal?: AbortSignal,
): Promise<Buffer> {
  const response = await transport.request<ArrayBuffer>({
    url: `${args.apiEndpoint}/storage/v1/b/${encodeURIComponent(
      args.bucket,
    )}/o/${encodeURIComponent(args.key)}`,
    method: 'GET',
    params: {
      alt: 'media',
      ...(args.generation ? { generation: args.generation } : {}),
    },
    headers: { Range: `bytes=${args.start}-${args.end}` },
    responseType: 'arraybuffer',
    signal,
  });
  return Buffer.from(response.data);
}
