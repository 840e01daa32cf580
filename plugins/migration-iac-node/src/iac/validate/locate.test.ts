import { attributeLine, locateBlocks, moduleFileLines } from './locate';

const main = [
  'resource "aws_instance" "web" {',
  '  ami = "ami-1"',
  '  root_block_device {',
  '    encrypted = true',
  '  }',
  '}',
  '',
  'resource "aws_ebs_volume" "data" {',
  '  size = 10',
  '}',
].join('\n');

describe('attributeLine', () => {
  const module = {
    files: [
      { path: 'main.tf', content: main },
      { path: 'other.tf', content: 'locals {}\n' },
    ],
  };
  const [web, data] = locateBlocks(main);

  it('finds attributes and nested blocks inside their block, from content or cached lines', () => {
    const lines = moduleFileLines(module, 'main.tf');
    expect(attributeLine(main, web, 'root_block_device')).toBe(3);
    expect(attributeLine(lines, web, 'root_block_device')).toBe(3);
    expect(attributeLine(lines, web, 'ami')).toBe(2);
    // Not inside the block (size belongs to the volume): the block's own line.
    expect(attributeLine(lines, web, 'size')).toBe(1);
    expect(attributeLine(lines, data, 'size')).toBe(9);
  });

  it('splits each file of a module once', () => {
    const first = moduleFileLines(module, 'main.tf');
    expect(moduleFileLines(module, 'main.tf')).toBe(first);
    expect(moduleFileLines(module, 'other.tf')).toEqual(['locals {}', '']);
    expect(moduleFileLines(module, 'missing.tf')).toEqual(['']);
  });
});
