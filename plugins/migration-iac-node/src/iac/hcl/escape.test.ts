import { hcl2jsonParser } from '../validate/parser';
import { hcl, hclBodyToJson } from './document';
import { escapeHclString, literalToTemplateJson } from './escape';
import { renderHclFile } from './render';

const TRICKY = [
  'plain',
  'say "hello"',
  'back\\slash and \\n literally',
  'interpolation ${var.secret} stays text',
  'directive %{ if true }x%{ endif } stays text',
  'already escaped $${x} and %%{y}',
  'ends with a dollar $',
  'dollar then brace $ {',
  'line one\nline two\r\nline three',
  'tab\there',
  'control \u0001\u001f\u007f chars',
  'unicode: café, 日本語, emoji 🚀, combining é',
  'separators \u2028 and \u2029',
  'lone surrogate \ud800 here',
  '',
];

describe('escapeHclString', () => {
  it('writes literals that never start an interpolation or directive', () => {
    expect(escapeHclString('${a}')).toBe('"$${a}"');
    expect(escapeHclString('%{a}')).toBe('"%%{a}"');
    expect(escapeHclString('a"b')).toBe('"a\\"b"');
    expect(escapeHclString('a\nb')).toBe('"a\\nb"');
    expect(escapeHclString('\u0001')).toBe('"\\u0001"');
    expect(escapeHclString('é🚀')).toBe('"é🚀"');
  });

  it.each(TRICKY.map(s => [JSON.stringify(s), s]))(
    'round-trips %s through HashiCorp’s HCL parser',
    async (_, value) => {
      const file = {
        path: 'escape.tf',
        blocks: [
          hcl.block(
            'locals',
            [],
            [
              hcl.attr('value', hcl.str(value)),
              hcl.attr('in_list', hcl.strings([value, 'x'])),
              hcl.attr(
                'in_map',
                hcl.object([[value || 'empty', hcl.str(value)]]),
              ),
            ],
          ),
        ],
      };
      const parsed = await hcl2jsonParser.parse(
        'escape.tf',
        renderHclFile(file),
      );
      expect(parsed.locals[0]).toEqual(hclBodyToJson(file.blocks[0].body));
      // The JSON form doubles template introducers; undoing that gives the value back.
      const back = (parsed.locals[0].value as string)
        .replace(/\$\$\{/g, '${')
        .replace(/%%\{/g, '%{');
      expect(back).toBe(value.replace(/\ud800(?![\udc00-\udfff])/, '\ufffd'));
    },
  );

  it('maps literals to the template JSON form', () => {
    expect(literalToTemplateJson('${x} %{y} $x')).toBe('$${x} %%{y} $x');
  });
});
