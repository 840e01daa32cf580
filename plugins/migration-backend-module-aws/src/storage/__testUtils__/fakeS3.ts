/*
 * An in-memory S3 served through msw in S3's REST/XML wire format, enough for multipart uploads
 * with SHA-256 checksums: it validates part checksums (BadDigest), enforces the 5 MiB minimum
 * part size on completion (EntityTooSmall), answers NoSuchUpload, reports the composite checksum
 * and serves ranged GETs. Faults can be injected per test.
 */
import { createHash, randomUUID } from 'node:crypto';
import { http, HttpResponse } from 'msw';

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';

interface Upload {
  bucket: string;
  key: string;
  parts: Map<number, { data: Buffer; etag: string; sha256: string }>;
}

export interface FakeS3 {
  objects: Map<string, { data: Buffer; checksum: string }>;
  uploads: Map<string, Upload>;
  calls: Array<{
    op: string;
    key: string;
    partNumber?: number;
    uploadId?: string;
  }>;
  /** Flip a byte of the next upload of these part numbers (S3 then answers BadDigest). */
  corruptPartsInTransit: Set<number>;
  /** Flip a byte in the next ranged GET that starts at one of these offsets. */
  corruptReadsAt: Set<number>;
  handlers: ReturnType<typeof http.all>[];
}

function xml(body: string, status = 200, headers: Record<string, string> = {}) {
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
  });
}

function s3Error(code: string, message: string, status: number) {
  return xml(
    `<Error><Code>${code}</Code><Message>${message}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>host</HostId></Error>`,
    status,
  );
}

export function createFakeS3(region = 'us-east-1'): FakeS3 {
  const fake: FakeS3 = {
    objects: new Map(),
    uploads: new Map(),
    calls: [],
    corruptPartsInTransit: new Set(),
    corruptReadsAt: new Set(),
    handlers: [],
  };
  // Virtual-hosted (`bucket.s3.region.amazonaws.com/key`) and path-style (`s3.region.../bucket/key`).
  const host = `s3\\.${region.replace(/-/g, '\\-')}\\.amazonaws\\.com`;
  const pattern = new RegExp(`^https://([a-z0-9.-]+\\.)?${host}/(.*)$`);

  fake.handlers.push(
    http.all(pattern, async ({ request }) => {
      const url = new URL(request.url);
      const pathStyle = url.hostname.startsWith('s3.');
      const segments = url.pathname.slice(1).split('/');
      const bucket = pathStyle
        ? segments.shift()!
        : url.hostname.split('.s3.')[0];
      const key = decodeURIComponent(
        pathStyle ? segments.join('/') : url.pathname.slice(1),
      );
      const objectKey = `${bucket}/${key}`;
      const uploadId = url.searchParams.get('uploadId') ?? undefined;
      const method = request.method;

      if (method === 'POST' && url.searchParams.has('uploads')) {
        const id = randomUUID();
        fake.uploads.set(id, { bucket, key, parts: new Map() });
        fake.calls.push({ op: 'CreateMultipartUpload', key });
        return xml(
          `<InitiateMultipartUploadResult xmlns="${NS}"><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
          200,
          { 'x-amz-checksum-algorithm': 'SHA256' },
        );
      }

      if (method === 'PUT' && uploadId) {
        const partNumber = Number(url.searchParams.get('partNumber'));
        fake.calls.push({ op: 'UploadPart', key, partNumber, uploadId });
        const upload = fake.uploads.get(uploadId);
        if (!upload) {
          return s3Error(
            'NoSuchUpload',
            'The specified upload does not exist.',
            404,
          );
        }
        const data = Buffer.from(await request.arrayBuffer());
        if (fake.corruptPartsInTransit.delete(partNumber)) data[0] ^= 0xff;
        const declared = request.headers.get('x-amz-checksum-sha256');
        const actual = createHash('sha256').update(data).digest('base64');
        if (declared && declared !== actual) {
          return s3Error(
            'BadDigest',
            'The SHA256 you specified did not match the calculated checksum.',
            400,
          );
        }
        const etag = `"${createHash('md5').update(data).digest('hex')}"`;
        upload.parts.set(partNumber, { data, etag, sha256: actual });
        return new HttpResponse(null, {
          status: 200,
          headers: { etag, 'x-amz-checksum-sha256': actual },
        });
      }

      if (method === 'POST' && uploadId) {
        fake.calls.push({ op: 'CompleteMultipartUpload', key, uploadId });
        const upload = fake.uploads.get(uploadId);
        if (!upload) {
          return s3Error(
            'NoSuchUpload',
            'The specified upload does not exist.',
            404,
          );
        }
        const text = await request.text();
        const parts = [...text.matchAll(/<Part>([\s\S]*?)<\/Part>/g)].map(
          m => ({
            partNumber: Number(
              /<PartNumber>(\d+)<\/PartNumber>/.exec(m[1])![1],
            ),
            etag: /<ETag>(.*?)<\/ETag>/.exec(m[1])![1].replace(/&quot;/g, '"'),
          }),
        );
        const chosen = [];
        for (const [i, part] of parts.entries()) {
          const stored = upload.parts.get(part.partNumber);
          if (!stored || stored.etag !== part.etag) {
            return s3Error(
              'InvalidPart',
              'One or more of the specified parts could not be found.',
              400,
            );
          }
          if (i < parts.length - 1 && stored.data.length < 5 * 1024 * 1024) {
            return s3Error(
              'EntityTooSmall',
              'Your proposed upload is smaller than the minimum allowed object size.',
              400,
            );
          }
          chosen.push(stored);
        }
        const digest = createHash('sha256');
        for (const part of chosen)
          digest.update(Buffer.from(part.sha256, 'base64'));
        const checksum = `${digest.digest('base64')}-${chosen.length}`;
        fake.objects.set(objectKey, {
          data: Buffer.concat(chosen.map(p => p.data)),
          checksum,
        });
        fake.uploads.delete(uploadId);
        return xml(
          `<CompleteMultipartUploadResult xmlns="${NS}"><Location>https://${bucket}.s3.${region}.amazonaws.com/${key}</Location><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"${createHash(
            'md5',
          )
            .update(key)
            .digest('hex')}-${
            chosen.length
          }"</ETag><ChecksumSHA256>${checksum}</ChecksumSHA256><ChecksumType>COMPOSITE</ChecksumType></CompleteMultipartUploadResult>`,
        );
      }

      if (method === 'DELETE' && uploadId) {
        fake.calls.push({ op: 'AbortMultipartUpload', key, uploadId });
        if (!fake.uploads.delete(uploadId)) {
          return s3Error(
            'NoSuchUpload',
            'The specified upload does not exist.',
            404,
          );
        }
        return new HttpResponse(null, { status: 204 });
      }

      if (method === 'GET' && uploadId) {
        fake.calls.push({ op: 'ListParts', key, uploadId });
        const upload = fake.uploads.get(uploadId);
        if (!upload) {
          return s3Error(
            'NoSuchUpload',
            'The specified upload does not exist.',
            404,
          );
        }
        const parts = [...upload.parts.entries()]
          .sort(([a], [b]) => a - b)
          .map(
            ([n, p]) =>
              `<Part><PartNumber>${n}</PartNumber><LastModified>2027-01-01T00:00:00.000Z</LastModified><ETag>${p.etag.replace(
                /"/g,
                '&quot;',
              )}</ETag><Size>${p.data.length}</Size><ChecksumSHA256>${
                p.sha256
              }</ChecksumSHA256></Part>`,
          )
          .join('');
        return xml(
          `<ListPartsResult xmlns="${NS}"><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId><PartNumberMarker>0</PartNumberMarker><NextPartNumberMarker>${upload.parts.size}</NextPartNumberMarker><MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>${parts}<StorageClass>STANDARD</StorageClass><ChecksumAlgorithm>SHA256</ChecksumAlgorithm></ListPartsResult>`,
        );
      }

      if (method === 'GET' || method === 'HEAD') {
        fake.calls.push({
          op: method === 'GET' ? 'GetObject' : 'HeadObject',
          key,
        });
        const object = fake.objects.get(objectKey);
        if (!object) {
          return method === 'HEAD'
            ? new HttpResponse(null, { status: 404 })
            : s3Error('NoSuchKey', 'The specified key does not exist.', 404);
        }
        const headers: Record<string, string> = {
          'accept-ranges': 'bytes',
          'content-type': 'application/octet-stream',
          etag: '"etag"',
        };
        if (request.headers.get('x-amz-checksum-mode') === 'ENABLED') {
          headers['x-amz-checksum-sha256'] = object.checksum;
          headers['x-amz-checksum-type'] = 'COMPOSITE';
        }
        const range = /^bytes=(\d+)-(\d+)$/.exec(
          request.headers.get('range') ?? '',
        );
        if (range) {
          const start = Number(range[1]);
          const end = Math.min(Number(range[2]), object.data.length - 1);
          const slice = Buffer.from(object.data.subarray(start, end + 1));
          if (fake.corruptReadsAt.delete(start)) slice[3] ^= 0x01;
          return new HttpResponse(method === 'HEAD' ? null : slice, {
            status: 206,
            headers: {
              ...headers,
              'content-length': String(slice.length),
              'content-range': `bytes ${start}-${end}/${object.data.length}`,
            },
          });
        }
        return new HttpResponse(method === 'HEAD' ? null : object.data, {
          status: 200,
          headers: { ...headers, 'content-length': String(object.data.length) },
        });
      }

      return s3Error(
        'NotImplemented',
        `${method} is not implemented by the fake`,
        501,
      );
    }),
  );
  return fake;
}
