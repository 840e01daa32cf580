import { createHash } from 'node:crypto';
import type { Assessment } from '@sirsi-nexus/plugin-migration-common';
import { assess, type AssessInput } from './assess';
import { mixedEstate } from './__testUtils__/mixedEstate';
import { NOW, testContext, vm } from './__testUtils__/fixtures';

const resources = mixedEstate(2000);

function digest(assessment: Assessment) {
  return createHash('sha256').update(JSON.stringify(assessment)).digest('hex');
}

/**
 * The whole output of 2,000 mixed resources, pinned: sharing objects across resources (frozen
 * mappings, factors, strategies, risks) must not change a byte of it. The digests were computed
 * with the code before the sharing (commit 9849dd1); a change meant to alter the output updates
 * them.
 */
describe('assess output on a mixed estate', () => {
  const cases: Array<{
    name: string;
    input: Omit<AssessInput, 'resources' | 'now'>;
    settings?: Parameters<typeof testContext>[0];
    sha256: string;
  }> = [
    {
      name: 'aws specify, gdpr',
      input: {
        stage: 'specify',
        target: { provider: 'aws', region: 'eu-west-1' },
        options: { complianceProfile: 'gdpr' },
      },
      sha256:
        '1affa3665350cf7e0bfa428e3d6ff98c85a7a84228e283ab99a06c31a7caa5e9',
    },
    {
      name: 'azure preview, hipaa, savings plan, hybrid benefit',
      input: {
        stage: 'preview',
        target: { provider: 'azure', region: 'westeurope' },
        options: {
          complianceProfile: 'hipaa',
          riskTolerance: 'low',
          commitmentType: 'savings-plan',
        },
      },
      settings: { hybridBenefit: true },
      sha256:
        '5c394dfa5f48b47bb760af758058c06609e41d46e92ee6ee905a4ace27f8b99b',
    },
    {
      name: 'gcp specify, soc2, current cost, burstable',
      input: {
        stage: 'specify',
        target: { provider: 'gcp', region: 'europe-west1' },
        options: { complianceProfile: 'soc2' },
      },
      settings: {
        currentCost: {
          perVcpuMonth: 20,
          perGiBMemoryMonth: 5,
          perGiBDiskMonth: 0.1,
        },
        allowBurstable: true,
      },
      sha256:
        'eeb920ce773857901a889badbecf23c50b88dfc5cf4cecd1da5de49e8e40e04c',
    },
    {
      name: 'aws plan',
      input: {
        stage: 'plan',
        target: { provider: 'aws', region: 'us-east-1' },
        options: {},
      },
      sha256:
        '578389ec634c08cb69d8cf32464126ea51b0a412672c343d9c6de1d53c59fc4e',
    },
  ];

  it.each(cases)('is unchanged: $name', ({ input, settings, sha256 }) => {
    const assessment = assess(
      { ...input, resources, now: NOW },
      testContext(settings),
    );
    expect(digest(assessment)).toBe(sha256);
  });

  it('gives the same output when assessed twice in one process (memos warm)', () => {
    const input: AssessInput = {
      ...cases[0].input,
      resources,
      now: NOW,
    };
    const first = digest(assess(input, testContext()));
    expect(digest(assess(input, testContext()))).toBe(first);
  });
});

describe('values shared across resources', () => {
  const assessment = assess(
    {
      resources: [
        vm('a', { specs: { disks: [{ sizeGiB: 100 }] } }),
        vm('b', { specs: { disks: [{ sizeGiB: 100 }] } }),
        vm('c', { specs: { disks: [{ sizeGiB: 100, name: 'Hard disk 1' }] } }),
      ],
      target: { provider: 'aws', region: 'eu-west-1' },
      stage: 'specify',
      now: NOW,
    },
    testContext(),
  );
  const [a, b, c] = assessment.resources;

  it('are one frozen object each, so no resource can change another', () => {
    expect(a.disks[0]).toBe(b.disks[0]);
    expect(Object.isFrozen(a.disks[0])).toBe(true);
    expect(a.strategy).toBe(b.strategy);
    expect(Object.isFrozen(a.strategy)).toBe(true);
    expect(a.risk).toBe(b.risk);
    expect(Object.isFrozen(a.risk.factors)).toBe(true);
    expect(() => {
      (a.disks[0] as { monthlyPrice: number }).monthlyPrice = 0;
    }).toThrow(TypeError);
  });

  it('keep what is the resource’s own apart', () => {
    expect(c.disks[0]).not.toBe(a.disks[0]);
    expect(c.disks[0]).toEqual({ ...a.disks[0], name: 'Hard disk 1' });
    expect(a.disks[0].name).toBeUndefined();
    expect(a.cost).not.toBe(b.cost);
  });

  it('serialise like copies', () => {
    expect(JSON.parse(JSON.stringify(assessment))).toEqual(assessment);
  });
});
