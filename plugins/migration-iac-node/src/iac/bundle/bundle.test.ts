import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  existsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threeTierModel } from '../__testUtils__/models';
import { generateTerraform } from '../generator/generateTerraform';
import { readBundleFiles, writeBundleFiles } from './workspace';
import { listBundlePaths, unzipBundle, zipBundle } from './zip';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('zipBundle', () => {
  it('is byte-identical for the same files, in any order and at any time', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const first = await zipBundle(files);
    const second = await zipBundle([...files].reverse());
    expect(sha(second)).toBe(sha(first));
    expect(unzipBundle(first)).toEqual(files);
  });

  it('refuses entries that would escape the folder', async () => {
    const evil = zipSync({ '../outside.tf': strToU8('x') });
    expect(() => unzipBundle(evil)).toThrow(
      'Invalid path in IaC bundle: "../outside.tf"',
    );
    await expect(
      zipBundle([{ path: '/etc/passwd', content: '' }]),
    ).rejects.toThrow(/Invalid path/);
    await expect(
      zipBundle([{ path: 'a/../../b', content: '' }]),
    ).rejects.toThrow(/Invalid path/);
  });

  it('lists the paths without reading the files, and reads one folder alone', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const zip = await zipBundle(files);
    expect(listBundlePaths(zip)).toEqual(files.map(f => f.path).sort());
    expect(() =>
      listBundlePaths(zipSync({ '../outside.tf': strToU8('x') })),
    ).toThrow('Invalid path in IaC bundle: "../outside.tf"');

    const wave = unzipBundle(zip, {
      include: path => path.startsWith('wave-01/'),
    });
    expect(wave.length).toBeGreaterThan(0);
    expect(wave).toEqual(files.filter(f => f.path.startsWith('wave-01/')));
    // Files left out do not count towards the limit.
    const size = wave.reduce((n, f) => n + Buffer.byteLength(f.content), 0);
    expect(
      unzipBundle(zip, {
        include: path => path.startsWith('wave-01/'),
        maxBytes: size,
      }),
    ).toHaveLength(wave.length);
  });

  it('refuses archives that expand beyond the limit', async () => {
    const big = await zipBundle([
      { path: 'a.tf', content: 'x'.repeat(10_000) },
    ]);
    expect(() => unzipBundle(big, { maxBytes: 1000 })).toThrow(
      /more than 1000 bytes/,
    );
  });
});

describe('writeBundleFiles / readBundleFiles', () => {
  it('writes under a sub-path and reads the same files back', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ws-'));
    const { files } = generateTerraform(threeTierModel('gcp'));
    const target = await writeBundleFiles(base, 'infra/terraform', files);
    expect(target).toBe(join(base, 'infra/terraform'));
    expect(readFileSync(join(target, 'wave-01/compute.tf'), 'utf8')).toBe(
      files.find(f => f.path === 'wave-01/compute.tf')!.content,
    );
    mkdirSync(join(target, 'wave-01/.terraform'));
    writeFileSync(join(target, 'wave-01/.terraform/ignored.tf'), 'x');
    const back = await readBundleFiles(base, 'infra/terraform');
    expect(back).toEqual(files.filter(f => f.path !== 'README.md'));
  });

  it('refuses ../ escapes before writing anything', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ws-'));
    await expect(
      writeBundleFiles(join(base, 'ws'), '../escape', [
        { path: 'a.tf', content: '' },
      ]),
    ).rejects.toThrow(NotAllowedError);
    expect(existsSync(join(base, 'escape'))).toBe(false);
  });

  it('refuses symlinks that lead outside the workspace', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ws-'));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    symlinkSync(outside, join(base, 'link'));
    await expect(
      writeBundleFiles(base, 'link', [{ path: 'a.tf', content: 'x' }]),
    ).rejects.toThrow(NotAllowedError);
    await expect(
      writeBundleFiles(base, 'link/sub', [{ path: 'a.tf', content: 'x' }]),
    ).rejects.toThrow(NotAllowedError);
    expect(existsSync(join(outside, 'a.tf'))).toBe(false);
    expect(existsSync(join(outside, 'sub'))).toBe(false);
  });

  it('refuses to read symlinks and reports missing folders', async () => {
    const base = mkdtempSync(join(tmpdir(), 'ws-'));
    mkdirSync(join(base, 'tf'));
    writeFileSync(join(tmpdir(), 'secret.tf'), 'x');
    symlinkSync(join(tmpdir(), 'secret.tf'), join(base, 'tf', 'main.tf'));
    await expect(readBundleFiles(base, 'tf')).rejects.toThrow(
      'Refusing to read main.tf: symbolic links are not allowed in an IaC folder',
    );
    await expect(readBundleFiles(base, 'nope')).rejects.toThrow(NotFoundError);
    await expect(readBundleFiles(base, '../..')).rejects.toThrow(
      NotAllowedError,
    );
  });
});
