import { zipBundle } from '@sirsi-nexus/plugin-migration-iac-node';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import {
  readBundleWave,
  readBundleWaveNames,
  readBundleWaves,
} from './bundleWaves';

/** An artifact reader holding one IaC bundle, or none. */
function readerOf(zip?: Buffer): ArtifactReader {
  return {
    get: async name =>
      zip && name === 'iac-bundle.zip'
        ? { content: zip, mediaType: 'application/zip' }
        : undefined,
    getJson: async () => undefined,
    list: async () => [],
  };
}

const files = [
  { path: 'README.md', content: '# Bundle' },
  { path: 'wave-10/main.tf', content: 'resource "x" "ten" {}' },
  { path: 'wave-02/main.tf', content: 'resource "x" "two" {}' },
  { path: 'wave-02/modules/net/net.tf', content: 'resource "x" "net" {}' },
  { path: 'wave-1x/main.tf', content: 'not a wave' },
];

describe('bundle waves', () => {
  it('names the wave folders in number order from the zip directory', async () => {
    const reader = readerOf(await zipBundle(files));
    expect(await readBundleWaveNames(reader)).toEqual(['wave-02', 'wave-10']);
    expect([...(await readBundleWaves(reader))!.keys()]).toEqual([
      'wave-02',
      'wave-10',
    ]);
  });

  it('reads one wave with paths inside its folder, as readBundleWaves does', async () => {
    const reader = readerOf(await zipBundle(files));
    const wave = await readBundleWave(reader, 'wave-02');
    expect(wave).toEqual([
      { path: 'main.tf', content: 'resource "x" "two" {}' },
      { path: 'modules/net/net.tf', content: 'resource "x" "net" {}' },
    ]);
    expect(wave).toEqual((await readBundleWaves(reader))!.get('wave-02'));
    expect(await readBundleWave(reader, 'wave-03')).toBeUndefined();
  });

  it('answers undefined without a bundle', async () => {
    const reader = readerOf();
    expect(await readBundleWaveNames(reader)).toBeUndefined();
    expect(await readBundleWave(reader, 'wave-01')).toBeUndefined();
    expect(await readBundleWaves(reader)).toBeUndefined();
  });
});
