import { applyManifestProgress } from './manifestProgress';
import type {
  ManifestObject,
  TransferManifest,
} from '@sirsi-nexus/plugin-migration-node';

const object = (id: string): ManifestObject => ({
  id,
  name: id,
  source: `file:///data/${id}`,
  target: { description: `s3://b/${id}`, state: {} },
  size: 30,
  chunkSize: 10,
  chunks: [0, 1, 2].map(index => ({
    index,
    offset: index * 10,
    length: 10,
    done: false,
  })),
  state: 'pending',
  completed: false,
  verified: false,
});

const header = (o: ManifestObject) => {
  const { chunks: _chunks, ...rest } = o;
  return rest;
};

describe('applyManifestProgress', () => {
  it('replaces the fields and the recorded chunks of each object, in order', () => {
    const manifest: TransferManifest = {
      version: 1,
      updatedAt: '2026-12-06T10:00:00.000Z',
      objects: [object('a'), object('b')],
    };
    const a = object('a');
    a.target.state = { uploadId: 'u-1' };
    a.state = 'running';
    a.sha256 = 'stale';
    const later = {
      ...header(a),
      sha256: undefined,
      state: 'verifying' as const,
    };

    applyManifestProgress(manifest, [
      {
        object: header(a),
        chunks: [{ index: 1, offset: 10, length: 10, done: true, sha256: 'x' }],
      },
      {
        object: later,
        chunks: [
          { index: 1, offset: 10, length: 10, done: true, verified: true },
          { index: 2, offset: 20, length: 10, done: true },
        ],
      },
      // An object the manifest no longer holds, and a chunk index that does not exist.
      { object: header(object('gone')), chunks: [] },
      {
        object: JSON.parse(JSON.stringify(later)),
        chunks: [{ index: 7, offset: 70, length: 10, done: true }],
      },
    ]);

    const [first, second] = manifest.objects;
    expect(first.target.state).toEqual({ uploadId: 'u-1' });
    // A field the latest record leaves out (as JSON does with undefined) is cleared.
    expect(first.state).toBe('verifying');
    expect(first).not.toHaveProperty('sha256');
    expect(first.chunks.map(c => [c.done, c.verified ?? false])).toEqual([
      [false, false],
      [true, true],
      [true, false],
    ]);
    expect(first.chunks).toHaveLength(3);
    expect(second).toEqual(object('b'));
    expect(manifest.objects).toHaveLength(2);
  });
});
