import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { JsonObject } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type AnalyzeRequest,
} from '@sirsi-nexus/plugin-migration-common';
import {
  generateTerraform,
  iacModelFromAssessment,
  unzipBundle,
  type BundleFile,
  type IacModel,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import {
  readResourcesWithDependencies,
  readSelection,
} from '../client/selection';

/** Terraform files to write, where they came from, and what to warn about. */
export interface IacBundle {
  files: BundleFile[];
  warnings: string[];
  source: 'migration-bundle' | 'generated';
}

/** The IaC model of a selection, as JSON (a checkpoint stores it). */
type BuiltModel = {
  model: IacModel;
  skipped: Array<{ name: string; reason: string }>;
  warnings: string[];
};

/**
 * The IaC model of a selection: a preview assessment from the migration API plus the selected
 * resources and what they depend on from the catalog, all with the user's credentials.
 */
export async function buildIacModel(options: {
  client: MigrationApiClient;
  catalog: CatalogService;
  settings: Pick<IacSettings, 'adminSources' | 'defaultTags'>;
  credentials: BackstageCredentials;
  request: AnalyzeRequest;
  migrationId?: string;
  owner?: string;
}): Promise<JsonObject> {
  const { client, catalog, credentials, request, settings } = options;
  const assessment = await client.analyze(credentials, request);
  const entities = await readSelection(
    catalog,
    credentials,
    request.entityRefs,
  );
  const resources = await readResourcesWithDependencies(
    catalog,
    credentials,
    entities,
  );
  const result = iacModelFromAssessment(assessment, {
    migrationId: options.migrationId ?? 'preview',
    owner:
      options.owner?.trim() ||
      (credentials.principal as { userEntityRef?: string }).userEntityRef ||
      'unknown',
    resources,
    adminSources: settings.adminSources,
    tags: settings.defaultTags,
  });
  return JSON.parse(JSON.stringify(result)) as JsonObject;
}

/** The Terraform of a model built by {@link buildIacModel}. */
export function bundleOfModel(built: JsonObject): IacBundle {
  const { model, skipped, warnings } = built as unknown as BuiltModel;
  if (model.waves.length === 0) {
    throw new InputError(
      `Nothing to generate: no selected machine moves as a machine (${skipped
        .map(s => `${s.name}: ${s.reason}`)
        .join('; ')})`,
    );
  }
  const bundle = generateTerraform(model);
  return {
    files: bundle.files,
    warnings: [
      ...warnings,
      ...bundle.warnings,
      ...skipped.map(s => `Not generated: ${s.name} (${s.reason})`),
    ],
    source: 'generated',
  };
}

/**
 * The bundle a migration's `test` phase stored, waiting up to `waitMs` for it (polling every
 * `intervalMs`).
 *
 * @throws NotFoundError when it is not there in time.
 */
export async function bundleOfMigration(options: {
  client: MigrationApiClient;
  credentials: BackstageCredentials;
  migrationId: string;
  waitMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}): Promise<IacBundle> {
  const { client, credentials, migrationId } = options;
  const name = MIGRATION_ARTIFACTS.iacBundle.name;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const zip = await client.getArtifact(credentials, migrationId, name);
    if (zip) {
      return {
        files: unzipBundle(new Uint8Array(zip)),
        warnings: [],
        source: 'migration-bundle',
      };
    }
    if (Date.now() + options.intervalMs > deadline || options.signal?.aborted) {
      const waited = options.waitMs
        ? ` within ${Math.round(options.waitMs / 1000)} s`
        : '';
      throw new NotFoundError(
        `Migration ${migrationId} has no ${name} yet: its test phase has not run${waited}`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs));
  }
}
