import {
  MIGRATION_ARTIFACTS,
  type Assessment,
  type AssessmentResource,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  readMigrationResources,
  type ArtifactReader,
  type MigrationResource,
  type ReplicationCandidate,
} from '@sirsi-nexus/plugin-migration-node';
import { attribute, displayName } from '../resourceAttributes';

/**
 * A VM the transfer phase moves as a server, through the target's migration service.
 */
export interface ServerCandidate {
  entityRef: string;
  name: string;
  /** The assessment's wave (1 without an assessment). */
  wave: number;
  resource: MigrationResource;
  /** The instance type the assessment sized it to. */
  instanceType?: string;
}

/** The migration's servers and the VMs that are not moved as servers, with why. */
export interface ServerSelection {
  servers: ServerCandidate[];
  skipped: Array<{ entityRef: string; name: string; reason: string }>;
}

/** Strategies that move the machine as it is; the others replace or keep it. */
const MOVED_AS_SERVER = new Set(['rehost', 'relocate']);

function assessed(
  assessment: Assessment | undefined,
  item: MigrationResource,
): AssessmentResource | undefined {
  return assessment?.resources.find(
    r =>
      r.entityRef?.toLowerCase() === item.entityRef ||
      (item.resource && r.id === item.resource.externalId),
  );
}

/** The wave the assessment put a resource in (1 without an assessment). */
export function assessedWave(
  assessment: Assessment | undefined,
  item: MigrationResource,
): number {
  return assessed(assessment, item)?.wave ?? 1;
}

/**
 * The migration's VMs to move as servers: every discovered VM, unless the assessment gives it a
 * strategy that does not move the machine (retire, retain, replatform, refactor, repurchase).
 * Resources that are not VMs are never servers.
 */
export async function selectServers(
  artifacts: ArtifactReader,
): Promise<ServerSelection> {
  const resources = await readMigrationResources(artifacts, {
    optional: true,
  });
  const assessment = await readArtifact(
    artifacts,
    MIGRATION_ARTIFACTS.assessment,
  );
  const selection: ServerSelection = { servers: [], skipped: [] };
  for (const item of resources) {
    if (item.resource?.kind !== 'vm') continue;
    const entry = assessed(assessment, item);
    const name = displayName(item);
    const strategy = entry?.strategy.strategy;
    if (strategy && !MOVED_AS_SERVER.has(strategy)) {
      selection.skipped.push({
        entityRef: item.entityRef,
        name,
        reason: `The assessment's strategy for ${name} is ${strategy}, so it is not moved as a server`,
      });
      continue;
    }
    selection.servers.push({
      entityRef: item.entityRef,
      name,
      wave: entry?.wave ?? 1,
      resource: item,
      instanceType: entry?.sizing?.instanceType,
    });
  }
  return selection;
}

/** The waves that have servers, in order. */
export function serverWaves(servers: ServerCandidate[]): number[] {
  return [...new Set(servers.map(s => s.wave))].sort((a, b) => a - b);
}

/** What the migration service is asked to match a server by. */
export function replicationCandidate(
  server: ServerCandidate,
): ReplicationCandidate {
  const resource = server.resource.resource!;
  const hostnames = [
    resource.name,
    ...(attribute(server.resource, 'hostname', 'fqdn') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean),
  ];
  return {
    entityRef: server.entityRef,
    name: server.name,
    externalId: resource.externalId,
    provider: resource.provider,
    hostnames: [...new Set(hostnames)],
    ipAddresses: resource.specs.ipAddresses ?? [],
  };
}
