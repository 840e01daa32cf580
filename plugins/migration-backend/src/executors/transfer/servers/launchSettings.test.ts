import { MIGRATION_ARTIFACTS } from '@sirsi-nexus/plugin-migration-common';
import { createMockTaskContext } from '@sirsi-nexus/plugin-migration-node';
import { launchSettingsOf } from './launchSettings';
import type { ServerCandidate } from './serverCandidates';

const server = (name: string, wave = 1): ServerCandidate => ({
  entityRef: `resource:default/${name}`,
  name,
  wave,
  resource: {} as ServerCandidate['resource'],
  instanceType: 'sized-type',
});

/** The settings of each server from a build whose wave published `settings` for it. */
async function settingsFrom(settings: Record<string, object>) {
  const { ctx } = createMockTaskContext({
    migration: { id: 'mig-1', owner: 'group:default/team' },
    artifacts: {
      [MIGRATION_ARTIFACTS.build.name]: {
        rehearsal: false,
        waves: [
          {
            wave: 'wave-01',
            mode: 'applied',
            resources: [],
            outputs: { launch_settings: settings },
          },
        ],
        statements: [],
      } as any,
    },
  });
  const servers = Object.keys(settings).map(name => server(name));
  return launchSettingsOf(ctx.artifacts, ctx.migration, servers);
}

describe('launchSettingsOf', () => {
  it('reads the generated launch settings of each cloud into one contract', async () => {
    const aws = await settingsFrom({
      'web-01': {
        subnet_id: 'subnet-0a1',
        security_group_ids: ['sg-0web'],
        instance_type: 'm6i.large',
      },
    });
    expect(aws.get('resource:default/web-01')).toMatchObject({
      subnetId: 'subnet-0a1',
      securityGroupIds: ['sg-0web'],
      instanceType: 'm6i.large',
    });

    const subnet =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/web';
    const nsg =
      '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web';
    const azure = await settingsFrom({
      'WEB-01': {
        subnet_id: subnet,
        network_security_group_id: nsg,
        instance_type: 'Standard_D2s_v5',
      },
    });
    expect(azure.get('resource:default/WEB-01')).toMatchObject({
      subnetId: subnet,
      securityGroupIds: [nsg],
      instanceType: 'Standard_D2s_v5',
    });

    const selfLink =
      'https://www.googleapis.com/compute/v1/projects/p/regions/europe-west1/subnetworks/web';
    const gcp = await settingsFrom({
      'web-01': {
        subnetwork: selfLink,
        network_tags: ['sg-web', 'sg-admin'],
        instance_type: 'e2-medium',
      },
    });
    expect(gcp.get('resource:default/web-01')).toEqual({
      subnetId: selfLink,
      securityGroupIds: ['sg-web', 'sg-admin'],
      instanceType: 'e2-medium',
      tags: {
        owner: 'group:default/team',
        'migration-id': 'mig-1',
        wave: '1',
      },
    });
  });

  it('leaves what a wave does not publish to the service, with the sized type', async () => {
    const settings = await settingsFrom({ 'db-01': { subnet_id: 'subnet-1' } });
    expect(settings.get('resource:default/db-01')).toMatchObject({
      subnetId: 'subnet-1',
      securityGroupIds: undefined,
      instanceType: 'sized-type',
    });
  });
});
