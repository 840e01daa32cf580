import {
  MIGRATION_ARTIFACTS,
  type DnsRecordChange,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readArtifact,
  readMigrationResources,
  type ArtifactReader,
} from '@sirsi-nexus/plugin-migration-node';
import { buildEndpoints } from '../../build/buildReport';
import { attribute, displayName } from '../resourceAttributes';
import { assessedWave } from '../servers/serverCandidates';

/** A DNS name a resource carries (tag `dns-name`) that the cutover moves to the target. */
export interface DnsIntent {
  /** Lower case, without trailing dot. */
  name: string;
  type: DnsRecordChange['type'];
  resource: string;
  entityRef: string;
  wave: number;
  /** The host of the build's endpoint of the resource, when it published one. */
  endpointHost?: string;
  /** The resource's addresses today. */
  sourceAddresses: string[];
}

/** The record type that holds a value: a name needs a CNAME, an address an A or AAAA. */
export function recordTypeOf(value: string): DnsRecordChange['type'] {
  if (value.includes(':')) return 'AAAA';
  return /^[\d.]+$/.test(value) ? 'A' : 'CNAME';
}

/** DNS names in the form zones compare them: lower case, no trailing dot. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * The names to switch: every `dns-name` (or `dns`, `fqdn`) of the migration's resources, pointed
 * at the build's endpoint of the resource when it published one (a load balancer, say), else at
 * the server's cutover instance — an A record unless the tag `dns-type` says `AAAA`.
 */
export async function dnsIntents(
  artifacts: ArtifactReader,
): Promise<DnsIntent[]> {
  const resources = await readMigrationResources(artifacts, {
    optional: true,
  });
  const assessment = await readArtifact(
    artifacts,
    MIGRATION_ARTIFACTS.assessment,
  );
  const endpoints = await buildEndpoints(artifacts);
  return resources.flatMap(r => {
    const resource = displayName(r);
    const endpointHost = endpoints.find(e => e.name === resource)?.host;
    const declared = attribute(r, 'dns-type')?.toUpperCase();
    const declaredType = declared === 'AAAA' ? 'AAAA' : 'A';
    const type: DnsRecordChange['type'] = endpointHost
      ? recordTypeOf(endpointHost)
      : declaredType;
    return (attribute(r, 'dns-name', 'dns', 'fqdn') ?? '')
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(name => ({
        name: normalizeName(name),
        type,
        resource,
        entityRef: r.entityRef,
        wave: assessedWave(assessment, r),
        endpointHost,
        sourceAddresses: r.resource?.specs.ipAddresses ?? [],
      }));
  });
}
