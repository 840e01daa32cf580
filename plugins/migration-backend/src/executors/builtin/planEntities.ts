import type { JsonObject } from '@backstage/types';
import {
  PLAN_ENTITIES_ARTIFACT,
  RESOURCE_ANNOTATIONS,
  type CapturedEntity,
  type PlanEntitiesArtifact,
  type ResourceSpecsAnnotation,
} from '@sirsi-nexus/plugin-migration-common';
import type { ArtifactReader } from '@sirsi-nexus/plugin-migration-node';
import { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';

/** The entities captured by the plan phase; fails clearly when the plan phase did not store them. */
export async function readPlanEntities(
  artifacts: ArtifactReader,
): Promise<PlanEntitiesArtifact> {
  const plan = await artifacts.getJson<PlanEntitiesArtifact>(
    PLAN_ENTITIES_ARTIFACT,
  );
  if (!plan) {
    throw new PermanentTaskError(
      `The ${PLAN_ENTITIES_ARTIFACT} artifact of the plan phase is missing`,
    );
  }
  return plan;
}

/** `kind:namespace/name` of a captured entity, lower-cased like catalog refs compare. */
export function refOf(entity: CapturedEntity): string {
  return `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
    entity.metadata.name
  }`.toLowerCase();
}

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

/** Artifact-safe form of an id (environment ids may hold characters artifact names may not). */
export function safeName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 200) || 'unnamed';
}

/** A JSON copy of a typed value (interfaces are not assignable to JsonObject). */
export function asJson<T>(value: T): JsonObject {
  return JSON.parse(JSON.stringify(value)) as JsonObject;
}
