import knexFactory, { type Knex } from 'knex';
import { createTestDatabases } from '../../__testUtils__/testDatabases';
import { PreparedStatements, statementName } from './prepared';

describe('PreparedStatements', () => {
  const databases = createTestDatabases(['POSTGRES_15']);
  let knex: Knex;

  beforeAll(async () => {
    const base = await databases.init('POSTGRES_15');
    // One connection, so the test knows which session holds which prepared statement.
    knex = knexFactory({
      client: 'pg',
      connection: base.client.config.connection,
      pool: { min: 1, max: 1 },
    });
  });

  afterAll(async () => {
    await knex.destroy();
  });

  it('runs a statement by name with its bindings, again and again', async () => {
    const prepared = new PreparedStatements(knex);
    const query = (n: number) => knex.raw('select ?::int + 1 as n', [n]);
    expect(await prepared.run(query(1))).toEqual([{ n: 2 }]);
    expect(await prepared.run(query(41))).toEqual([{ n: 42 }]);
    const { rows } = await knex.raw(
      'select count(*)::int as n from pg_prepared_statements where name = ?',
      [statementName(query(1).toSQL().toNative().sql)],
    );
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('runs statements unnamed behind a pooler whose sessions hold other statements', async () => {
    const prepared = new PreparedStatements(knex);
    const query = (n: number) => knex.raw('select ?::int * 2 as n', [n]);
    // What a transaction-mode pooler does: the session already has this name from another client.
    const name = statementName(query(1).toSQL().toNative().sql);
    await knex.raw(`prepare ${name} as select 0 as n`);
    expect(await prepared.run(query(21))).toEqual([{ n: 42 }]);
    expect(await prepared.run(query(4))).toEqual([{ n: 8 }]);
  });
});
