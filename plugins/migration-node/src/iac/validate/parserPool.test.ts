import { threeTierModel } from '../__testUtils__/models';
import { generateTerraform } from '../generator/generateTerraform';
import { HclParseError, hcl2jsonParser } from './parser';
import { createHclParserPool } from './parserPool';
import { validateTerraform } from './validateTerraform';

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
    const report = await validateTerraform(files, { parser: pool });
    expect(report.status).toBe('pass');
  });

  it('rejects bad files with located diagnostics', async () => {
    const error = await pool
      .parse('bad.tf', 'locals {\n  a = \n}\n')
      .catch(e => e);
    expect(error).toBeInstanceOf(HclParseError);
    expect(error.diagnostics[0]).toMatchObject({ file: 'bad.tf', line: 2 });
  });
});
