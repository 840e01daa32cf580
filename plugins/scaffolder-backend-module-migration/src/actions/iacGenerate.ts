import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { AnalyzeRequest } from '@sirsi-nexus/plugin-migration-common';
import {
  readIacSettings,
  writeBundleFiles,
  type IacSettings,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import { normaliseRefs } from '../client/selection';
import { fields, type ActionContextOf } from './actionContext';
import {
  buildIacModel,
  bundleOfMigration,
  bundleOfModel,
  type IacBundle,
} from './iacBundles';
import { examples } from './iacGenerate.examples';
import { optionsOf, selectionInput, targetOf } from './inputs';

const input = fields({
  migrationId: z =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        'Migration whose bundle to write, or whose id to tag resources with',
      ),
  entityRefs: z => selectionInput.entityRefs(z).optional(),
  targetProvider: z => selectionInput.targetProvider(z).optional(),
  targetRegion: z => selectionInput.targetRegion(z).optional(),
  targetEnvironmentId: selectionInput.targetEnvironmentId,
  sourceEnvironmentId: selectionInput.sourceEnvironmentId,
  complianceProfile: selectionInput.complianceProfile,
  owner: z =>
    z
      .string()
      .optional()
      .describe(
        'Owner entity ref for the owner tag; defaults to the user running the template',
      ),
  targetPath: z =>
    z
      .string()
      .default('terraform')
      .describe('Folder of the workspace to write into'),
  waitForBundleSeconds: z =>
    z
      .number()
      .int()
      .min(0)
      .max(3600)
      .default(0)
      .describe(
        "With only migrationId: how long to wait for the migration's test phase to store its bundle",
      ),
});

const output = fields({
  path: z =>
    z.string().describe('The folder written, relative to the workspace'),
  files: z => z.number().describe('Files written'),
  waves: z => z.number().describe('Wave folders written'),
  source: z => z.enum(['migration-bundle', 'generated']),
  warnings: z => z.array(z.string()),
});

type Context = ActionContextOf<typeof input, typeof output>;

type Deps = Parameters<typeof createIacGenerateAction>[0];

/**
 * `migration:iac:generate`: writes the Terraform of a migration into a folder of the workspace,
 * either the bundle the migration's `test` phase stored, or one generated here from a preview
 * assessment of entity refs and a target. The folder must stay inside the workspace: `../` and
 * symlinks that lead out are refused.
 *
 * @public
 */
export function createIacGenerateAction(deps: {
  client: MigrationApiClient;
  catalog: CatalogService;
  config: Config;
  /** Pause between polls for the bundle (tests shorten it). */
  pollIntervalMs?: number;
}) {
  const settings = readIacSettings(deps.config);
  return createTemplateAction({
    id: 'migration:iac:generate',
    description:
      "Writes a migration's Terraform (one folder per wave) into the workspace: the migration's own validated bundle, or one generated from entity refs and a target.",
    examples,
    supportsDryRun: true,
    schema: { input, output },
    handler: ctx => generateIac(ctx, deps, settings),
  });
}

/** The preview request of the inputs, when they name a selection and a target. */
function selectionOf(given: Context['input']): AnalyzeRequest | undefined {
  const { entityRefs, targetProvider, targetRegion } = given;
  if (entityRefs && targetProvider && targetRegion) {
    return {
      entityRefs: normaliseRefs(entityRefs),
      target: targetOf({
        targetProvider,
        targetRegion,
        targetEnvironmentId: given.targetEnvironmentId,
      }),
      ...(given.sourceEnvironmentId
        ? { sourceEnvironmentId: given.sourceEnvironmentId }
        : {}),
      options: optionsOf(given),
    };
  }
  if (entityRefs || targetProvider || targetRegion) {
    throw new InputError(
      'entityRefs, targetProvider and targetRegion go together: give all three or none',
    );
  }
  if (!given.migrationId) {
    throw new InputError(
      'Give migrationId, or entityRefs with targetProvider and targetRegion',
    );
  }
  return undefined;
}

async function bundleFor(
  ctx: Context,
  deps: Deps,
  settings: IacSettings,
): Promise<IacBundle> {
  const { input: given } = ctx;
  const credentials = await ctx.getInitiatorCredentials();
  const request = selectionOf(given);
  if (!request) {
    return bundleOfMigration({
      client: deps.client,
      credentials,
      migrationId: given.migrationId!,
      waitMs: given.waitForBundleSeconds * 1000,
      intervalMs: deps.pollIntervalMs ?? 5000,
      signal: ctx.signal,
    });
  }
  // The model is the expensive, remote part; the files follow from it deterministically.
  const built = await ctx.checkpoint({
    key: 'iac-model',
    fn: () =>
      buildIacModel({
        ...deps,
        settings,
        credentials,
        request,
        migrationId: given.migrationId,
        owner: given.owner,
      }),
  });
  return bundleOfModel(built);
}

async function generateIac(ctx: Context, deps: Deps, settings: IacSettings) {
  const { targetPath } = ctx.input;
  const { files, warnings, source } = await bundleFor(ctx, deps, settings);
  await writeBundleFiles(ctx.workspacePath, targetPath, files);
  const waves = new Set(
    files.map(f => f.path.split('/')[0]).filter(f => /^wave-\d+$/.test(f)),
  ).size;
  ctx.logger.info(
    `Wrote ${files.length} files (${waves} waves) to ${targetPath}${
      ctx.isDryRun ? ' (dry run: the workspace is temporary)' : ''
    }`,
  );
  for (const warning of warnings) ctx.logger.warn(warning);
  ctx.output('path', targetPath);
  ctx.output('files', files.length);
  ctx.output('waves', waves);
  ctx.output('source', source);
  ctx.output('warnings', warnings);
}
