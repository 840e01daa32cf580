import type { BuildWaveResult } from '@sirsi-nexus/plugin-migration-common';
import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import {
  hcl2jsonParser,
  unzipBundle,
  type BundleFile,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import { byLayer } from './terraformSteps';

/**
 * The wave folders of the stored IaC bundle (`wave-01`, `wave-02`, ...) in order, with their
 * files; undefined when the test phase stored no bundle.
 */
export async function readBundleWaves(
  artifacts: ArtifactReader,
): Promise<Map<string, BundleFile[]> | undefined> {
  const zip = await artifacts.get(MIGRATION_ARTIFACTS.iacBundle.name);
  if (!zip) return undefined;
  const files = unzipBundle(new Uint8Array(zip.content));
  const waves = new Map<string, BundleFile[]>();
  for (const file of files) {
    const [folder, ...rest] = file.path.split('/');
    if (!/^wave-\d+$/.test(folder) || rest.length === 0) continue;
    waves.set(folder, [
      ...(waves.get(folder) ?? []),
      { path: rest.join('/'), content: file.content },
    ]);
  }
  return new Map(
    [...waves.entries()].sort(([a], [b]) =>
      a.localeCompare(b, 'en', { numeric: true }),
    ),
  );
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
