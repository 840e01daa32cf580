import { countOf } from './text';

describe('countOf', () => {
  it('uses the singular only for exactly one', () => {
    expect(countOf(1, 'resource')).toBe('1 resource');
    expect(countOf(0, 'resource')).toBe('0 resources');
    expect(countOf(2, 'wave')).toBe('2 waves');
    expect(countOf(3, 'policy', 'policies')).toBe('3 policies');
  });
});
