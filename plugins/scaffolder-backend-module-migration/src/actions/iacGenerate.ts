import type { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  generateTerraform,
  iacModelFromAssessment,
  readIacSettings,
  unzipBundle,
  writeBundleFiles,
  type BundleFile,
  type IacModel,
} from '@sirsi-nexus/plugin-migration-iac-node';
import type { MigrationApiClient } from '../client/MigrationApiClient';
import {
  normaliseRefs,
  readResourcesWithDependencies,
  readSelection,
} from '../client/selection';
import { examples } from './iacGenerate.examples';
import { optionsOf, selectionInput, targetOf } from './inputs';

const IAC_BUNDLE_ARTIFACT = 'iac-bundle.zip';

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
  const pollIntervalMs = deps.pollIntervalMs ?? 5000;
  return createTemplateAction({
    id: 'migration:iac:generate',
    description:
      "Writes a migration's Terraform (one folder per wave) into the workspace: the migration's own validated bundle, or one generated from entity refs and a target.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
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
      },
      output: {
        path: z =>
          z.string().describe('The folder written, relative to the workspace'),
        files: z => z.number().describe('Files written'),
        waves: z => z.number().describe('Wave folders written'),
        source: z => z.enum(['migration-bundle', 'generated']),
        warnings: z => z.array(z.string()),
      },
    },
    async handler(ctx) {
      const { input } = ctx;
      const credentials = await ctx.getInitiatorCredentials();
      const fromSelection =
        input.entityRefs && input.targetProvider && input.targetRegion;
      if (
        !fromSelection &&
        (input.entityRefs || input.targetProvider || input.targetRegion)
      ) {
        throw new InputError(
          'entityRefs, targetProvider and targetRegion go together: give all three or none',
        );
      }
      if (!fromSelection && !input.migrationId) {
        throw new InputError(
          'Give migrationId, or entityRefs with targetProvider and targetRegion',
        );
      }

      let files: BundleFile[];
      let warnings: string[] = [];
      let source: 'migration-bundle' | 'generated';
      if (fromSelection) {
        // The model is the expensive, remote part; the files follow from it deterministically.
        const built = await ctx.checkpoint({
          key: 'iac-model',
          fn: async () => {
            const entityRefs = normaliseRefs(input.entityRefs!);
            const assessment = await deps.client.analyze(credentials, {
              entityRefs,
              target: targetOf({
                targetProvider: input.targetProvider!,
                targetRegion: input.targetRegion!,
                targetEnvironmentId: input.targetEnvironmentId,
              }),
              ...(input.sourceEnvironmentId
                ? { sourceEnvironmentId: input.sourceEnvironmentId }
                : {}),
              options: optionsOf(input),
            });
            const entities = await readSelection(
              deps.catalog,
              credentials,
              entityRefs,
            );
            const resources = await readResourcesWithDependencies(
              deps.catalog,
              credentials,
              entities,
            );
            const result = iacModelFromAssessment(assessment, {
              migrationId: input.migrationId ?? 'preview',
              owner:
                input.owner?.trim() ||
                (credentials.principal as { userEntityRef?: string })
                  .userEntityRef ||
                'unknown',
              resources,
              adminSources: settings.adminSources,
              tags: settings.defaultTags,
            });
            return JSON.parse(JSON.stringify(result)) as JsonObject;
          },
        });
        const {
          model,
          skipped,
          warnings: modelWarnings,
        } = built as unknown as {
          model: IacModel;
          skipped: Array<{ name: string; reason: string }>;
          warnings: string[];
        };
        if (model.waves.length === 0) {
          throw new InputError(
            `Nothing to generate: no selected machine moves as a machine (${skipped
              .map(s => `${s.name}: ${s.reason}`)
              .join('; ')})`,
          );
        }
        const bundle = generateTerraform(model);
        files = bundle.files;
        warnings = [
          ...modelWarnings,
          ...bundle.warnings,
          ...skipped.map(s => `Not generated: ${s.name} (${s.reason})`),
        ];
        source = 'generated';
      } else {
        const zip = await waitForBundle(
          () =>
            deps.client.getArtifact(
              credentials,
              input.migrationId!,
              IAC_BUNDLE_ARTIFACT,
            ),
          input.waitForBundleSeconds * 1000,
          pollIntervalMs,
          ctx.signal,
        );
        if (!zip) {
          throw new NotFoundError(
            `Migration ${
              input.migrationId
            } has no ${IAC_BUNDLE_ARTIFACT} yet: its test phase has not run${
              input.waitForBundleSeconds
                ? ` within ${input.waitForBundleSeconds} s`
                : ''
            }`,
          );
        }
        files = unzipBundle(new Uint8Array(zip));
        source = 'migration-bundle';
      }

      await writeBundleFiles(ctx.workspacePath, input.targetPath, files);
      const waves = new Set(
        files.map(f => f.path.split('/')[0]).filter(f => /^wave-\d+$/.test(f)),
      ).size;
      ctx.logger.info(
        `Wrote ${files.length} files (${waves} waves) to ${input.targetPath}${
          ctx.isDryRun ? ' (dry run: the workspace is temporary)' : ''
        }`,
      );
      for (const warning of warnings) ctx.logger.warn(warning);
      ctx.output('path', input.targetPath);
      ctx.output('files', files.length);
      ctx.output('waves', waves);
      ctx.output('source', source);
      ctx.output('warnings', warnings);
    },
  });
}

async function waitForBundle(
  fetchBundle: () => Promise<Buffer | undefined>,
  waitMs: number,
  intervalMs: number,
  signal?: AbortSignal,
): Promise<Buffer | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const zip = await fetchBundle();
    if (zip || Date.now() + intervalMs > deadline || signal?.aborted)
      return zip;
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
