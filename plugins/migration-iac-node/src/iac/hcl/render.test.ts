import { hcl } from './document';
import { renderHclFile } from './render';

const { attr, block, blank, str, num, bool, expr, strings } = hcl;

describe('renderHclFile', () => {
  it('lays out files the way terraform fmt does', () => {
    const text = renderHclFile({
      path: 'main.tf',
      header: ['Generated'],
      blocks: [
        block(
          'resource',
          ['aws_instance', 'web'],
          [
            attr('ami', expr('data.aws_ami.linux.id')),
            attr('instance_type', str('t3.micro')),
            attr(
              'tags',
              hcl.object({ Name: str('web'), 'migration-id': str('m1') }),
            ),
            attr('monitoring', bool(true)),
            blank(),
            block(
              'root_block_device',
              [],
              [attr('volume_size', num(30)), attr('encrypted', bool(true))],
            ),
            block('empty', [], []),
          ],
        ),
        block(
          'variable',
          ['zones'],
          [
            attr('default', strings(['a', 'b'])),
            attr('type', expr('list(string)')),
          ],
        ),
      ],
    });
    expect(text).toBe(
      [
        '# Generated',
        '',
        'resource "aws_instance" "web" {',
        '  ami           = data.aws_ami.linux.id',
        '  instance_type = "t3.micro"',
        '  tags = {',
        '    Name           = "web"',
        '    "migration-id" = "m1"',
        '  }',
        '  monitoring = true',
        '',
        '  root_block_device {',
        '    volume_size = 30',
        '    encrypted   = true',
        '  }',
        '  empty {}',
        '}',
        '',
        'variable "zones" {',
        '  default = ["a", "b"]',
        '  type    = list(string)',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('quotes object keys that are not plain identifiers or are keywords', () => {
    const text = renderHclFile({
      path: 'x.tf',
      blocks: [
        block(
          'locals',
          [],
          [
            attr(
              'm',
              hcl.object({
                ok: str('1'),
                'has space': str('2'),
                for: str('3'),
                é: str('4'),
              }),
            ),
          ],
        ),
      ],
    });
    expect(text).toContain('    "has space" = "2"');
    expect(text).toContain('    "for"       = "3"');
    expect(text).toContain('    ok          = "1"');
    // Grapheme-aware alignment: "é" occupies one column plus its quotes.
    expect(text).toContain('    "é"         = "4"');
  });

  it('refuses numbers HCL cannot represent', () => {
    expect(() =>
      renderHclFile({
        path: 'x.tf',
        blocks: [block('locals', [], [attr('n', num(NaN))])],
      }),
    ).toThrow(/NaN/);
  });
});
