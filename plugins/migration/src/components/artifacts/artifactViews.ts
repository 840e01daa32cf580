import {
  ARTIFACT_NAME_PATTERNS,
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
  findArtifactDefinition,
  type ArtifactDefinition,
  type ArtifactSummary,
  type ChecksArtifact,
} from '@sirsi-nexus/plugin-migration-common';

/** How an artifact is previewed. */
export type PreviewKind =
  | 'assessment'
  | 'business-case'
  | 'iac-bundle'
  | 'iac-report'
  | 'checks'
  | 'validation'
  | 'optimization'
  | 'support'
  | 'transfer'
  | 'json'
  | 'markdown'
  | 'text'
  | 'none';

/** The artifacts of the phase contract that have a view of their own. */
const VIEWS = new Map<ArtifactDefinition, PreviewKind>([
  [MIGRATION_ARTIFACTS.assessment, 'assessment'],
  [MIGRATION_ARTIFACTS.businessCase, 'business-case'],
  [MIGRATION_ARTIFACTS.iacBundle, 'iac-bundle'],
  [MIGRATION_ARTIFACTS.iacReport, 'iac-report'],
  [MIGRATION_ARTIFACTS.readinessChecks, 'checks'],
  [MIGRATION_ARTIFACTS.validation, 'validation'],
  [MIGRATION_ARTIFACTS.optimization, 'optimization'],
  [MIGRATION_ARTIFACTS.support, 'support'],
  [MIGRATION_ARTIFACTS.transfer, 'transfer'],
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern matching every name an `ARTIFACT_NAME_PATTERNS` builder can produce. */
function namePattern(build: (value: string) => string): RegExp {
  const [before, after] = build('\u0000').split('\u0000');
  return new RegExp(`^${escapeRegExp(before)}.+${escapeRegExp(after)}$`);
}

const ENVIRONMENT_CHECKS = namePattern(
  ARTIFACT_NAME_PATTERNS.environmentChecks,
);

/** Whether the artifact holds one environment's checks (`environment-<id>.json`). */
export function isEnvironmentChecks(name: string): boolean {
  return ENVIRONMENT_CHECKS.test(name);
}

/**
 * The definition a checks artifact is read with. An environment's checks have the readiness
 * checks' shape (plus the environment they checked) under a name of their own.
 */
export function checksDefinition(
  name: string,
): ArtifactDefinition<ChecksArtifact> {
  const readiness = MIGRATION_ARTIFACTS.readinessChecks;
  if (name === readiness.name) return readiness;
  return {
    ...readiness,
    name,
    title: 'Environment checks',
    producedBy: [TASK_TYPES.environmentValidateProviders],
  };
}

/** The preview of a file type, for what has no view of its own. */
function previewOfType(name: string, mediaType: string): PreviewKind {
  const type = mediaType.split(';')[0].trim().toLowerCase();
  if (name.endsWith('.zip') || type === 'application/zip') return 'iac-bundle';
  if (name.endsWith('.json') || type.includes('json')) return 'json';
  if (name.endsWith('.md') || type === 'text/markdown') return 'markdown';
  if (
    type.startsWith('text/') ||
    /\.(txt|log|tf|ya?ml|csv|hcl|sh)$/.test(name)
  ) {
    return 'text';
  }
  return 'none';
}

/**
 * Chooses the preview of an artifact: its view in the phase contract, else the view of its
 * media type (the contract's for its artifacts, the stored one for anything else).
 */
export function previewKind(
  artifact: Pick<ArtifactSummary, 'name' | 'mediaType'>,
): PreviewKind {
  const definition = findArtifactDefinition(artifact.name);
  if (definition) {
    return (
      VIEWS.get(definition) ??
      previewOfType(definition.name, definition.mediaType)
    );
  }
  if (isEnvironmentChecks(artifact.name)) return 'checks';
  return previewOfType(artifact.name.toLowerCase(), artifact.mediaType);
}

/** The migration's artifact of a contract definition, if it has one. */
export function findArtifact(
  artifacts: ArtifactSummary[],
  definition: ArtifactDefinition,
): ArtifactSummary | undefined {
  return artifacts.find(a => a.name === definition.name);
}
