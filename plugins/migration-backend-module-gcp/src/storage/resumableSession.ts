/**
 * The JSON API's resumable upload protocol on an existing session URI: chunks are PUT with
 * `Content-Range`; Cloud Storage answers 308 with `Range: bytes=0-N` (what it persisted) until
 * the final chunk, which it answers 200/201 with the object's metadata; an empty PUT with
 * `Content-Range: bytes *\/*` asks where the session is.
 */

/** The object Cloud Storage made when the upload completed. */
export interface UploadedObject {
  size?: string;
  crc32c?: string;
  md5Hash?: string;
  generation?: string;
}

/** Where a session is: bytes persisted so far, or the finished object. */
export type SessionStatus =
  | { persisted: number; object?: undefined }
  | { persisted: number; object: UploadedObject };

/** An authenticated transport that returns every status the protocol uses. */
export interface SessionTransport {
  request<T>(options: {
    url: string;
    method: string;
    params?: Record<string, string>;
    headers?: Record<string, string>;
    body?: Buffer;
    responseType?: 'arraybuffer' | 'json';
    signal?: AbortSignal;
    validateStatus?: (status: number) => boolean;
  }): Promise<{
    status: number;
    data: T;
    headers: { get(name: string): string | null };
  }>;
}

const IN_PROGRESS = 308;

const accepted = (status: number) =>
  status === IN_PROGRESS || (status >= 200 && status < 300);

function statusOf(response: {
  status: number;
  data: unknown;
  headers: { get(name: string): string | null };
}): SessionStatus {
  if (response.status === IN_PROGRESS) {
    // `Range: bytes=0-N`; no header means nothing is persisted yet.
    const range = /bytes=0-(\d+)/.exec(response.headers.get('range') ?? '');
    return { persisted: range ? Number(range[1]) + 1 : 0 };
  }
  const object = (response.data ?? {}) as UploadedObject;
  return { persisted: Number(object.size ?? 0), object };
}

/** Asks the session how much it persisted (or for the object, when the upload completed). */
export async function querySession(
  transport: SessionTransport,
  uri: string,
  signal?: AbortSignal,
): Promise<SessionStatus> {
  const response = await transport.request<unknown>({
    url: uri,
    method: 'PUT',
    headers: { 'Content-Range': 'bytes */*', 'Content-Length': '0' },
    signal,
    validateStatus: accepted,
  });
  return statusOf(response);
}

/**
 * Sends `data` as the bytes from `start` on. The final chunk carries the whole object's CRC32C
 * in `X-Goog-Hash`, so Cloud Storage refuses an object whose bytes differ from the source's.
 */
export async function putChunk(
  transport: SessionTransport,
  uri: string,
  args: {
    data: Buffer;
    start: number;
    total: number;
    /** Base64 CRC32C of the whole object; only with the final chunk. */
    crc32c?: string;
  },
  signal?: AbortSignal,
): Promise<SessionStatus> {
  const { data, start, total } = args;
  const range =
    data.length === 0
      ? `bytes */${total}`
      : `bytes ${start}-${start + data.length - 1}/${total}`;
  const headers: Record<string, string> = {
    'Content-Range': range,
    'Content-Length': String(data.length),
  };
  if (args.crc32c) headers['X-Goog-Hash'] = `crc32c=${args.crc32c}`;
  const response = await transport.request<unknown>({
    url: uri,
    method: 'PUT',
    headers,
    body: data,
    signal,
    validateStatus: accepted,
  });
  return statusOf(response);
}

/** Cancels a session: Cloud Storage answers 499; a session that is gone already answers 404/410. */
export async function cancelSession(
  transport: SessionTransport,
  uri: string,
  signal?: AbortSignal,
): Promise<void> {
  await transport.request<unknown>({
    url: uri,
    method: 'DELETE',
    headers: { 'Content-Length': '0' },
    signal,
    validateStatus: status =>
      status === 499 ||
      status === 404 ||
      status === 410 ||
      (status >= 200 && status < 300),
  });
}
