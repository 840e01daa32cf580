import { createMockTaskContext } from './createMockTaskContext';
import { PermanentTaskError } from './errors';

describe('createMockTaskContext', () => {
  it('replays stored checkpoints instead of running them again', async () => {
    const { ctx, checkpoints } = createMockTaskContext({
      checkpoints: { created: 'vol-1' },
    });
    const fn = jest.fn(async () => 'vol-2');
    expect(await ctx.checkpoint({ key: 'created', fn })).toBe('vol-1');
    expect(fn).not.toHaveBeenCalled();
    expect(await ctx.checkpoint({ key: 'other', fn })).toBe('vol-2');
    expect(await ctx.checkpoint({ key: 'other', fn })).toBe('vol-2');
    expect(fn).toHaveBeenCalledTimes(1);
    expect(checkpoints.get('other')).toBe('vol-2');
  });

  it('keeps journals: a base, records after it, and a reset that drops them', async () => {
    const { ctx, journals } = createMockTaskContext({
      journals: { progress: { base: { n: 0 }, records: [1] } },
    });
    expect(await ctx.journal.read('progress')).toEqual({
      base: { n: 0 },
      records: [1],
    });
    await ctx.journal.append('progress', [2, { three: 3 }]);
    expect((await ctx.journal.read('progress'))!.records).toEqual([
      1,
      2,
      { three: 3 },
    ]);
    await ctx.journal.reset('progress', { n: 3 });
    expect(journals.get('progress')).toEqual({ base: { n: 3 }, records: [] });
    await ctx.journal.append('other', ['x']);
    expect(await ctx.journal.read('other')).toEqual({ records: ['x'] });
    expect(await ctx.journal.read('none')).toBeUndefined();
  });

  it('stores artifacts like the engine: JSON, text and bytes', async () => {
    const { ctx, artifacts, readJson } = createMockTaskContext({
      artifacts: { 'in.json': { a: 1 } },
    });
    expect(await ctx.artifacts.getJson('in.json')).toEqual({ a: 1 });
    const summary = await ctx.artifacts.put('out.json', { ok: true });
    expect(summary).toMatchObject({
      name: 'out.json',
      mediaType: 'application/json',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    await ctx.artifacts.put('notes.md', '# hi', { mediaType: 'text/markdown' });
    await ctx.artifacts.put('blob.bin', Buffer.from([1, 2]));
    expect(await readJson('out.json')).toEqual({ ok: true });
    expect(artifacts.get('notes.md')?.mediaType).toBe('text/markdown');
    expect(artifacts.get('blob.bin')?.mediaType).toBe(
      'application/octet-stream',
    );
    expect((await ctx.artifacts.list()).map(a => a.name).sort()).toEqual([
      'blob.bin',
      'in.json',
      'notes.md',
      'out.json',
    ]);
  });

  it('names permanent errors so the engine does not retry them', () => {
    expect(new PermanentTaskError('gone').name).toBe('PermanentTaskError');
  });
});
