import type { Readable } from 'node:stream';
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

/**
 * The first chunk of a stream, put back so the stream still reads from its start: enough to tell
 * a zip (xlsx workbook) from text by its magic bytes. Empty for an empty stream.
 */
export function peekStart(input: Readable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const listeners = {
      readable() {
        const chunk: unknown = input.read();
        if (chunk === null) return;
        input.unshift(chunk);
        settle(
          typeof chunk === 'string'
            ? Buffer.from(chunk.slice(0, 8))
            : (chunk as Uint8Array),
        );
      },
      end() {
        settle(new Uint8Array(0));
      },
      error(error: unknown) {
        settle(undefined, error);
      },
    };
    function settle(head?: Uint8Array, error?: unknown) {
      for (const [event, listener] of Object.entries(listeners)) {
        input.off(event, listener);
      }
      if (error) reject(error);
      else resolve(head!);
    }
    for (const [event, listener] of Object.entries(listeners)) {
      input.on(event, listener);
    }
  });
}
