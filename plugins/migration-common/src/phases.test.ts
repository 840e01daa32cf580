import { MIGRATION_PHASES, isMigrationPhase } from './phases';

describe('phases', () => {
  it('lists the nine phases in execution order', () => {
    expect(MIGRATION_PHASES).toEqual([
      'environment',
      'plan',
      'specify',
      'test',
      'build',
      'transfer',
      'validate',
      'optimize',
      'support',
    ]);
  });

  it('recognises phases and rejects anything else', () => {
    expect(isMigrationPhase('build')).toBe(true);
    expect(isMigrationPhase('Build')).toBe(false);
    expect(isMigrationPhase(undefined)).toBe(false);
  });
});
