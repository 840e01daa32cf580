import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import yauzl from 'yauzl';

/**
 * The parts of an xlsx workbook (a zip), each read on demand as a stream of text: a part is
 * inflated only as fast as its text is taken, and only the parts asked for are read at all.
 */
export interface XlsxArchive {
  /** Whether the workbook has this part (names compare case-insensitively, as Excel does). */
  has(part: string): boolean;
  /** The part's text in pieces of about one inflated chunk each (UTF-8 decoded). */
  chunks(part: string): AsyncGenerator<string>;
  /** The whole text of a small part (relationships, the workbook's sheet list); undefined if absent. */
  text(part: string): Promise<string | undefined>;
  /** Closes the zip and removes the copy of an input that was not a local file. */
  close(): Promise<void>;
}

/**
 * The local file an input reads, when it is a plain file stream: the zip's central directory at
 * its end can then be read in place. Such a stream is closed; the archive reads the file itself.
 */
function localFile(input: Readable): string | undefined {
  if (input instanceof fs.ReadStream && typeof input.path === 'string') {
    const options = input as unknown as { start?: number; end?: number };
    if (options.start === undefined && options.end === undefined) {
      input.destroy();
      return input.path;
    }
  }
  return undefined;
}

/** Copies a stream (a workbook from a URL) into a file of a fresh temporary directory. */
async function spool(input: Readable): Promise<{ file: string; dir: string }> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'sirsi-xlsx-'));
  const file = path.join(dir, 'workbook.xlsx');
  try {
    await pipeline(input, fs.createWriteStream(file));
  } catch (error) {
    await fs.promises.rm(dir, { recursive: true, force: true });
    throw error;
  }
  return { file, dir };
}

/**
 * Inflated in pieces of this size: zlib's default (16 KiB) makes a round trip to the thread
 * pool per piece, which left the parser idle for a fifth of a large sheet's time.
 */
const INFLATE_CHUNK = 256 * 1024;

/** An entry's bytes: stored ones as they are, deflated ones inflated in large pieces. */
async function entryStream(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
): Promise<Readable> {
  if (entry.compressionMethod === 0) return zip.openReadStreamPromise(entry);
  if (entry.compressionMethod !== 8 || entry.isEncrypted()) {
    throw new Error(
      `${entry.fileName} is encrypted or compressed with method ${entry.compressionMethod}`,
    );
  }
  const raw = await zip.openReadStreamPromise(entry, { decodeFileData: false });
  const inflate = zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK });
  raw.pipe(inflate);
  raw.on('error', error => inflate.destroy(error));
  inflate.on('close', () => {
    raw.unpipe(inflate);
    raw.destroy();
  });
  return inflate;
}

/**
 * Opens a workbook for random access to its parts: a local file in place, any other stream
 * copied to a temporary file first (zip's directory is at the end of the file).
 *
 * @throws the zip reader's error when the file is not a zip (or is cut short: its central
 * directory is missing).
 */
export async function openXlsxArchive(input: Readable): Promise<XlsxArchive> {
  const local = localFile(input);
  const copy = local ? undefined : await spool(input);
  const removeCopy = async () => {
    if (copy) await fs.promises.rm(copy.dir, { recursive: true, force: true });
  };
  let zip: yauzl.ZipFile;
  const entries = new Map<string, yauzl.Entry>();
  try {
    zip = await yauzl.openPromise(local ?? copy!.file, { autoClose: false });
    for await (const entry of zip.eachEntry()) {
      entries.set(entry.fileName.toLowerCase(), entry);
    }
  } catch (error) {
    await removeCopy();
    throw error;
  }

  async function* chunks(part: string): AsyncGenerator<string> {
    const entry = entries.get(part.toLowerCase());
    if (!entry) throw new Error(`it has no part ${part}`);
    const stream = await entryStream(zip, entry);
    const decoder = new StringDecoder('utf8');
    try {
      for await (const chunk of stream) {
        const text = decoder.write(chunk as Buffer);
        if (text) yield text;
      }
      const rest = decoder.end();
      if (rest) yield rest;
    } finally {
      stream.destroy();
    }
  }

  return {
    has: part => entries.has(part.toLowerCase()),
    chunks,
    async text(part) {
      if (!entries.has(part.toLowerCase())) return undefined;
      let text = '';
      for await (const piece of chunks(part)) text += piece;
      return text;
    },
    async close() {
      zip.close();
      await removeCopy();
    },
  };
}
