import { mockCredentials } from '@backstage/backend-test-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { Entity } from '@backstage/catalog-model';
import { exampleEntities } from '../__testUtils__/exampleEstate';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { setUpActions } from './__testUtils__/actionsHarness';

describe('migration:preview-assessment', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  let entities: Entity[];
  const credentials = mockCredentials.user('user:default/agent-user');

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
    entities = await exampleEntities(name =>
      ['shop-web-01', 'shop-db-01'].includes(name),
    );
  });

  it('assesses the selection like POST /analyze, storing nothing', async () => {
    const { registry, engine } = setUpActions({
      knex,
      allowed: ['migration.read'],
      entities,
    });
    const { output } = await registry.invoke({
      id: 'test:preview-assessment',
      credentials,
      input: {
        entityRefs: [
          'Resource:default/dc1-shop-web-01',
          'resource:default/dc1-shop-db-01',
        ],
        target: { provider: 'aws', region: 'eu-west-1' },
      },
    });
    expect(output).toMatchObject({
      summary: { resources: 2 },
      risk: { score: expect.any(Number), level: expect.any(String) },
      compliance: { pass: expect.any(Number) },
      warnings: expect.any(Array),
    });
    const waves = (output as any).waves;
    expect(waves.flatMap((w: any) => w.members).length).toBe(2);
    expect((await engine.service.list({ limit: 10 } as any)).totalCount).toBe(
      0,
    );
  });

  it('names refs it finds no entity for, and bad refs', async () => {
    const { registry } = setUpActions({
      knex,
      allowed: ['migration.read'],
      entities,
    });
    const target = { provider: 'aws', region: 'eu-west-1' };
    await expect(
      registry.invoke({
        id: 'test:preview-assessment',
        credentials,
        input: { entityRefs: ['resource:default/nowhere'], target },
      }),
    ).rejects.toThrow(/resource:default\/nowhere/);
    await expect(
      registry.invoke({
        id: 'test:preview-assessment',
        credentials,
        input: { entityRefs: ['no ref'], target },
      }),
    ).rejects.toThrow(InputError);
  });

  it('refuses a caller without migration.read', async () => {
    const { registry } = setUpActions({ knex, allowed: [], entities });
    await expect(
      registry.invoke({
        id: 'test:preview-assessment',
        credentials,
        input: {
          entityRefs: ['resource:default/dc1-shop-web-01'],
          target: { provider: 'aws', region: 'eu-west-1' },
        },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});
