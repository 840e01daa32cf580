import {
  MIGRATION_ARTIFACTS,
  findArtifactDefinition,
  parseArtifact,
} from './artifacts';
import { TASK_TYPES } from './taskTypes';

describe('the phase contract', () => {
  it('names every artifact once', () => {
    const names = Object.values(MIGRATION_ARTIFACTS).map(d => d.name);
    expect(new Set(names).size).toBe(names.length);
    expect(findArtifactDefinition('transfer.json')).toBe(
      MIGRATION_ARTIFACTS.transfer,
    );
    expect(findArtifactDefinition('unknown.json')).toBeUndefined();
  });

  it('names only known task types as producers', () => {
    const known = new Set<string>(Object.values(TASK_TYPES));
    for (const definition of Object.values(MIGRATION_ARTIFACTS)) {
      for (const producer of definition.producedBy) {
        expect(known).toContain(producer);
      }
    }
  });

  it('accepts additional fields and refuses a missing one, naming the artifact and field', () => {
    const report = {
      rehearsal: true,
      waves: [],
      statements: ['planned'],
      terraformCommand: 'tofu',
      addedLater: 1,
    };
    expect(parseArtifact(MIGRATION_ARTIFACTS.build, report)).toEqual(report);
    expect(() =>
      parseArtifact(MIGRATION_ARTIFACTS.build, { rehearsal: true, waves: [] }),
    ).toThrow(/^build\.json does not match the phase contract at statements: /);
    expect(() =>
      parseArtifact(MIGRATION_ARTIFACTS.reportMarkdown, '# Report'),
    ).toThrow('report.md is not a JSON artifact');
  });
});
