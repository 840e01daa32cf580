import type { ManifestChunk } from '@sirsi-nexus/plugin-migration-node';

const MARK = Buffer.from('sx1');
/** Mark (3 bytes) + chunk index (4) + SHA-256 (32): 39 bytes, 52 base64 characters for every block. */
const ID_BYTES = MARK.length + 4 + 32;

/**
 * The block id of a chunk: its index and the SHA-256 of its bytes. The same chunk always gets the
 * same id, every id of a blob has the same length (as Azure requires), and a staged block tells
 * from its id alone which chunk and which bytes it holds — the service verified them against the
 * MD5 sent with them.
 */
export function blockIdOf(chunk: Pick<ManifestChunk, 'index' | 'sha256'>) {
  if (!chunk.sha256) {
    throw new Error(`chunk ${chunk.index} has no SHA-256 yet`);
  }
  const index = Buffer.alloc(4);
  index.writeUInt32BE(chunk.index);
  return Buffer.concat([
    MARK,
    index,
    Buffer.from(chunk.sha256, 'hex'),
  ]).toString('base64');
}

/** The chunk index and SHA-256 (hex) a block id of {@link blockIdOf} names; undefined for other ids. */
export function parseBlockId(
  id: string,
): { index: number; sha256: string } | undefined {
  const bytes = Buffer.from(id, 'base64');
  if (
    bytes.length !== ID_BYTES ||
    !bytes.subarray(0, MARK.length).equals(MARK)
  ) {
    return undefined;
  }
  return {
    index: bytes.readUInt32BE(MARK.length),
    sha256: bytes.subarray(MARK.length + 4).toString('hex'),
  };
}
