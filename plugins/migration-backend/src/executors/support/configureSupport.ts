import type { JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type ArtifactDefinition,
  type Migration,
  type SupportConfiguration,
} from '@sirsi-nexus/plugin-migration-common';
import {
  defaultMonitoringConfig,
  generateMonitoring,
  resolveMonitoringConfig,
  zipBundle,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { ExecutionStore } from '../../database/ExecutionStore';
import { asJson } from '../json';

/**
 * Validates and stores a monitoring configuration (the request body over the stored one, or the
 * defaults) and generates it as code. Shared by the `support` phase and
 * `POST /migrations/{id}/configure-support`.
 *
 * @public
 */
export async function configureSupport(options: {
  migration: Migration;
  body: unknown;
  store: ExecutionStore;
  actor: string;
}): Promise<SupportConfiguration> {
  const { migration, store } = options;
  const stored = await store.getSupport(migration.id);
  const config = resolveMonitoringConfig(
    options.body,
    stored?.config ?? defaultMonitoringConfig(migration),
  );
  const support: SupportConfiguration = {
    migrationId: migration.id,
    target: migration.target,
    config,
    generated: await generateMonitoring(migration, config),
    updatedAt: new Date().toISOString(),
    updatedBy: options.actor,
  };
  await store.saveSupport(support);
  return support;
}

/** One artifact a support configuration is stored as. */
export interface SupportArtifact {
  definition: ArtifactDefinition;
  name: string;
  data: Buffer | string | JsonValue;
  mediaType: string;
}

function supportArtifact(
  definition: ArtifactDefinition,
  data: SupportArtifact['data'],
): SupportArtifact {
  return {
    definition,
    name: definition.name,
    data,
    mediaType: definition.mediaType,
  };
}

/** The artifacts a support configuration is stored as. */
export async function supportArtifacts(
  support: SupportConfiguration,
): Promise<SupportArtifact[]> {
  return [
    supportArtifact(MIGRATION_ARTIFACTS.support, asJson(support)),
    supportArtifact(
      MIGRATION_ARTIFACTS.prometheusRules,
      support.generated.prometheusRules,
    ),
    supportArtifact(
      MIGRATION_ARTIFACTS.supportTerraform,
      await zipBundle(
        Object.entries(support.generated.terraform).map(([path, content]) => ({
          path,
          content,
        })),
      ),
    ),
  ];
}
