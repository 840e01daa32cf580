import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleCloudDiscovery from '@sirsi-nexus/plugin-catalog-backend-module-cloud-discovery';
import { serveDirectory } from './__testUtils__/serveDirectory';
import { catalogModuleInventoryDiscovery } from './module';

const EXAMPLES = path.resolve(__dirname, '../../../examples/inventory');

// A real catalog backend processes and stitches the entities; that takes a few seconds.
jest.setTimeout(120_000);

async function eventually<T>(
  fn: () => Promise<T | undefined>,
  what: string,
): Promise<T> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 250));
  }
}

describe('catalogModuleInventoryDiscovery in a running catalog', () => {
  let site: Awaited<ReturnType<typeof serveDirectory>>;
  beforeAll(async () => {
    site = await serveDirectory(EXAMPLES);
  });
  afterAll(() => site.close());

  async function start() {
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleCloudDiscovery,
        catalogModuleInventoryDiscovery,
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: site.host }] } },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Resource',
                    'Location',
                    'Group',
                  ],
                },
              ],
              processingInterval: { seconds: 1 },
              providers: {
                cloudDiscovery: {
                  schedule: {
                    frequency: { hours: 1 },
                    timeout: { minutes: 5 },
                  },
                },
              },
            },
            migration: {
              environments: [
                {
                  id: 'dc1',
                  provider: 'inventory',
                  owner: 'group:default/platform-engineering',
                  inventory: { files: [`${EXAMPLES}/dc1/dc1.inventory.yaml`] },
                },
              ],
            },
          },
        }),
      ],
    });
    const base = `http://localhost:${
      (server.address() as { port: number }).port
    }/api/catalog`;
    const headers = {
      Authorization: mockCredentials.user.header(),
      'Content-Type': 'application/json',
    };
    const api = async (p: string, init?: RequestInit) => {
      const response = await fetch(`${base}${p}`, { ...init, headers });
      return { status: response.status, body: await response.json() };
    };
    return { api };
  }

  it('shows the example estate with owners, systems and dependency relations, and imports an inventory URL', async () => {
    const { api } = await start();

    const resources = await eventually(async () => {
      const { body } = await api(
        '/entities/by-query?filter=kind=resource,metadata.annotations.sirsi-nexus.io/environment=dc1&limit=200',
      );
      const items = body.items as Entity[];
      // Relations appear once the stitcher has run for every entity.
      return items.length === 61 && items.every(e => e.relations?.length)
        ? items
        : undefined;
    }, '61 stitched dc1 resources');

    const payApp = resources.find(e => e.metadata.name === 'dc1-pay-app-01')!;
    expect(payApp.metadata.title).toBe('pay-app-01');
    expect(payApp.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'cloud-discovery:dc1',
      'sirsi-nexus.io/external-id': 'pay-app-01',
    });
    const relations = payApp
      .relations!.map(r => `${r.type} ${r.targetRef}`)
      .sort();
    expect(relations).toEqual(
      expect.arrayContaining([
        'dependsOn resource:default/dc1-sql-clu-01',
        'dependsOn resource:default/dc1-pay-hsm-proxy-01',
        'ownedBy group:default/team-payments',
        'partOf system:default/payments',
      ]),
    );
    const sql = resources.find(e => e.metadata.name === 'dc1-sql-clu-01')!;
    expect(sql.relations!.map(r => `${r.type} ${r.targetRef}`)).toEqual(
      expect.arrayContaining([
        'dependencyOf resource:default/dc1-pay-app-01',
        'dependencyOf resource:default/dc1-hr-app-01',
      ]),
    );

    // What the catalog import page does with a URL ending in .yaml: a dry run, then the location.
    const target = site.url('lis/lis.inventory.yaml');
    const dryRun = await api('/locations?dryRun=true', {
      method: 'POST',
      body: JSON.stringify({ type: 'url', target }),
    });
    expect(dryRun.status).toBe(201);
    expect(
      (dryRun.body.entities as Entity[])
        .filter(e => e.kind === 'Resource')
        .map(e => e.metadata.name)
        .sort(),
    ).toEqual([
      'lis-lis-dc-01',
      'lis-lis-fs-01',
      'lis-lis-lb-01',
      'lis-lis-nas-01',
      'lis-lis-print-01',
      'lis-lis-scan-01',
      'lis-lis-veeam-01',
      'lis-lis-wms-app-01',
      'lis-lis-wms-app-02',
      'lis-lis-wms-db-01',
    ]);
    const created = await api('/locations', {
      method: 'POST',
      body: JSON.stringify({ type: 'url', target }),
    });
    expect(created.status).toBe(201);
    const lb = await eventually(async () => {
      const { status, body } = await api(
        '/entities/by-name/resource/default/lis-lis-lb-01',
      );
      return status === 200 && body.relations?.length
        ? (body as Entity)
        : undefined;
    }, 'the imported load balancer');
    expect(lb.metadata.annotations!['backstage.io/managed-by-location']).toBe(
      `url:${target}`,
    );
    expect(lb.relations!.map(r => `${r.type} ${r.targetRef}`)).toEqual(
      expect.arrayContaining([
        'dependsOn resource:default/lis-lis-wms-app-01',
        'ownedBy group:default/team-logistics',
      ]),
    );

    // The cloud-inventory location type is allowed for registration too.
    const csv = await api('/locations?dryRun=true', {
      method: 'POST',
      body: JSON.stringify({
        type: 'cloud-inventory',
        target: site.url('lis/azure-migrate-servers.csv'),
      }),
    });
    expect(csv.status).toBe(201);
    expect(
      (csv.body.entities as Entity[]).filter(e => e.kind === 'Resource'),
    ).toHaveLength(8);
  });
});
