import {
  MIGRATION_ARTIFACTS,
  type BuildReport,
  type BuildWaveResult,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  writeArtifact,
  type ArtifactReader,
  type TaskContext,
} from '@sirsi-nexus/plugin-migration-node';

/**
 * Records one wave's result in `build.json`, replacing an earlier record of the wave, with a
 * statement of what happened to it.
 */
export async function recordWave(
  ctx: TaskContext,
  header: Pick<BuildReport, 'rehearsal' | 'terraformCommand'>,
  wave: BuildWaveResult,
  statement: string,
) {
  const current: BuildReport = (await readArtifact(
    ctx.artifacts,
    MIGRATION_ARTIFACTS.build,
  )) ?? { ...header, waves: [], statements: [] };
  current.waves = [
    ...current.waves.filter(w => w.wave !== wave.wave),
    wave,
  ].sort((a, b) => a.wave.localeCompare(b.wave, 'en', { numeric: true }));
  current.statements = [
    ...current.statements.filter(s => !s.startsWith(`${wave.wave}:`)),
    `${wave.wave}: ${statement}`,
  ];
  await writeArtifact(ctx.artifacts, MIGRATION_ARTIFACTS.build, current);
}

/** A target endpoint the build published, to probe. */
export interface BuiltEndpoint {
  name: string;
  host: string;
  port?: number;
  url?: string;
  tlsPort?: number;
  servername?: string;
}

const optional = <T>(value: unknown, type: string) =>
  typeof value === type ? (value as T) : undefined;

/** Target endpoints the applied waves published as the Terraform output `endpoints`. */
export async function buildEndpoints(
  artifacts: ArtifactReader,
): Promise<BuiltEndpoint[]> {
  const build = await readArtifact(artifacts, MIGRATION_ARTIFACTS.build);
  const endpoints: BuiltEndpoint[] = [];
  for (const wave of build?.waves ?? []) {
    if (wave.mode !== 'applied') continue;
    const list = wave.outputs?.endpoints;
    if (!Array.isArray(list)) continue;
    for (const e of list as Array<Record<string, unknown>>) {
      if (typeof e?.name === 'string' && typeof e?.host === 'string') {
        endpoints.push({
          name: e.name,
          host: e.host,
          port: optional<number>(e.port, 'number'),
          url: optional<string>(e.url, 'string'),
          tlsPort: optional<number>(e.tlsPort, 'number'),
          servername: optional<string>(e.servername, 'string'),
        });
      }
    }
  }
  return endpoints;
}
