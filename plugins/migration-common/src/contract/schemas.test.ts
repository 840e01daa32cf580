import { COMMITMENT_TYPES } from './values';
import { migrationOptionsSchema } from './schemas';

describe('migrationOptionsSchema', () => {
  it('takes a commitment type from the contract list and rejects another naming the field', () => {
    for (const commitmentType of COMMITMENT_TYPES) {
      expect(
        migrationOptionsSchema.parse({ commitmentTerm: '1y', commitmentType }),
      ).toEqual({ commitmentTerm: '1y', commitmentType });
    }
    const result = migrationOptionsSchema.safeParse({
      commitmentType: 'spot',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([
      expect.objectContaining({
        path: ['commitmentType'],
        message: expect.stringContaining('"reservation"|"savings-plan"'),
      }),
    ]);
  });
});
