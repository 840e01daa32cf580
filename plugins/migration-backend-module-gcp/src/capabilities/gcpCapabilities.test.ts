import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { CloudDnsCutover } from '../dns/CloudDnsCutover';
import type { GcpCredentialSource } from '../google/gcpAuth';
import { MigrateToVmsServerReplicator } from '../replication/MigrateToVmsServerReplicator';
import { GcsTarget } from '../storage/GcsTarget';
import { createFakeGcs } from '../testUtils/fakeGcs';
import { testAuth } from '../testUtils/googleTestAuth';
import { createGcpCapabilities } from './gcpCapabilities';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const KEY = JSON.stringify({
  type: 'service_account',
  client_email: 'migrate@landing-zone-4711.iam.gserviceaccount.com',
  private_key: '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
});

function capabilities(migration: object) {
  const sources: Array<{ source: GcpCredentialSource; project?: string }> = [];
  const caps = createGcpCapabilities({
    config: new ConfigReader({ migration }),
    auth: (source, project) => {
      sources.push({ source, project });
      return testAuth();
    },
  });
  return { caps, sources };
}

const environments = [
  {
    id: 'gcp-landing',
    provider: 'gcp',
    gcp: {
      projectId: 'landing-zone-4711',
      credentials: KEY,
      replication: { source: 'vmware-dc1' },
    },
  },
  { id: 'gcp-other', provider: 'gcp', gcp: { projectId: 'other-prj-4711' } },
];

describe('createGcpCapabilities', () => {
  it('builds Migrate to Virtual Machines for a target environment with its own replication block and credentials', () => {
    const { caps, sources } = capabilities({ environments });
    const replicator = caps.serverReplicator!({
      provider: 'gcp',
      region: 'europe-west1',
      environmentId: 'gcp-landing',
    });
    expect(replicator).toBeInstanceOf(MigrateToVmsServerReplicator);
    expect((replicator as MigrateToVmsServerReplicator).source).toBe(
      'projects/landing-zone-4711/locations/europe-west1/sources/vmware-dc1',
    );
    expect(sources).toEqual([
      {
        source: {
          credentials: {
            client_email: 'migrate@landing-zone-4711.iam.gserviceaccount.com',
            private_key:
              '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n',
          },
          keyFilename: undefined,
        },
        project: 'landing-zone-4711',
      },
    ]);
    // Another environment without a block and no migration.replication.gcp: not configured.
    expect(
      caps.serverReplicator!({
        provider: 'gcp',
        region: 'us-east1',
        environmentId: 'gcp-other',
      }),
    ).toBeUndefined();
  });

  it('falls back to migration.replication.gcp and names a missing or bad setting', () => {
    const { caps } = capabilities({
      environments,
      replication: { gcp: { location: 'us-central1', source: 'aws-prod' } },
    });
    const replicator = caps.serverReplicator!({
      provider: 'gcp',
      region: 'us-east1',
      environmentId: 'gcp-other',
    }) as MigrateToVmsServerReplicator;
    expect(replicator.source).toBe(
      'projects/other-prj-4711/locations/us-central1/sources/aws-prod',
    );
    expect(() =>
      caps.serverReplicator!({ provider: 'gcp', region: 'us-east1' }),
    ).toThrow(
      'migration.replication.gcp.project is required (the project Migrate to Virtual Machines runs in)',
    );
    const bad = capabilities({
      replication: {
        gcp: { project: 'landing-zone-4711', source: 'VMware DC1' },
      },
    }).caps;
    expect(() =>
      bad.serverReplicator!({ provider: 'gcp', region: 'us-east1' }),
    ).toThrow(
      'migration.replication.gcp.source "VMware DC1" is not a Migrate to Virtual Machines source id',
    );
  });

  it('offers Cloud DNS for the gcp zones of migration.dns.zones only', () => {
    expect(
      capabilities({}).caps.dnsCutover!({ provider: 'gcp', region: 'x' }),
    ).toBeUndefined();
    const { caps, sources } = capabilities({
      environments,
      dns: {
        zones: [
          {
            name: 'public',
            provider: 'gcp',
            gcp: { project: 'dns-prod-4711', managedZone: 'example-com' },
          },
          { name: 'r53', provider: 'aws' },
        ],
      },
    });
    const dns = caps.dnsCutover!({
      provider: 'gcp',
      region: 'europe-west1',
      environmentId: 'gcp-landing',
    });
    expect(dns).toBeInstanceOf(CloudDnsCutover);
    // The zone has no credentials of its own: the target environment's are used.
    expect(sources[0]).toMatchObject({
      project: 'dns-prod-4711',
      source: {
        credentials: {
          client_email: 'migrate@landing-zone-4711.iam.gserviceaccount.com',
        },
      },
    });
    expect(() =>
      capabilities({ dns: { zones: [{ name: 'public', provider: 'gcp' }] } }),
    ).toThrow('migration.dns.zones[public].gcp is required for provider gcp');
  });

  it('writes real migrations to gs://bucket/prefix/<id> and removes objects, also ones already gone', async () => {
    const fake = createFakeGcs();
    server.use(...fake.handlers);
    const { caps } = capabilities({
      transfer: { gcs: { bucket: 'landing-zone', prefix: '/migrations/' } },
    });
    const storage = caps.storage!;
    expect(storage.scheme).toBe('gs');
    expect(storage.describe()).toBe('gs://landing-zone/migrations');
    expect(
      storage.destination({ id: 'm-1', target: { region: 'europe-west1' } }),
    ).toBe('gs://landing-zone/migrations/m-1');
    const target = storage.target('gs://landing-zone/migrations/m-1/db.dump', {
      region: 'europe-west1',
      field: 'transfer.items[0].target',
    });
    expect(target).toBeInstanceOf(GcsTarget);
    expect(target.description).toBe('gs://landing-zone/migrations/m-1/db.dump');
    expect(() =>
      storage.target('s3://landing-zone/x', {
        region: 'x',
        field: 'transfer.items[1].target',
      }),
    ).toThrow(
      "transfer.items[1].target: 's3://landing-zone/x' must look like gs://bucket/key",
    );

    fake.objects.set('landing-zone/migrations/m-1/db.dump', {
      data: Buffer.from('x'),
      resource: { generation: '1' },
    });
    await storage.remove('gs://landing-zone/migrations/m-1/db.dump', {
      region: 'x',
    });
    await storage.remove('gs://landing-zone/migrations/m-1/db.dump', {
      region: 'x',
    });
    expect(fake.objects.size).toBe(0);
    expect(fake.calls.map(c => [c.op, c.status])).toEqual([
      ['delete', 204],
      ['delete', 404],
    ]);
  });

  it('has no destination without migration.transfer.gcs', () => {
    const storage = capabilities({}).caps.storage!;
    expect(
      storage.destination({ id: 'm-1', target: { region: 'x' } }),
    ).toBeUndefined();
    expect(storage.describe()).toBeUndefined();
  });
});
