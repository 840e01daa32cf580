import { NetworksClient, SubnetworksClient } from '@google-cloud/compute';
import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  readRetrySettings,
  type CapabilityTarget,
  type TargetNetwork,
  type TargetNetworks,
} from '@sirsi-nexus/plugin-migration-node';
import type { GoogleAuth } from 'google-auth-library';
import {
  readGcpCredentials,
  type GcpCredentialSource,
} from '../google/gcpAuth';
import { callGoogle } from '../google/googleRetry';

/** `https://www.googleapis.com/compute/v1/projects/p/global/networks/n` → `projects/p/global/networks/n`. */
function resourcePath(link: string): string {
  const at = link.indexOf('projects/');
  return at >= 0 ? link.slice(at) : link;
}

/** The project, credentials and endpoint of the target environment (a `gcp` one). */
function targetProject(config: Config, target: CapabilityTarget) {
  const env = (config.getOptionalConfigArray('migration.environments') ?? [])
    .filter(e => e.getOptionalString('provider') === 'gcp')
    .find(e => e.getOptionalString('id') === target.environmentId);
  const block = env?.getOptionalConfig('gcp');
  const projectId = block?.getOptionalString('projectId');
  if (!env || !block || !projectId) {
    throw new InputError(
      `target.environmentId: "${
        target.environmentId ?? ''
      }" is not an environment with provider: gcp and gcp.projectId in migration.environments`,
    );
  }
  const field = `migration.environments[${target.environmentId}].gcp`;
  return {
    projectId,
    credentials: readGcpCredentials(block, field),
    apiEndpoint: block.getOptionalString('apiEndpoint'),
    retry: readRetrySettings(env),
  };
}

/**
 * The VPC networks of a Google Cloud target's project: `networks.list` (legacy networks carry
 * their `IPv4Range`) and `subnetworks.aggregatedList` of every region (`ipCidrRange`, secondary
 * ranges, IPv6 ranges), with the target environment's credentials.
 *
 * @public
 */
export class ComputeTargetNetworks implements TargetNetworks {
  constructor(
    private readonly config: Config,
    private readonly auth: (
      source: GcpCredentialSource,
      projectId?: string,
    ) => GoogleAuth,
  ) {}

  async listNetworks(
    target: CapabilityTarget,
    signal?: AbortSignal,
  ): Promise<TargetNetwork[]> {
    const { projectId, credentials, apiEndpoint, retry } = targetProject(
      this.config,
      target,
    );
    const options = {
      auth: this.auth(credentials, projectId),
      fallback: true,
      apiEndpoint,
      clientOptions: { transporterOptions: { fetchImplementation: fetch } },
    } as ConstructorParameters<typeof NetworksClient>[0];
    const networksClient = new NetworksClient(options);
    const subnetworksClient = new SubnetworksClient(options);
    try {
      const networks = new Map<string, TargetNetwork>();
      await callGoogle(
        `Compute Engine: list the networks of project ${projectId}`,
        async () => {
          networks.clear();
          for await (const n of networksClient.listAsync(
            { project: projectId },
            { retry: null as never },
          )) {
            if (!n.selfLink) continue;
            const id = resourcePath(n.selfLink);
            const cidrs = n.IPv4Range ? [n.IPv4Range] : [];
            networks.set(id, { id, name: n.name ?? id, cidrs });
          }
        },
        { retry, signal },
      );
      await callGoogle(
        `Compute Engine: list the subnetworks of project ${projectId}`,
        async () => {
          for await (const [, scope] of subnetworksClient.aggregatedListAsync(
            { project: projectId },
            { retry: null as never },
          )) {
            for (const s of scope.subnetworks ?? []) {
              const network = s.network
                ? networks.get(resourcePath(s.network))
                : undefined;
              network?.cidrs.push(
                ...[
                  s.ipCidrRange,
                  ...(s.secondaryIpRanges ?? []).map(r => r.ipCidrRange),
                  s.ipv6CidrRange,
                  s.internalIpv6Prefix,
                ].filter((c): c is string => !!c),
              );
            }
          }
        },
        { retry, signal },
      );
      return [...networks.values()].map(n => ({
        ...n,
        cidrs: [...new Set(n.cidrs)],
      }));
    } finally {
      await Promise.all([networksClient.close(), subnetworksClient.close()]);
    }
  }
}
