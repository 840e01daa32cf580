import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { KnexMigrationStore } from './KnexMigrationStore';
import type { ResolvedResource } from './MigrationStore';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

const SHOP = 'system:default/web-shop';
const TEAM = 'group:default/team-webshop';
const servers = Array.from(
  { length: 13 },
  (_, i) => `resource:default/dc1-shop-web-${String(i + 1).padStart(2, '0')}`,
);

/** Web Shop and its 13 servers, as the catalog resolves a request of the system. */
const shopResources: ResolvedResource[] = [
  { entityRef: SHOP, viaRef: SHOP, kind: 'system' },
  ...servers.map(ref => ({ entityRef: ref, viaRef: SHOP, kind: 'resource' })),
];

describe('the resolved resources of migrations', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnexMigrationStore;

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
      store = new KnexMigrationStore(knex);
    });

    async function create(
      entityRefs: string[],
      resources?: ResolvedResource[],
    ) {
      const { migration } = await store.createMigration(
        {
          id: randomUUID(),
          title: 'Move',
          sourceEnvironmentId: 'dc1',
          target: { provider: 'aws', region: 'eu-west-1' },
          entityRefs,
          owner: TEAM,
          requestedBy: 'user:default/alice',
          options: {},
          gatedPhases: [],
          resources,
        },
        { actor: 'user:default/alice', action: 'migration.created' },
      );
      return migration;
    }

    const byRef = (refs: string[], match?: Partial<EntityMatchInput>) =>
      store.listMigrations(
        { entityRef: refs, limit: 500 },
        match
          ? {
              match: {
                refs,
                containers: match.containers ?? [],
                parts: match.parts ?? [],
              },
            }
          : undefined,
      );

    it('finds a resource of a requested system by its own ref, counting the 13 servers', async () => {
      const m = await create([SHOP], shopResources);
      expect(m.resourceCount).toBe(13);
      const { items, totalCount } = await byRef([
        'Resource:default/dc1-shop-web-01',
      ]);
      expect(items.filter(i => i.id === m.id)).toEqual([
        expect.objectContaining({
          id: m.id,
          resourceCount: 13,
          involvement: { via: 'system', viaRef: SHOP },
        }),
      ]);
      expect(totalCount).toBeGreaterThanOrEqual(1);
    });

    it('says "requested" for an entity requested itself and counts only requested refs without a resolution', async () => {
      const ref = `resource:default/${randomUUID()}`;
      const m = await create([ref, 'Resource:default/Other-01']);
      expect(m.resourceCount).toBe(2);
      const { items } = await byRef([ref]);
      expect(items).toEqual([
        expect.objectContaining({
          id: m.id,
          involvement: { via: 'requested' },
        }),
      ]);
    });

    it('finds entities owned by a requested group, "via group"', async () => {
      const group = `group:default/${randomUUID()}`;
      const owned = `resource:default/${randomUUID()}`;
      const component = `component:default/${randomUUID()}`;
      const m = await create(
        [group],
        [
          { entityRef: group, viaRef: group, kind: 'group' },
          { entityRef: owned, viaRef: group, kind: 'resource' },
          { entityRef: component, viaRef: group, kind: 'component' },
        ],
      );
      // The Component is indexed (its page shows the migration) but is no machine to move.
      expect(m.resourceCount).toBe(1);
      expect((await byRef([component])).items.map(i => i.id)).toEqual([m.id]);
      const { items } = await byRef([owned]);
      expect(items).toEqual([
        expect.objectContaining({
          id: m.id,
          involvement: { via: 'group', viaRef: group },
        }),
      ]);
    });

    it('finds a system through one of its parts, and a part through the system it belongs to', async () => {
      const system = `system:default/${randomUUID()}`;
      const part = `resource:default/${randomUUID()}`;
      const m = await create([part]);
      const bySystem = await byRef([system], { parts: [part] });
      expect(bySystem.items).toEqual([
        expect.objectContaining({
          id: m.id,
          involvement: { via: 'part', viaRef: part },
        }),
      ]);

      const whole = await create([system]);
      const other = `resource:default/${randomUUID()}`;
      const byPart = await byRef([other], { containers: [system] });
      expect(byPart.items).toEqual([
        expect.objectContaining({
          id: whole.id,
          involvement: { via: 'system', viaRef: system },
        }),
      ]);
    });

    it('records the waves after the plan, and a re-fill is idempotent and keeps them', async () => {
      const system = `system:default/${randomUUID()}`;
      const [a, b] = [randomUUID(), randomUUID()].map(
        id => `resource:default/${id}`,
      );
      const m = await create([system]);
      const planned: ResolvedResource[] = [
        { entityRef: system, viaRef: system, kind: 'system' },
        { entityRef: a, viaRef: system, kind: 'resource' },
        { entityRef: b.toUpperCase(), viaRef: system, kind: 'Resource' },
      ];
      await store.replaceMigrationResources(m.id, planned);
      await store.setMigrationResourceWaves(m.id, [
        { entityRef: a, wave: 1 },
        { entityRef: b, wave: 2 },
      ]);
      await store.replaceMigrationResources(m.id, planned);

      const rows = await knex('migration_resources')
        .where({ migration_id: m.id })
        .orderBy('entity_ref');
      expect(rows.map(r => [r.entity_ref, r.via_ref, r.kind, r.wave])).toEqual(
        [
          [a, system, 'resource', 1],
          [b, system, 'resource', 2],
          [system, system, 'system', null],
        ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      expect((await byRef([b])).items).toEqual([
        expect.objectContaining({
          id: m.id,
          resourceCount: 2,
          involvement: { via: 'system', viaRef: system, wave: 2 },
        }),
      ]);

      await store.replaceMigrationResources(m.id, planned.slice(0, 2));
      expect((await store.getMigration(m.id))?.resourceCount).toBe(1);
      expect((await byRef([b])).items).toEqual([]);
    });

    it('lists approvals with the resolved counts and narrows lists by a row filter', async () => {
      const m = await create([SHOP], shopResources);
      await knex('migrations')
        .where({ id: m.id })
        .update({ status: 'awaiting_approval' });
      await knex('approvals').insert({
        migration_id: m.id,
        phase: 'plan',
        status: 'pending',
        requested_at: Date.now(),
      });
      const approvals = await store.listApprovals({ status: 'pending' });
      expect(
        approvals.find(a => a.migrationId === m.id)?.migration.resourceCount,
      ).toBe(13);
      const none = await store.listApprovals({
        status: 'pending',
        where: q => q.where('migrations.owner', 'group:default/nobody'),
      });
      expect(none).toEqual([]);
      const listed = await store.listMigrations(
        { limit: 500 },
        { where: q => q.where('migrations.owner', 'group:default/nobody') },
      );
      expect(listed).toEqual({ items: [], totalCount: 0 });
    });
  });
});

interface EntityMatchInput {
  containers: string[];
  parts: string[];
}
