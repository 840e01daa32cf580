import type {
  ServerInstance,
  ServerTransferStatus,
} from '@sirsi-nexus/plugin-migration-common';
import {
  readMigrationResources,
  type ArtifactReader,
  type MigrationResource,
} from '@sirsi-nexus/plugin-migration-node';
import type { ValidationEndpoint } from '@sirsi-nexus/plugin-migration-transfer-node';
import { attribute } from '../transfer/resourceAttributes';
import { readReplication } from '../transfer/servers/replicationReport';

/** The instance validation probes: the test instance in a rehearsal, else the cutover one. */
function probedInstance(
  server: ServerTransferStatus,
): ServerInstance | undefined {
  if (server.step === 'testing') return server.testInstance;
  if (server.step === 'cut_over' || server.step === 'finalized') {
    return server.cutoverInstance;
  }
  return undefined;
}

/**
 * The resource's health URL (tag or annotation `health-url`, as the source answers it) aimed at
 * the instance: same scheme, port and path, the instance's address as host, and the original
 * name for the TLS certificate check.
 */
function healthProbe(
  item: MigrationResource | undefined,
  host: string,
): Pick<ValidationEndpoint, 'url' | 'tlsPort' | 'servername'> {
  const raw = item && attribute(item, 'health-url');
  if (!raw) return {};
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {};
  }
  const servername = url.hostname;
  url.hostname = host.includes(':') ? `[${host}]` : host;
  if (url.protocol !== 'https:') return { url: url.toString() };
  return {
    url: url.toString(),
    tlsPort: Number(url.port || 443),
    servername,
  };
}

/**
 * What validation probes of the servers the transfer phase launched: each test instance (while a
 * rehearsal's test runs) or cutover instance, at its first address, on the resource's `port` tag
 * and its `health-url` (host replaced by the instance). Named like the resource, so latency is
 * compared with its baseline.
 */
export async function serverEndpoints(
  artifacts: ArtifactReader,
): Promise<ValidationEndpoint[]> {
  const servers = (await readReplication({ artifacts }))?.servers ?? [];
  const resources = await readMigrationResources(artifacts, {
    optional: true,
  });
  const endpoints: ValidationEndpoint[] = [];
  for (const server of servers) {
    const host = probedInstance(server)?.addresses[0];
    if (!host) continue;
    const item = resources.find(r => r.entityRef === server.entityRef);
    const port = Number(
      (item && attribute(item, 'port', 'service-port')) ?? NaN,
    );
    endpoints.push({
      name: server.name,
      host,
      port: Number.isInteger(port) ? port : undefined,
      ...healthProbe(item, host),
    });
  }
  return endpoints;
}
