import { threeTierModel } from '../__testUtils__/models';
import { generateTerraform } from '../generator/generateTerraform';
import { HclParseError, hcl2jsonParser } from './parser';
import { createHclParserPool } from './parserPool';
import { validateTerraform } from './validateTerraform';
import { spawnSync } from 'node:child_process';
import { instanceTypes } from '../__testUtils__/instanceTypes';

describe('createHclParserPool', () => {
  const pool = createHclParserPool({ size: 2 });
  afterAll(() => pool.close());

  it('parses in worker threads exactly as the in-process parser does', async () => {
    const { files } = generateTerraform(threeTierModel('azure'));
    const tf = files.filter(f => f.path.endsWith('.tf'));
    const pooled = await Promise.all(
      tf.map(f => pool.parse(f.path, f.content)),
    );
    const local = await Promise.all(
      tf.map(f => hcl2jsonParser.parse(f.path, f.content)),
    );
    expect(pooled).toEqual(local);
    const report = await validateTerraform(files, {
      instanceTypes,
      parser: pool,
    });
    expect(report.status).toBe('pass');
  });

  it('rejects bad files with located diagnostics', async () => {
    const error = await pool
      .parse('bad.tf', 'locals {\n  a = \n}\n')
      .catch(e => e);
    expect(error).toBeInstanceOf(HclParseError);
    expect(error.diagnostics[0]).toMatchObject({ file: 'bad.tf', line: 2 });
  });

  it('never keeps a process alive once its work is done, nor lets it exit before', () => {
    // A child process parses through a pool whose idle workers would live for a minute: it must
    // print the result (the pool kept it alive while busy) and exit long before that minute.
    const script = `
      const { createHclParserPool } = require(${JSON.stringify(
        require.resolve('./parserPool'),
      )});
      const pool = createHclParserPool({ size: 1, idleTimeoutMs: 60000 });
      pool.parse('a.tf', 'locals {\\n  a = 1\\n}\\n').then(r => console.log(JSON.stringify(r)));
    `;
    const started = Date.now();
    const child = spawnSync(
      process.execPath,
      [
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        '-e',
        script,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(child.stdout.trim()).toBe('{"locals":[{"a":1}]}');
    expect(child.status).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
