/*
 * s3rver (npm), a real S3 emulator, on a free 127.0.0.1 port with its files in a temporary
 * folder. Every request it receives is recorded, so tests can count UploadPart calls.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { S3Client } from '@aws-sdk/client-s3';

export interface S3rverRequest {
  method: string;
  path: string;
  query: URLSearchParams;
}

export interface RunningS3rver {
  endpoint: string;
  requests: S3rverRequest[];
  /** An S3 client for it (its default account S3RVER/S3RVER; it checks signatures). */
  client(): S3Client;
  stop(): Promise<void>;
}

export async function startS3rver(bucket: string): Promise<RunningS3rver> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'sirsi-s3rver-'));
  const emulator = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  });
  const { port } = await emulator.run();
  const requests: S3rverRequest[] = [];
  emulator.httpServer.on('request', request => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: request.method ?? '',
      path: url.pathname,
      query: url.searchParams,
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    requests,
    client() {
      const client = new S3Client({
        region: 'us-east-1',
        endpoint,
        forcePathStyle: true,
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        maxAttempts: 1,
      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.destroy();
      emulator.httpServer.closeAllConnections();
      await emulator.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}

/** The UploadPart requests (`PUT ?partNumber&uploadId`) s3rver received. */
export function uploadParts(requests: S3rverRequest[]) {
  return requests
    .filter(r => r.method === 'PUT' && r.query.has('partNumber'))
    .map(r => ({
      partNumber: Number(r.query.get('partNumber')),
      uploadId: r.query.get('uploadId'),
    }));
}
