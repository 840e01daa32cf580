import path from 'node:path';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { CatalogProcessorResult } from '@backstage/plugin-catalog-node';
import { serveDirectory } from '../__testUtils__/serveDirectory';
import { CloudInventoryProcessor } from './CloudInventoryProcessor';

const EXAMPLES = path.resolve(__dirname, '../../../../examples/inventory');

describe('CloudInventoryProcessor', () => {
  let site: Awaited<ReturnType<typeof serveDirectory>>;
  beforeAll(async () => {
    site = await serveDirectory(EXAMPLES);
  });
  afterAll(() => site.close());

  function processor(allowHost = site.host) {
    const logger = mockServices.logger.mock();
    const reader = UrlReaders.default({
      logger,
      config: new ConfigReader({
        backend: { reading: { allow: [{ host: allowHost }] } },
      }),
    });
    return CloudInventoryProcessor.fromConfig(new ConfigReader({}), {
      reader,
      logger,
    });
  }

  async function read(type: string, target: string, allowHost?: string) {
    const results: CatalogProcessorResult[] = [];
    const handled = await processor(allowHost).readLocation(
      { type, target },
      false,
      r => results.push(r),
    );
    return { handled, results };
  }

  it('reads an inventory document and the files it names through the UrlReader', async () => {
    const { handled, results } = await read(
      'cloud-inventory',
      site.url('lis/lis.inventory.yaml'),
    );
    expect(handled).toBe(true);
    const entities = results.flatMap(r =>
      r.type === 'entity' ? [r.entity] : [],
    );
    expect(entities).toHaveLength(10);
    expect(results.filter(r => r.type === 'error')).toEqual([]);
    expect(site.requests).toEqual(
      expect.arrayContaining([
        '/lis/lis.inventory.yaml',
        '/lis/azure-migrate-servers.csv',
        '/lis/dependencies.csv',
      ]),
    );
    const db = entities.find(e => e.metadata.title === 'LIS-WMS-DB-01')!;
    expect(db.metadata.name).toBe('lis-lis-wms-db-01');
    expect(db.metadata.annotations).toMatchObject({
      'sirsi-nexus.io/environment': 'lis',
      'sirsi-nexus.io/provider': 'inventory',
    });
    expect(db.spec).toMatchObject({
      type: 'virtual-machine',
      owner: 'group:default/team-logistics',
      system: 'system:default/logistics',
      dependsOn: ['resource:default/lis-lis-dc-01'],
    });
    // Resources without an owner tag get the document's environment owner.
    expect(results).toContainEqual({
      type: 'refresh',
      key: `cloud-inventory:${site.url('lis/lis.inventory.yaml')}`,
    });
  });

  it('claims url locations of *.inventory.yaml, as the catalog import page registers them', async () => {
    const { handled, results } = await read(
      'url',
      site.url('lis/lis.inventory.yaml'),
    );
    expect(handled).toBe(true);
    expect(results.filter(r => r.type === 'entity')).toHaveLength(10);
    const other = await read('url', site.url('lis/catalog-info.yaml'));
    expect(other.handled).toBe(false);
    expect(other.results).toEqual([]);
  });

  it('reads a bare CSV and names its environment after the file', async () => {
    const { results } = await read(
      'cloud-inventory',
      site.url('lis/azure-migrate-servers.csv'),
    );
    const entities = results.flatMap(r =>
      r.type === 'entity' ? [r.entity] : [],
    );
    expect(entities).toHaveLength(8);
    expect(
      entities[0].metadata.annotations!['sirsi-nexus.io/environment'],
    ).toBe('azure-migrate-servers');
    expect(entities[0].spec!.owner).toBe('group:default/platform-engineering');
  });

  it('reports hosts outside backend.reading.allow, missing files and broken files as errors', async () => {
    const denied = await read(
      'cloud-inventory',
      site.url('lis/lis.inventory.yaml'),
      'example.com',
    );
    expect(denied.handled).toBe(true);
    expect(denied.results).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message: expect.stringMatching(
            /not allowed|no matching|Reading from/i,
          ),
        }),
      }),
    ]);

    const missing = await read('cloud-inventory', site.url('lis/nothing.csv'));
    expect(missing.results).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({ name: 'NotFoundError' }),
      }),
    ]);

    const dir = createMockDirectory({
      content: { 'broken.csv': 'VM,Powerstate\nweb01,poweredOn\n' },
    });
    const brokenSite = await serveDirectory(dir.path);
    try {
      const broken = await read(
        'cloud-inventory',
        brokenSite.url('broken.csv'),
        brokenSite.host,
      );
      expect(broken.results).toEqual([
        expect.objectContaining({
          type: 'error',
          error: expect.objectContaining({
            name: 'InputError',
            message: expect.stringContaining(
              'broken.csv line 1: missing required RVTools vInfo columns "CPUs", "Memory"',
            ),
          }),
        }),
      ]);
    } finally {
      await brokenSite.close();
    }

    const notUrl = await read('cloud-inventory', './local.csv');
    expect(notUrl.results).toEqual([
      expect.objectContaining({
        type: 'error',
        error: expect.objectContaining({
          message:
            'A cloud-inventory location needs a URL target, got "./local.csv"',
        }),
      }),
    ]);
  });
});
