import { InputError } from '@backstage/errors';
import type { InventorySource } from './sources';

const MAX_DOCUMENT_BYTES = 64 * 1024 * 1024;

/** Reads a whole inventory document as text (BOM removed), up to 64 MiB. */
export async function readText(
  source: InventorySource,
  signal?: AbortSignal,
): Promise<string> {
  const stream = await source.open(signal);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_DOCUMENT_BYTES) {
      stream.destroy();
      throw new InputError(
        `${source.label}: inventory documents are limited to ${
          MAX_DOCUMENT_BYTES / 1024 / 1024
        } MiB; use JSON Lines (.jsonl) or CSV for larger estates`,
      );
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}
