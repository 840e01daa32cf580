import { fileURLToPath } from 'node:url';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { AddressPolicy } from '../validation/addressPolicy';
import { FileSource } from './sources/fileSource';
import { HttpSource, redactUrl } from './sources/httpSource';
import { FileTarget } from './targets/fileTarget';
import type {
  ObjectStorage,
  TransferSource,
  TransferTarget,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * What a source URL may point at.
 *
 * @public
 */
export interface SourceAccess {
  /** Directories `file://` sources must lie in (`migration.transfer.allowedSourceRoots`). */
  allowedRoots: string[];
  /** Policy for `http(s)://` sources; without one, HTTP sources are refused. */
  addressPolicy?: AddressPolicy;
  timeoutMs?: number;
}

function insideOneOf(roots: string[], file: string, field: string): string {
  for (const root of roots) {
    try {
      return resolveSafeChildPath(root, file);
    } catch {
      // try the next root
    }
  }
  throw new NotAllowedError(
    `${field}: ${file} is outside the allowed directories (${
      roots.join(', ') || 'none configured'
    })`,
  );
}

/**
 * Builds the source for a `file://` or `http(s)://` URL, refusing files outside the allowed
 * directories and hosts outside the address policy.
 *
 * @public
 */
export function createTransferSource(
  url: string,
  access: SourceAccess,
  field = 'source',
): TransferSource {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${field}: '${redactUrl(url)}' is not a URL`);
  }
  if (parsed.protocol === 'file:') {
    const file = insideOneOf(access.allowedRoots, fileURLToPath(parsed), field);
    return new FileSource(file, { roots: access.allowedRoots });
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    if (!access.addressPolicy) {
      throw new NotAllowedError(
        `${field}: HTTP sources need migration.transfer.allowedSourceRanges`,
      );
    }
    return new HttpSource(url, {
      policy: access.addressPolicy,
      timeoutMs: access.timeoutMs,
    });
  }
  throw new InputError(
    `${field}: unsupported scheme '${parsed.protocol}' (use file://, http:// or https://)`,
  );
}

/**
 * Where a target URL may point at.
 *
 * @public
 */
export interface TargetAccess {
  /** Directory `file://` targets must lie in (the staging directory in rehearsal). */
  fileRoot?: string;
  /**
   * The object storages of the installed clouds (`s3://`, …), from their capabilities, and the
   * region the migration writes to.
   */
  storage?: {
    lookup(scheme: string): ObjectStorage | undefined;
    region: string;
  };
  /** Sync written chunks before checkpointing them (default true). */
  durable?: boolean;
}

/**
 * Builds the target for a `file://` URL or an object URL of an installed cloud's storage.
 *
 * @public
 */
export function createTransferTarget(
  url: string,
  access: TargetAccess,
  field = 'target',
): TransferTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${field}: '${url}' is not a URL`);
  }
  if (parsed.protocol === 'file:') {
    if (!access.fileRoot) {
      throw new NotAllowedError(
        `${field}: file targets need a staging directory`,
      );
    }
    const file = insideOneOf([access.fileRoot], fileURLToPath(parsed), field);
    return new FileTarget(file, { durable: access.durable });
  }
  const storage = access.storage?.lookup(parsed.protocol.replace(/:$/, ''));
  if (storage) {
    return storage.target(url, { region: access.storage!.region, field });
  }
  throw new InputError(
    `${field}: no installed cloud stores '${parsed.protocol}' objects (add its migration module, or use file://)`,
  );
}
