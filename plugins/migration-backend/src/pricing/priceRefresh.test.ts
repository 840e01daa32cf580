import { mockServices } from '@backstage/backend-test-utils';
import type { SchedulerServiceTaskInvocationDefinition } from '@backstage/backend-plugin-api';
import { AuthenticationError } from '@backstage/errors';
import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import {
  assess,
  createAssessContext,
} from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  createCloudCapabilityLookup,
  type FetchedInstancePrices,
  type PriceSource,
} from '@sirsi-nexus/plugin-migration-node';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { KnexPriceCatalogStore } from '../database/KnexPriceCatalogStore';
import { refreshPrices } from './refreshPrices';
import { setUpPriceRefresh } from './setUpPriceRefresh';

jest.setTimeout(60_000);

const AZURE_PRICES: FetchedInstancePrices = {
  provider: 'azure',
  currency: 'USD',
  source:
    'Azure Retail Prices API (https://prices.azure.com/api/retail/prices)',
  fetchedAt: '2026-12-06T03:00:00.000Z',
  regions: ['westeurope'],
  rows: [
    { name: 'Standard_D2s_v5', region: 'westeurope', hourlyPrice: 0.1 },
    { name: 'Standard_E2s_v5', region: 'westeurope', hourlyPrice: 0.14 },
  ],
};

function source(
  provider: string,
  fetch: PriceSource['fetchInstancePrices'],
): PriceSource {
  return { provider, fetchInstancePrices: jest.fn(fetch) };
}

const refreshConfig = (prices?: object) =>
  mockServices.rootConfig({ data: { migration: prices ? { prices } : {} } });

const vm: DiscoveredResource = {
  provider: 'inventory',
  environmentId: 'dc1',
  externalId: 'web-01',
  kind: 'vm',
  name: 'web-01',
  specs: {
    vcpus: 2,
    memoryMiB: 8192,
    os: { family: 'linux', name: 'Ubuntu 24.04 LTS' },
    powerState: 'poweredOn',
  },
  tags: {},
  dependsOn: [],
};

describe('price refresh', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'logs what a source left out and reports it with the stored catalog, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const logger = mockServices.logger.mock();
      const warning =
        'The Savings Plans price list could not be read (HTTP 503); reservation prices only';
      const outcomes = await refreshPrices({
        sources: [
          source('azure', async () => ({
            ...AZURE_PRICES,
            warnings: [warning],
          })),
        ],
        store: new KnexPriceCatalogStore(knex),
        logger,
      });
      expect(outcomes).toEqual([
        {
          provider: 'azure',
          status: 'stored',
          rows: 2,
          regions: 1,
          warnings: [warning],
        },
      ]);
      expect(logger.warn).toHaveBeenCalledWith(
        `Price refresh: azure: ${warning}`,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'is scheduled from migration.prices.refresh, stores each source and feeds the assessment, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const store = new KnexPriceCatalogStore(knex);
      const scheduler = mockServices.scheduler.mock();
      const azure = source('azure', async () => AZURE_PRICES);
      const aws = source('aws', async () => {
        throw new AuthenticationError('The security token is invalid');
      });
      const config = refreshConfig({
        refresh: { frequency: { cron: '0 3 * * 0' }, timeout: { hours: 1 } },
        regions: { azure: ['westeurope'] },
      });
      const logger = mockServices.logger.mock();
      const prices = await setUpPriceRefresh({
        config,
        scheduler,
        store,
        logger,
        capabilities: createCloudCapabilityLookup({
          aws: { priceSource: aws },
          azure: { priceSource: azure },
        }),
      });
      const context = prices.assessContext(() => createAssessContext(config));
      const assessWestEurope = () =>
        assess(
          {
            resources: [vm],
            target: { provider: 'azure', region: 'westeurope' },
            stage: 'preview',
            now: new Date('2026-12-07T00:00:00Z'),
          },
          context(),
        );
      // Before the first refresh: the shipped catalog.
      expect(assessWestEurope().inputs.priceCatalog).toMatchObject({
        origin: 'shipped',
        asOf: '2025-01-15',
      });

      const tasks = scheduler.scheduleTask.mock.calls.map(
        c => c[0] as SchedulerServiceTaskInvocationDefinition & object,
      );
      expect(tasks.map(t => t.id)).toEqual([
        'migration-price-refresh',
        'migration-price-catalogs-reload',
      ]);
      expect(tasks[0]).toMatchObject({
        frequency: { cron: '0 3 * * 0' },
        timeout: { hours: 1 },
      });
      await tasks[0].fn(new AbortController().signal);

      expect(azure.fetchInstancePrices).toHaveBeenCalledWith({
        regions: ['westeurope'],
        signal: expect.any(AbortSignal),
      });
      expect(aws.fetchInstancePrices).toHaveBeenCalledWith({
        regions: undefined,
        signal: expect.any(AbortSignal),
      });
      // The failing source is logged and stores nothing; the other one is stored.
      expect(logger.error).toHaveBeenCalledWith(
        expect.stringContaining(
          'Price refresh: aws failed, the stored catalog stays: AuthenticationError: The security token is invalid',
        ),
      );
      expect((await store.latestCatalogs()).map(c => c.provider)).toEqual([
        'azure',
      ]);

      const assessment = assessWestEurope();
      expect(assessment.inputs.priceCatalog).toMatchObject({
        origin: 'fetched',
        source: AZURE_PRICES.source,
        asOf: '2026-12-06',
        fetchedAt: '2026-12-06T03:00:00.000Z',
        instanceTypes: 2,
      });
      expect(assessment.resources[0].sizing?.instanceType).toBe(
        'Standard_D2s_v5',
      );
      // A region the refresh did not cover keeps the shipped catalog.
      expect(
        assess(
          {
            resources: [vm],
            target: { provider: 'azure', region: 'eastus' },
            stage: 'preview',
          },
          context(),
        ).inputs.priceCatalog.origin,
      ).toBe('shipped');
      await knex.destroy();
    },
  );

  it.each(databases.eachSupportedId())(
    'is off without migration.prices.refresh but still uses catalogs stored before, %p',
    async id => {
      const knex = await initMigratedDatabase(databases, id);
      const store = new KnexPriceCatalogStore(knex);
      await store.saveCatalog(AZURE_PRICES);
      const scheduler = mockServices.scheduler.mock();
      const azure = source('azure', async () => AZURE_PRICES);
      const prices = await setUpPriceRefresh({
        config: refreshConfig(),
        scheduler,
        store,
        logger: mockServices.logger.mock(),
        capabilities: createCloudCapabilityLookup({
          azure: { priceSource: azure },
        }),
      });
      expect(scheduler.scheduleTask).not.toHaveBeenCalled();
      expect(azure.fetchInstancePrices).not.toHaveBeenCalled();
      expect(prices.current().map(c => c.fetchedAt)).toEqual([
        AZURE_PRICES.fetchedAt,
      ]);
      await knex.destroy();
    },
  );
});
