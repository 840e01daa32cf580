import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  resolveSafeChildPath,
  type UrlReaderService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { InventoryFormat } from './formats/types';

/**
 * An inventory file to read: a local path or a URL read through Backstage's `UrlReaderService`
 * (so `backend.reading.allow` applies).
 *
 * @public
 */
export interface InventorySource {
  /** Path or URL, as shown in messages. */
  readonly label: string;
  /** The format when configured; otherwise detected from the name or header. */
  readonly format?: InventoryFormat;
  open(signal?: AbortSignal): Promise<Readable>;
  /** A file named inside this one (an inventory document's `files`). */
  child(relative: string, format?: InventoryFormat): InventorySource;
}

/**
 * A local inventory file. Files named inside it resolve within its directory only.
 *
 * @public
 */
export function fileInventorySource(
  filePath: string,
  format?: InventoryFormat,
): InventorySource {
  const absolute = path.resolve(filePath);
  return {
    label: filePath,
    format,
    async open() {
      try {
        await fs.promises.access(absolute, fs.constants.R_OK);
      } catch (error) {
        throw new NotFoundError(
          `Inventory file ${filePath} cannot be read (resolved to ${absolute}): ${
            (error as Error).message
          }`,
        );
      }
      return fs.createReadStream(absolute, { highWaterMark: 64 * 1024 });
    },
    child(relative, childFormat) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative)) {
        throw new InputError(
          `${filePath} names ${relative}; a local inventory file can only name files next to it`,
        );
      }
      const resolved = resolveSafeChildPath(path.dirname(absolute), relative);
      return fileInventorySource(resolved, childFormat);
    },
  };
}

/**
 * An inventory file at a URL, read through the `UrlReaderService`. Files named inside it resolve
 * relative to its URL.
 *
 * @public
 */
export function urlInventorySource(
  url: string,
  reader: UrlReaderService,
  format?: InventoryFormat,
): InventorySource {
  return {
    label: url,
    format,
    async open(signal) {
      const response = await reader.readUrl(url, { signal });
      if (response.stream) return response.stream();
      return Readable.from([await response.buffer()]);
    },
    child(relative, childFormat) {
      return urlInventorySource(
        new URL(relative, url).toString(),
        reader,
        childFormat,
      );
    },
  };
}
