import type { ArtifactSummary } from '@sirsi-nexus/plugin-migration-common';

/** Well-known artifact names the engine's executors store. */
export const ARTIFACT_NAMES = {
  assessment: 'assessment.json',
  iacBundle: 'iac-bundle.zip',
  iacReport: 'iac-report.json',
  validation: 'validation.json',
  optimization: 'optimization.json',
  support: 'support.json',
  transfer: 'transfer.json',
  report: 'report.md',
} as const;

/** How an artifact is previewed. */
export type PreviewKind =
  | 'assessment'
  | 'iac-bundle'
  | 'iac-report'
  | 'validation'
  | 'optimization'
  | 'support'
  | 'transfer'
  | 'json'
  | 'markdown'
  | 'text'
  | 'none';

/** Chooses the preview of an artifact from its name, then its media type. */
export function previewKind(
  artifact: Pick<ArtifactSummary, 'name' | 'mediaType'>,
): PreviewKind {
  const name = artifact.name.toLowerCase();
  const type = artifact.mediaType.toLowerCase();
  switch (name) {
    case ARTIFACT_NAMES.assessment:
      return 'assessment';
    case ARTIFACT_NAMES.iacBundle:
      return 'iac-bundle';
    case ARTIFACT_NAMES.iacReport:
      return 'iac-report';
    case ARTIFACT_NAMES.validation:
      return 'validation';
    case ARTIFACT_NAMES.optimization:
      return 'optimization';
    case ARTIFACT_NAMES.support:
      return 'support';
    case ARTIFACT_NAMES.transfer:
      return 'transfer';
    default:
  }
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

/** Finds an artifact by name. */
export function findArtifact(
  artifacts: ArtifactSummary[],
  name: string,
): ArtifactSummary | undefined {
  return artifacts.find(a => a.name === name);
}
