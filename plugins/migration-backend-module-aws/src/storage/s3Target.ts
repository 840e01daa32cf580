import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
  type ServerSideEncryption,
  type StorageClass,
} from '@aws-sdk/client-s3';
import type {
  ManifestChunk,
  ManifestObject,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Options of {@link S3Target}.
 *
 * @public
 */
export interface S3TargetOptions {
  client: S3Client;
  bucket: string;
  key: string;
  storageClass?: StorageClass;
  /** Server-side encryption (default `AES256`). */
  serverSideEncryption?: ServerSideEncryption;
  kmsKeyId?: string;
}

/** What S3-compatible stores answer for an API they lack. */
const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed']);

function hexToBase64(hex: string) {
  return Buffer.from(hex, 'hex').toString('base64');
}

/**
 * Uploads an object to S3 as a multipart upload with a SHA-256 checksum on every part; S3
 * rejects a part whose bytes do not match (`BadDigest`) and reports the composite checksum of the
 * whole object on completion, which the mover compares with its own. The upload id and part ETags
 * live in the manifest, so a resumed transfer sends only the parts it had not finished.
 *
 * @public
 */
export class S3Target implements TransferTarget {
  readonly rewritableAfterComplete = false;
  readonly minChunkSize = 5 * 1024 * 1024;

  constructor(private readonly options: S3TargetOptions) {}

  get description() {
    return `s3://${this.options.bucket}/${this.options.key}`;
  }

  async begin(object: ManifestObject, signal?: AbortSignal) {
    if (object.completed || object.target.state.uploadId) return;
    const { bucket, key } = this.options;
    const response = await this.options.client.send(
      new CreateMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        ChecksumAlgorithm: 'SHA256',
        StorageClass: this.options.storageClass,
        ServerSideEncryption: this.options.serverSideEncryption ?? 'AES256',
        SSEKMSKeyId: this.options.kmsKeyId,
        Metadata: { 'sirsi-object-id': object.id },
      }),
      { abortSignal: signal },
    );
    if (!response.UploadId) {
      throw new Error(`S3 returned no upload id for ${this.description}`);
    }
    object.target.state.uploadId = response.UploadId;
  }

  async writeChunk(
    object: ManifestObject,
    chunk: ManifestChunk,
    data: Buffer,
    signal?: AbortSignal,
  ) {
    const response = await this.options.client.send(
      new UploadPartCommand({
        Bucket: this.options.bucket,
        Key: this.options.key,
        UploadId: object.target.state.uploadId,
        PartNumber: chunk.index + 1,
        Body: data,
        ContentLength: data.length,
        ChecksumAlgorithm: 'SHA256',
        ChecksumSHA256: hexToBase64(chunk.sha256!),
      }),
      { abortSignal: signal },
    );
    if (!response.ETag) {
      throw new Error(`S3 returned no ETag for part ${chunk.index + 1}`);
    }
    if (
      response.ChecksumSHA256 &&
      response.ChecksumSHA256 !== hexToBase64(chunk.sha256!)
    ) {
      throw new Error(
        `S3 stored part ${chunk.index + 1} with checksum ${
          response.ChecksumSHA256
        }, expected ${hexToBase64(chunk.sha256!)}`,
      );
    }
    chunk.receipt = { etag: response.ETag, checksum: response.ChecksumSHA256 };
  }

  /** The listing of one upload, shared by the chunks that ask at the same time. */
  private listed?: {
    uploadId: string;
    parts: Promise<Map<number, { etag?: string; checksum?: string }>>;
  };

  /**
   * Parts already uploaded (from `ListParts`, once per upload) whose checksum can be compared.
   * A store without `ListParts` (s3rver answers 405 MethodNotAllowed) or without part checksums
   * tells nothing, so the part is sent again: UploadPart replaces a part of the same number.
   */
  async existingChunk(
    object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
  ) {
    const uploadId = object.target.state.uploadId;
    if (!uploadId) return undefined;
    if (this.listed?.uploadId !== uploadId) {
      this.listed = { uploadId, parts: this.listParts(uploadId, signal) };
    }
    const part = (await this.listed.parts).get(chunk.index + 1);
    if (!part?.checksum || !part.etag) return undefined;
    return {
      sha256: Buffer.from(part.checksum, 'base64').toString('hex'),
      receipt: part,
    };
  }

  private async listParts(uploadId: string, signal?: AbortSignal) {
    const parts = new Map<number, { etag?: string; checksum?: string }>();
    let marker: string | undefined;
    do {
      const page = await this.options.client
        .send(
          new ListPartsCommand({
            Bucket: this.options.bucket,
            Key: this.options.key,
            UploadId: uploadId,
            PartNumberMarker: marker,
          }),
          { abortSignal: signal },
        )
        .catch(error => {
          if (!UNSUPPORTED.has((error as Error).name)) throw error;
          return undefined;
        });
      for (const part of page?.Parts ?? []) {
        parts.set(part.PartNumber!, {
          etag: part.ETag,
          checksum: part.ChecksumSHA256,
        });
      }
      marker = page?.IsTruncated ? page.NextPartNumberMarker : undefined;
    } while (marker);
    return parts;
  }

  async complete(object: ManifestObject, signal?: AbortSignal) {
    const { client, bucket, key } = this.options;
    try {
      const response = await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: object.target.state.uploadId,
          MultipartUpload: {
            Parts: object.chunks.map(c => ({
              PartNumber: c.index + 1,
              ETag: c.receipt?.etag,
              ChecksumSHA256: c.receipt?.checksum ?? hexToBase64(c.sha256!),
            })),
          },
        }),
        { abortSignal: signal },
      );
      return { checksum: response.ChecksumSHA256 };
    } catch (error) {
      // Completed before a crash, but the manifest did not record it: the object is there.
      if ((error as Error).name !== 'NoSuchUpload') throw error;
      const head = await client.send(
        new HeadObjectCommand({
          Bucket: bucket,
          Key: key,
          ChecksumMode: 'ENABLED',
        }),
        { abortSignal: signal },
      );
      return { checksum: head.ChecksumSHA256 };
    }
  }

  async readBack(
    _object: ManifestObject,
    chunk: ManifestChunk,
    signal?: AbortSignal,
  ) {
    if (chunk.length === 0) return Buffer.alloc(0);
    const response = await this.options.client.send(
      new GetObjectCommand({
        Bucket: this.options.bucket,
        Key: this.options.key,
        Range: `bytes=${chunk.offset}-${chunk.offset + chunk.length - 1}`,
      }),
      { abortSignal: signal },
    );
    return Buffer.from(await response.Body!.transformToByteArray());
  }

  async discard(object: ManifestObject, signal?: AbortSignal) {
    const uploadId = object.target.state.uploadId;
    object.target.state.uploadId = undefined;
    // A completed upload is gone at S3 (an abort would answer NoSuchUpload); its object stays
    // until the next upload of the key replaces it.
    if (!uploadId || object.completed) return;
    await this.options.client
      .send(
        new AbortMultipartUploadCommand({
          Bucket: this.options.bucket,
          Key: this.options.key,
          UploadId: uploadId,
        }),
        { abortSignal: signal },
      )
      .catch(error => {
        if ((error as Error).name !== 'NoSuchUpload') throw error;
      });
  }
}
