// Fails loudly when the PostgreSQL the database tests run against is not reachable, so those
// tests can never be skipped silently.
const { Client } = require('pg');

const url = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const client = new Client({ connectionString: url });
client
  .connect()
  .then(() => client.query('select version() as v'))
  .then(res => {
    console.log(
      `PostgreSQL at ${url.replace(/:[^:@/]*@/, ':***@')}: ${
        res.rows[0].v.split(',')[0]
      }`,
    );
    return client.end();
  })
  .catch(err => {
    console.error(`PostgreSQL is not reachable at ${url}: ${err.message}`);
    console.error(
      'Start it (see README) or set BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.',
    );
    process.exit(1);
  });
