import { summarizeSkipped } from './createIacTestExecutor';

describe('summarizeSkipped', () => {
  it('says in one line how many resources were left out, grouped by reason', () => {
    const skipped = [
      ...Array.from({ length: 1763 }, (_, i) => ({
        name: `vm-${i}`,
        reason: 'retire strategy',
      })),
      { name: 'db-01', reason: 'no sizing' },
    ];
    expect(summarizeSkipped(skipped)).toBe(
      'Not generated: 1764 resource(s), listed in the IaC report: 1763 × retire strategy (vm-0, vm-1, vm-2 and 1760 more); 1 × no sizing (db-01)',
    );
  });
});
