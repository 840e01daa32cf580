import type { BuildWaveResult } from '@sirsi-nexus/plugin-migration-common';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  hcl2jsonParser,
  listBundlePaths,
  unzipBundle,
  type BundleFile,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import { byLayer } from './terraformSteps';

/** `wave-01/main.tf` → `['wave-01', 'main.tf']`; undefined for files outside a wave folder. */
function inWave(path: string): [string, string] | undefined {
  const [folder, ...rest] = path.split('/');
  if (!/^wave-\d+$/.test(folder) || rest.length === 0) return undefined;
  return [folder, rest.join('/')];
}

const byWaveNumber = (a: string, b: string) =>
  a.localeCompare(b, 'en', { numeric: true });

async function readBundleZip(
  artifacts: ArtifactReader,
): Promise<Uint8Array | undefined> {
  const zip = await artifacts.get(MIGRATION_ARTIFACTS.iacBundle.name);
  return zip ? new Uint8Array(zip.content) : undefined;
}

/**
 * The wave folders of the stored IaC bundle (`wave-01`, `wave-02`, ...) in order, with their
 * files; undefined when the test phase stored no bundle.
 */
export async function readBundleWaves(
  artifacts: ArtifactReader,
): Promise<Map<string, BundleFile[]> | undefined> {
  const zip = await readBundleZip(artifacts);
  if (!zip) return undefined;
  const waves = new Map<string, BundleFile[]>();
  for (const file of unzipBundle(zip)) {
    const where = inWave(file.path);
    if (!where) continue;
    const [folder, path] = where;
    waves.set(folder, [
      ...(waves.get(folder) ?? []),
      { path, content: file.content },
    ]);
  }
  return new Map([...waves.entries()].sort(([a], [b]) => byWaveNumber(a, b)));
}

/**
 * The wave folders of the stored IaC bundle in order, from the zip's directory alone (a
 * 5,000-VM bundle expands to 18 MiB of HCL); undefined when the test phase stored no bundle.
 */
export async function readBundleWaveNames(
  artifacts: ArtifactReader,
): Promise<string[] | undefined> {
  const zip = await readBundleZip(artifacts);
  if (!zip) return undefined;
  const folders = new Set(
    listBundlePaths(zip).flatMap(path => inWave(path)?.slice(0, 1) ?? []),
  );
  return [...folders].sort(byWaveNumber);
}

/**
 * The files of one wave folder of the stored IaC bundle, the others left compressed; undefined
 * when there is no bundle or the folder has no files.
 */
export async function readBundleWave(
  artifacts: ArtifactReader,
  wave: string,
): Promise<BundleFile[] | undefined> {
  const zip = await readBundleZip(artifacts);
  if (!zip) return undefined;
  const files = unzipBundle(zip, {
    include: path => inWave(path)?.[0] === wave,
  }).map(file => ({ path: inWave(file.path)![1], content: file.content }));
  return files.length > 0 ? files : undefined;
}

/** Resources declared in a wave's files, in layer order, for runs without Terraform. */
export async function declaredResources(
  files: BundleFile[],
): Promise<BuildWaveResult['resources']> {
  const resources: BuildWaveResult['resources'] = [];
  for (const file of files.filter(f => f.path.endsWith('.tf'))) {
    const json = await hcl2jsonParser.parse(file.path, file.content);
    for (const [type, byName] of Object.entries(json.resource ?? {})) {
      for (const name of Object.keys(byName as object)) {
        resources.push({
          address: `${type}.${name}`,
          action: 'create',
          status: 'pending',
        });
      }
    }
  }
  return byLayer(resources);
}
