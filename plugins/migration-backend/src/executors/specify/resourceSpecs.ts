import {
  RESOURCE_ANNOTATIONS,
  type CapturedEntity,
  type ResourceSpecsAnnotation,
} from '@sirsi-nexus/plugin-migration-common';

/** The parsed `sirsi-nexus.io/specs` annotation, when present and readable. */
export function specsOf(
  entity: CapturedEntity,
): ResourceSpecsAnnotation | undefined {
  const raw = entity.metadata.annotations?.[RESOURCE_ANNOTATIONS.specs];
  if (!raw) {
    return undefined;
  }
  try {
    return JSON.parse(raw) as ResourceSpecsAnnotation;
  } catch {
    return undefined;
  }
}
