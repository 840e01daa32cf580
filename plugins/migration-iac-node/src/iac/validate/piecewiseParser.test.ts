import { threeTierModel } from '../__testUtils__/models';
import { generateTerraform } from '../generator/generateTerraform';
import { parseModules } from './module';
import { HclParseError, hcl2jsonParser, type HclParser } from './parser';
import { piecewiseParser, splitTopLevel } from './piecewiseParser';

/** A parser that counts its calls and the largest number of parses in flight at once. */
function countingParser() {
  const stats = { calls: 0, inFlight: 0, maxInFlight: 0 };
  const parser: HclParser = {
    async parse(file, content) {
      stats.calls++;
      stats.inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
      try {
        return await hcl2jsonParser.parse(file, content);
      } finally {
        stats.inFlight--;
      }
    },
  };
  return { parser, stats };
}

const securityFile = () =>
  generateTerraform(threeTierModel('aws')).files.find(
    f => f.path === 'wave-01/security.tf',
  )!.content;

/** The parse result with its key order: the merged pieces must match it exactly. */
const whole = async (content: string) =>
  JSON.stringify(await hcl2jsonParser.parse('a.tf', content));

describe('splitTopLevel', () => {
  it('cuts after lines holding only a closing brace, losing nothing', () => {
    const content = securityFile();
    const pieces = splitTopLevel(content, 500);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(content);
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(500);
      expect(piece.endsWith('\n}\n')).toBe(true);
    }
  });
});

describe('piecewiseParser', () => {
  it('yields exactly what parsing the whole file yields, in several parses', async () => {
    const content = securityFile();
    const { parser, stats } = countingParser();
    const parsed = await piecewiseParser(parser, 500).parse('a.tf', content);
    expect(JSON.stringify(parsed)).toBe(await whole(content));
    expect(stats.calls).toBe(splitTopLevel(content, 500).length);
  });

  it('parses the whole file when a cut falls inside a heredoc', async () => {
    const filler = `locals {\n  note = "${'x'.repeat(40)}"\n}\n`;
    const content = [
      filler,
      'resource "aws_instance" "a" {\n  user_data = <<EOT\n{\n  "a": 1\n}\nEOT\n}\n',
      filler.replace('locals', 'output "b"'),
    ].join('');
    const { parser, stats } = countingParser();
    const parsed = await piecewiseParser(parser, 40).parse('a.tf', content);
    expect(JSON.stringify(parsed)).toBe(await whole(content));
    expect(stats.calls).toBeGreaterThan(1);
  });

  it('reports the diagnostics of the whole file when a piece does not parse', async () => {
    const content = `${securityFile()}\nlocals {\n  a = \n}\n`;
    const expected = await hcl2jsonParser.parse('a.tf', content).catch(e => e);
    const error = await piecewiseParser(hcl2jsonParser, 500)
      .parse('a.tf', content)
      .catch(e => e);
    expect(error).toBeInstanceOf(HclParseError);
    expect(error.diagnostics).toEqual(expected.diagnostics);
  });

  it('leaves an attribute two pieces set to the whole file', async () => {
    const content = `a = "${'x'.repeat(60)}"\nlocals {\n}\nb = 2\n\na = "y"\n`;
    const pieceResult = await piecewiseParser(hcl2jsonParser, 20)
      .parse('a.tf', content)
      .then(r => JSON.stringify(r))
      .catch(e => e.message);
    const wholeResult = await whole(content).catch(e => e.message);
    expect(pieceResult).toEqual(wholeResult);
  });
});

describe('parseModules', () => {
  it('hands the files of every folder to the parser before any parse finishes', async () => {
    const tf = generateTerraform(threeTierModel('aws')).files.filter(f =>
      f.path.endsWith('.tf'),
    );
    const { parser, stats } = countingParser();
    const modules = await parseModules(tf, parser);
    expect(modules.map(m => m.folder)).toEqual(['wave-01', 'wave-02']);
    expect(stats.maxInFlight).toBe(tf.length);
  });
});
