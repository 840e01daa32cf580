import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import type { CloudProviderFactory } from '../providers/registry';
import type { EnvironmentCheck } from '@sirsi-nexus/plugin-migration-common';

/**
 * A provider factory for tests of modules that add providers: each environment it builds
 * discovers two VMs, `app-01` depending on `db-01`, in the region of its `fake.region` config
 * (optional), under the provider name `fake`.
 *
 * @public
 */
export function fakeCloudProviderFactory(
  options: { checks?: EnvironmentCheck[] } = {},
): CloudProviderFactory {
  return ({ config, environment }) => {
    const vm = (
      name: string,
      dependsOn: string[] = [],
    ): DiscoveredResource => ({
      provider: 'fake',
      environmentId: environment.id,
      externalId: name,
      kind: 'vm',
      name,
      region: config.getOptionalString('fake.region'),
      specs: { vcpus: 2, memoryMiB: 4096 },
      tags: {},
      dependsOn,
    });
    return {
      id: 'fake',
      environmentId: environment.id,
      title: environment.title,
      owner: environment.owner,
      async validate() {
        return options.checks ?? [];
      },
      async *discover() {
        yield vm('db-01');
        yield vm('app-01', ['db-01']);
      },
    };
  };
}
