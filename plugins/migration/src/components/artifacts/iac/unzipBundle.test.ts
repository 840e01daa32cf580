import { strToU8, zipSync } from 'fflate';

// The bundle is unzipped with fflate's asynchronous API only: the synchronous one would block
// the page's main thread for a large bundle.
jest.mock('fflate', () => {
  const actual = jest.requireActual('fflate');
  return {
    ...actual,
    unzip: jest.fn(actual.unzip),
    unzipSync: jest.fn(() => {
      throw new Error('unzipSync blocks the main thread');
    }),
  };
});
// eslint-disable-next-line import/first
import * as fflate from 'fflate';
import { MAX_FILE_BYTES, languageOf, unzipBundle } from './unzipBundle';
import { resolveLocation } from './BundleBrowser';
import { sampleBundleZip } from '../../../__testUtils__/artifactFixtures';

describe('unzipBundle', () => {
  it('lists files sorted by path with their text, through the async unzip', async () => {
    const pending = unzipBundle(sampleBundleZip());
    expect(pending).toBeInstanceOf(Promise);
    const files = await pending;

    expect(fflate.unzip).toHaveBeenCalled();
    expect(fflate.unzipSync).not.toHaveBeenCalled();
    expect(files.map(f => f.path)).toEqual([
      'wave-01/compute.tf',
      'wave-01/security.tf',
    ]);
    expect(files[1].text).toContain('from_port = 3389');
    expect(files[1].size).toBe(files[1].text!.length);
  });

  it('lists binary and oversized files without their content', async () => {
    const zip = zipSync({
      'bin/tool': new Uint8Array([1, 0, 2, 3]),
      'big.txt': new Uint8Array(MAX_FILE_BYTES + 1).fill(97),
      'ok.txt': strToU8('fine'),
    });

    const files = await unzipBundle(zip);

    expect(files.map(f => [f.path, f.text])).toEqual([
      ['big.txt', undefined],
      ['bin/tool', undefined],
      ['ok.txt', 'fine'],
    ]);
    expect(files[0].size).toBe(MAX_FILE_BYTES + 1);
  });

  it('rejects something that is not a zip', async () => {
    await expect(unzipBundle(strToU8('not a zip'))).rejects.toThrow();
  });

  it('picks a highlighting language by extension', () => {
    expect(languageOf('a/b.json')).toBe('json');
    expect(languageOf('rules.yml')).toBe('yaml');
    expect(languageOf('main.tf')).toBe('text');
  });

  it('resolves report locations exactly or by path suffix', async () => {
    const files = await unzipBundle(sampleBundleZip());
    expect(resolveLocation(files, 'wave-01/security.tf')?.path).toBe(
      'wave-01/security.tf',
    );
    expect(resolveLocation(files, './security.tf')?.path).toBe(
      'wave-01/security.tf',
    );
    expect(resolveLocation(files, 'missing.tf')).toBeUndefined();
  });
});
