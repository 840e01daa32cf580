import { sampleIacReport } from '../../../__testUtils__/artifactFixtures';
import { iacCheckRows, iacVerdicts, stepOutcome } from './iacChecks';

describe('IaC check rows', () => {
  it('gives one row per finding and one per clean check', () => {
    expect(iacCheckRows(sampleIacReport)).toEqual([
      {
        id: 'parse',
        title: 'HCL parses',
        outcome: 'pass',
        message: '2 checked',
      },
      {
        id: 'policy.admin-ports-0',
        title: 'No admin ports open to the internet',
        outcome: 'fail',
        message:
          'RDP open to 0.0.0.0/0 (aws_vpc_security_group_ingress_rule.rdp)',
        remediation: 'Restrict the source to the admin network',
        file: 'wave-01/security.tf',
        line: 3,
      },
    ]);
  });

  it('gives an approver one verdict per check, whatever it found', () => {
    expect(iacVerdicts(sampleIacReport).map(c => [c.id, c.outcome])).toEqual([
      ['parse', 'pass'],
      ['policy.admin-ports', 'fail'],
    ]);
  });

  it('shows a skipped check as pending with its reason', () => {
    const report = {
      ...sampleIacReport,
      checks: [
        {
          id: 'landing-zone.cidr-overlap',
          title: "Landing zone: generated networks do not overlap the target's",
          status: 'pass' as const,
          checked: 0,
          findings: [],
          skipped: 'No target environment is configured (target.environmentId)',
        },
      ],
    };
    expect(iacCheckRows(report)).toEqual([
      {
        id: 'landing-zone.cidr-overlap',
        title: "Landing zone: generated networks do not overlap the target's",
        outcome: 'pending',
        message:
          'Skipped: No target environment is configured (target.environmentId)',
      },
    ]);
  });

  it('labels a skipped terraform step as pending', () => {
    expect(
      (['pass', 'fail', 'skipped'] as const).map(status =>
        stepOutcome({ folder: 'wave-01', step: 'plan', status }),
      ),
    ).toEqual(['pass', 'fail', 'pending']);
  });
});
