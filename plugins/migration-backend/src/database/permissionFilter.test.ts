import { randomUUID } from 'node:crypto';
import type { PermissionCriteria } from '@backstage/plugin-permission-common';
import type { Knex } from 'knex';
import type { MigrationRuleQuery } from '../service/permissions/migrationRules';
import { KnexMigrationStore } from './KnexMigrationStore';
import { toMigrationRowFilter } from './permissionFilter';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';

const owner = (...values: string[]): MigrationRuleQuery => ({
  column: 'owner',
  values,
});
const requester = (...values: string[]): MigrationRuleQuery => ({
  column: 'requested_by',
  values,
});

describe('toMigrationRowFilter', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let store: KnexMigrationStore;
    const titles: Record<string, string> = {};

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
      store = new KnexMigrationStore(knex);
      const rows: Array<[string, string, string]> = [
        ['a-by-ann', 'Group:default/Team-A', 'user:default/ann'],
        ['a-by-bob', 'group:default/team-a', 'user:default/bob'],
        ['b-by-ann', 'group:default/team-b', 'User:default/Ann'],
        ['c-by-cid', 'group:default/team-c', 'user:default/cid'],
      ];
      for (const [title, ownerRef, requestedBy] of rows) {
        const id = randomUUID();
        titles[id] = title;
        await store.createMigration(
          {
            id,
            title,
            sourceEnvironmentId: 'dc1',
            target: { provider: 'aws', region: 'eu-west-1' },
            entityRefs: ['resource:default/web-01'],
            owner: ownerRef,
            requestedBy,
            options: {},
            gatedPhases: [],
          },
          { actor: requestedBy, action: 'migration.created' },
        );
      }
    });

    async function listed(criteria: PermissionCriteria<MigrationRuleQuery>) {
      const { items, totalCount } = await store.listMigrations(
        { limit: 100 },
        { where: toMigrationRowFilter(criteria) },
      );
      expect(totalCount).toBe(items.length);
      return items.map(m => m.title).sort();
    }

    it('keeps the migrations a condition matches, case-insensitively', async () => {
      expect(await listed(owner('group:default/team-a'))).toEqual([
        'a-by-ann',
        'a-by-bob',
      ]);
      expect(await listed(requester('user:default/ann'))).toEqual([
        'a-by-ann',
        'b-by-ann',
      ]);
      expect(await listed(owner())).toEqual([]);
    });

    it('combines conditions with anyOf, allOf and not', async () => {
      expect(
        await listed({
          anyOf: [owner('group:default/team-c'), requester('user:default/ann')],
        }),
      ).toEqual(['a-by-ann', 'b-by-ann', 'c-by-cid']);
      expect(
        await listed({
          allOf: [owner('group:default/team-a'), requester('user:default/ann')],
        }),
      ).toEqual(['a-by-ann']);
      expect(await listed({ not: owner('group:default/team-a') })).toEqual([
        'b-by-ann',
        'c-by-cid',
      ]);
      expect(
        await listed({
          allOf: [
            { not: requester('user:default/bob') },
            {
              anyOf: [
                owner('group:default/team-a'),
                owner('group:default/team-b'),
              ],
            },
          ],
        }),
      ).toEqual(['a-by-ann', 'b-by-ann']);
    });

    it('filters the approvals inbox the same way', async () => {
      const ids = Object.keys(titles);
      await knex('migrations')
        .whereIn('id', ids)
        .update({ status: 'awaiting_approval' });
      await knex('approvals').insert(
        ids.map(id => ({
          migration_id: id,
          phase: 'build',
          status: 'pending',
          requested_at: Date.now(),
        })),
      );
      const approvals = await store.listApprovals({
        status: 'pending',
        where: toMigrationRowFilter({
          anyOf: [owner('group:default/team-c'), requester('user:default/bob')],
        }),
      });
      expect(approvals.map(a => a.migration.title).sort()).toEqual([
        'a-by-bob',
        'c-by-cid',
      ]);
    });
  });
});
