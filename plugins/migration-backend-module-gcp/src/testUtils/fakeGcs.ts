import { createHash } from 'node:crypto';
import { CRC32C } from '@google-cloud/storage';
import { http, HttpResponse } from 'msw';
import { TEST_TOKEN } from './googleTestAuth';

const HOST = 'https://storage.googleapis.com';
const ALIGN = 256 * 1024;

type Session = {
  id: string;
  bucket: string;
  key: string;
  total?: number;
  chunks: Buffer[];
  persisted: number;
  state: 'open' | 'done' | 'gone';
  metadata: Record<string, unknown>;
  object?: StoredObject;
};
type StoredObject = { data: Buffer; resource: Record<string, unknown> };

/** One request the fake saw. */
export interface GcsCall {
  op:
    | 'initiate'
    | 'put'
    | 'query'
    | 'cancel'
    | 'metadata'
    | 'download'
    | 'delete';
  session?: string;
  /** `Content-Range` of uploads, `Range` of downloads. */
  range?: string;
  bytes?: number;
  hash?: string;
  /** The generation a download asked for. */
  generation?: string;
  status?: number;
}

const jsonError = (code: number, message: string, reason: string) =>
  HttpResponse.json(
    {
      error: { code, message, errors: [{ message, domain: 'global', reason }] },
    },
    { status: code },
  );

/**
 * Cloud Storage's JSON API as the GCS target uses it — resumable uploads (session URI in
 * `Location`, 308 with `Range: bytes=0-N`, the final chunk answered 200 with the object resource,
 * `X-Goog-Hash` checked at finalisation), object metadata, ranged media downloads and deletes —
 * with faults: chunks corrupted in transit, short writes, error answers.
 */
export function createFakeGcs() {
  const sessions = new Map<string, Session>();
  const objects = new Map<string, StoredObject>();
  const calls: GcsCall[] = [];
  /** Offsets of chunks whose first byte flips on the way. */
  const corruptInTransit = new Set<number>();
  /** Offsets of chunks of which only this many bytes are persisted. */
  const shortWrites = new Map<number, number>();
  const faults: Array<{
    op: GcsCall['op'];
    status: number;
    body: object;
    times: number;
  }> = [];
  let generation = 1_700_000_000_000_000;

  const finish = (session: Session): StoredObject => {
    const data = Buffer.concat(session.chunks);
    const crc = new CRC32C();
    crc.update(data);
    const resource = {
      kind: 'storage#object',
      id: `${session.bucket}/${session.key}/${++generation}`,
      name: session.key,
      bucket: session.bucket,
      generation: String(generation),
      metageneration: '1',
      contentType: session.metadata.contentType ?? 'application/octet-stream',
      storageClass: 'STANDARD',
      size: String(data.length),
      md5Hash: createHash('md5').update(data).digest('base64'),
      crc32c: crc.toString(),
      etag: 'CKih16GjycICEAE=',
      timeCreated: new Date().toISOString(),
      updated: new Date().toISOString(),
      metadata: session.metadata.metadata,
    };
    return { data, resource };
  };

  const rangeHeader = (persisted: number) =>
    persisted > 0 ? { range: `bytes=0-${persisted - 1}` } : undefined;

  const upload = async (request: Request, session: Session, call: GcsCall) => {
    if (session.state === 'gone')
      return jsonError(404, 'No such upload session.', 'notFound');
    const range = request.headers.get('content-range') ?? '';
    call.range = range;
    if (range === 'bytes */*') {
      call.op = 'query';
      if (session.state === 'done')
        return HttpResponse.json(session.object!.resource);
      return new HttpResponse(null, {
        status: 308,
        headers: rangeHeader(session.persisted),
      });
    }
    const match = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/.exec(range);
    if (!match)
      return jsonError(400, `Invalid Content-Range: ${range}`, 'invalid');
    let data = Buffer.from(await request.arrayBuffer());
    call.bytes = data.length;
    call.hash = request.headers.get('x-goog-hash') ?? undefined;
    const start = match[1] ? Number(match[1]) : session.persisted;
    const total = match[3] === '*' ? undefined : Number(match[3]);
    if (start !== session.persisted) {
      return jsonError(
        400,
        `Invalid request: the upload continues at byte ${session.persisted}`,
        'invalid',
      );
    }
    const final = total !== undefined && start + data.length === total;
    if (!final && data.length % ALIGN !== 0) {
      return jsonError(
        400,
        'Invalid request. The chunk size must be a multiple of 262144 bytes.',
        'invalid',
      );
    }
    if (corruptInTransit.delete(start) && data.length > 0) {
      data = Buffer.from(data);
      data[0] ^= 0xff;
    }
    const keep = shortWrites.get(start);
    if (keep !== undefined && !final) {
      shortWrites.delete(start);
      data = data.subarray(0, keep);
    }
    session.chunks.push(Buffer.from(data));
    session.persisted += data.length;
    if (!final)
      return new HttpResponse(null, {
        status: 308,
        headers: rangeHeader(session.persisted),
      });
    const object = finish(session);
    const wanted = /crc32c=([^,]+)/.exec(call.hash ?? '')?.[1];
    if (wanted && wanted !== object.resource.crc32c) {
      session.state = 'gone';
      return jsonError(
        400,
        `Provided CRC32C "${wanted}" doesn't match calculated CRC32C "${object.resource.crc32c}".`,
        'invalid',
      );
    }
    session.state = 'done';
    session.object = object;
    objects.set(`${session.bucket}/${session.key}`, object);
    return HttpResponse.json(object.resource);
  };

  const authorised = (request: Request) =>
    request.headers.get('authorization') === `Bearer ${TEST_TOKEN}`;

  const fault = (op: GcsCall['op']) => {
    const found = faults.find(f => f.op === op && f.times > 0);
    if (!found) return undefined;
    found.times--;
    return HttpResponse.json(found.body, { status: found.status });
  };

  const record = (call: GcsCall, response: Response) => {
    call.status = response.status;
    calls.push(call);
    return response;
  };

  const handlers = [
    http.all(
      `${HOST}/upload/storage/v1/b/:bucket/o`,
      async ({ request, params }) => {
        const url = new URL(request.url);
        const id = url.searchParams.get('upload_id');
        if (!authorised(request))
          return jsonError(401, 'Invalid Credentials', 'authError');
        if (!id) {
          const call: GcsCall = { op: 'initiate' };
          const failed = fault('initiate');
          if (failed) return record(call, failed);
          const session: Session = {
            id: `ADPycdt${sessions.size + 1}`,
            bucket: String(params.bucket),
            key: url.searchParams.get('name')!,
            total: Number(
              request.headers.get('x-upload-content-length') ?? NaN,
            ),
            chunks: [],
            persisted: 0,
            state: 'open',
            metadata: (await request.json().catch(() => ({}))) as Record<
              string,
              unknown
            >,
          };
          sessions.set(session.id, session);
          call.session = session.id;
          const location = `${HOST}/upload/storage/v1/b/${
            session.bucket
          }/o?uploadType=resumable&name=${encodeURIComponent(
            session.key,
          )}&upload_id=${session.id}`;
          return record(
            call,
            new HttpResponse(null, { status: 200, headers: { location } }),
          );
        }
        const session = sessions.get(id)!;
        if (request.method === 'DELETE') {
          session.state = 'gone';
          return record(
            { op: 'cancel', session: id },
            new HttpResponse(null, { status: 499 }),
          );
        }
        const query = request.headers.get('content-range') === 'bytes */*';
        const call: GcsCall = { op: query ? 'query' : 'put', session: id };
        const failed = fault(call.op);
        if (failed) return record(call, failed);
        return record(call, await upload(request, session, call));
      },
    ),
    http.all(
      `${HOST}/storage/v1/b/:bucket/o/:object`,
      ({ request, params }) => {
        const key = `${params.bucket}/${decodeURIComponent(
          String(params.object),
        )}`;
        const url = new URL(request.url);
        const object = objects.get(key);
        if (!authorised(request))
          return jsonError(401, 'Invalid Credentials', 'authError');
        if (request.method === 'DELETE') {
          const call: GcsCall = { op: 'delete' };
          if (!object)
            return record(
              call,
              jsonError(404, `No such object: ${key}`, 'notFound'),
            );
          const match = url.searchParams.get('ifGenerationMatch');
          if (match && match !== object.resource.generation) {
            return record(
              call,
              jsonError(
                412,
                'At least one of the pre-conditions you specified did not hold.',
                'conditionNotMet',
              ),
            );
          }
          objects.delete(key);
          return record(call, new HttpResponse(null, { status: 204 }));
        }
        const media = url.searchParams.get('alt') === 'media';
        const call: GcsCall = { op: media ? 'download' : 'metadata' };
        if (!object)
          return record(
            call,
            jsonError(404, `No such object: ${key}`, 'notFound'),
          );
        if (!media) return record(call, HttpResponse.json(object.resource));
        const wanted = url.searchParams.get('generation');
        call.generation = wanted ?? undefined;
        if (wanted && wanted !== object.resource.generation) {
          return record(
            call,
            jsonError(404, `No such object: ${key}#${wanted}`, 'notFound'),
          );
        }
        const range = /bytes=(\d+)-(\d+)/.exec(
          request.headers.get('range') ?? '',
        );
        call.range = request.headers.get('range') ?? undefined;
        const [from, to] = range
          ? [Number(range[1]), Number(range[2])]
          : [0, object.data.length - 1];
        return record(
          call,
          new HttpResponse(object.data.subarray(from, to + 1), {
            status: range ? 206 : 200,
            headers: {
              'content-range': `bytes ${from}-${to}/${object.data.length}`,
              'x-goog-hash': `crc32c=${object.resource.crc32c},md5=${object.resource.md5Hash}`,
              'x-goog-generation': String(object.resource.generation),
            },
          }),
        );
      },
    ),
  ];

  return {
    handlers,
    sessions,
    objects,
    calls,
    corruptInTransit,
    shortWrites,
    faults,
  };
}

export type FakeGcs = ReturnType<typeof createFakeGcs>;
