import { InputError } from '@backstage/errors';
import type { ArtifactDefinition } from '@sirsi-nexus/plugin-migration-common';
import { writeArtifact, writeParsedArtifact } from './artifacts';
import type { TaskContext } from './types';

const definition: ArtifactDefinition<{ name: string; tags: string[] }> = {
  name: 'sample.json',
  mediaType: 'application/json',
  producedBy: [],
  title: 'Sample',
  // What parseArtifact uses of a zod schema: safeParse, here filling in a default.
  schema: {
    safeParse: (v: any) =>
      typeof v?.name === 'string'
        ? { success: true, data: { tags: [], ...v } }
        : {
            success: false,
            error: { issues: [{ path: ['name'], message: 'Expected string' }] },
          },
  },
} as unknown as ArtifactDefinition<{ name: string; tags: string[] }>;

function recordingArtifacts() {
  const puts: { name: string; data: unknown; mediaType?: string }[] = [];
  const artifacts = {
    put: async (name: string, data: unknown, opts?: { mediaType?: string }) => {
      puts.push({ name, data, mediaType: opts?.mediaType });
      return { name } as any;
    },
  } as unknown as TaskContext['artifacts'];
  return { artifacts, puts };
}

describe('writeParsedArtifact', () => {
  it('stores what the schema makes of the content and returns it', async () => {
    const { artifacts, puts } = recordingArtifacts();
    const value = await writeParsedArtifact(artifacts, definition, {
      name: 'a',
    } as any);
    expect(value).toEqual({ name: 'a', tags: [] });
    expect(puts).toEqual([
      { name: 'sample.json', data: value, mediaType: 'application/json' },
    ]);
  });

  it('stores nothing and names the field when the content breaks the contract, like writeArtifact', async () => {
    for (const write of [writeParsedArtifact, writeArtifact]) {
      const { artifacts, puts } = recordingArtifacts();
      const attempt = write(artifacts, definition, { name: 3 } as any);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(/name/);
      expect(puts).toEqual([]);
    }
  });
});
