import { evaluateCompliance, type PlannedEstate } from './evaluateCompliance';
import {
  admittedPorts,
  checkRegionResidency,
  internetExposedAdminPorts,
  internetExposedDatabasePorts,
  isOpenToInternet,
  missingTags,
  regionCountry,
  residencyConflict,
  residencyTagCountries,
} from '@sirsi-nexus/plugin-migration-common';

describe('rule primitives', () => {
  it('recognises internet-wide sources', () => {
    expect(isOpenToInternet('0.0.0.0/0')).toBe(true);
    expect(isOpenToInternet(['10.0.0.0/8', '::/0'])).toBe(true);
    expect(isOpenToInternet('Internet')).toBe(true);
    expect(isOpenToInternet(['10.0.0.0/8', '192.168.1.0/24'])).toBe(false);
    expect(isOpenToInternet(undefined)).toBe(false);
  });

  it('works out which ports a rule admits', () => {
    expect(
      admittedPorts({ protocol: 'tcp', fromPort: 20, toPort: 25 }, [22, 80]),
    ).toEqual([22]);
    expect(admittedPorts({ protocol: 'all' }, [22, 3389])).toEqual([22, 3389]);
    expect(admittedPorts({ protocol: 'tcp' }, [22])).toEqual([22]);
    expect(admittedPorts({ protocol: 'icmp' }, [22])).toEqual([]);
    expect(
      internetExposedAdminPorts([
        {
          protocol: 'tcp',
          fromPort: 3389,
          toPort: 3389,
          sources: ['0.0.0.0/0'],
        },
        { protocol: 'tcp', fromPort: 22, toPort: 22, sources: ['10.0.0.0/8'] },
      ]),
    ).toEqual([3389]);
    expect(
      internetExposedDatabasePorts([
        {
          protocol: 'tcp',
          fromPort: 1000,
          toPort: 6000,
          sources: ['0.0.0.0/0'],
        },
      ]),
    ).toEqual([1433, 1521, 3306, 5432, 5984]);
  });

  it('judges residency per profile', () => {
    expect(regionCountry('azure', 'WestEurope')).toBe('nl');
    expect(checkRegionResidency('gdpr', 'aws', 'eu-central-1')!.status).toBe(
      'pass',
    );
    expect(checkRegionResidency('gdpr', 'aws', 'eu-west-2')!.status).toBe(
      'warn',
    ); // UK adequacy
    expect(checkRegionResidency('gdpr', 'gcp', 'us-central1')).toMatchObject({
      status: 'fail',
      remediation: expect.stringContaining('EEA'),
    });
    expect(checkRegionResidency('gdpr', 'aws', 'mars-1')!.status).toBe('warn');
    expect(checkRegionResidency('hipaa', 'aws', 'eu-west-1')!.status).toBe(
      'warn',
    );
    expect(checkRegionResidency('soc2', 'aws', 'eu-west-1')).toBeUndefined();
    expect(residencyTagCountries('EU, ch')).toContain('de');
    expect(residencyTagCountries('EU, ch')).toContain('ch');
    expect(
      residencyConflict({ 'Data-Residency': 'de' }, 'aws', 'eu-central-1'),
    ).toMatchObject({ conflict: false });
    expect(
      residencyConflict({ residency: 'de' }, 'aws', 'eu-west-1'),
    ).toMatchObject({ conflict: true, country: 'ie' });
    expect(residencyConflict({}, 'aws', 'eu-west-1')).toBeUndefined();
  });

  it('finds missing tags case-insensitively', () => {
    expect(
      missingTags({ Owner: 'a', env: '' }, [
        'owner',
        'env',
        'data-classification',
      ]),
    ).toEqual(['env', 'data-classification']);
  });
});

describe('evaluateCompliance', () => {
  const estate = (overrides: Partial<PlannedEstate> = {}): PlannedEstate => ({
    profile: 'gdpr',
    target: { provider: 'aws', region: 'eu-central-1' },
    security: {
      encryptionAtRest: true,
      encryptionInTransit: true,
      auditLogging: true,
    },
    resources: [
      {
        id: 'web',
        name: 'web-01',
        tags: { 'data-classification': 'internal' },
        ingress: [],
      },
      {
        id: 'db',
        name: 'db-01',
        tags: { 'data-classification': 'personal' },
        ingress: [],
      },
    ],
    ...overrides,
  });
  const status = (checks: ReturnType<typeof evaluateCompliance>) =>
    Object.fromEntries(checks.map(c => [c.id, c.status]));

  it('passes a clean GDPR plan in an EU region', () => {
    expect(status(evaluateCompliance(estate()))).toEqual({
      residency: 'pass',
      'encryption-at-rest': 'pass',
      'encryption-in-transit': 'pass',
      'admin-ports-internet': 'pass',
      'database-ports-internet': 'pass',
      'audit-logging': 'pass',
      'required-tags': 'pass',
      'public-exposure': 'pass',
    });
  });

  it('fails what each profile forbids, naming the resources and how to fix it', () => {
    const checks = evaluateCompliance(
      estate({
        profile: 'soc2',
        target: { provider: 'aws', region: 'us-east-1' },
        security: {
          encryptionAtRest: false,
          encryptionInTransit: true,
          auditLogging: false,
        },
        resources: [
          {
            id: 'web',
            name: 'web-01',
            tags: {},
            publiclyExposed: true,
            ingress: [
              {
                protocol: 'tcp',
                fromPort: 80,
                toPort: 80,
                sources: ['0.0.0.0/0'],
              },
              {
                protocol: 'tcp',
                fromPort: 22,
                toPort: 22,
                sources: ['0.0.0.0/0'],
              },
              {
                protocol: 'tcp',
                fromPort: 5432,
                toPort: 5432,
                sources: ['0.0.0.0/0'],
              },
            ],
          },
        ],
      }),
    );
    const byId = Object.fromEntries(checks.map(c => [c.id, c]));
    expect(byId.residency).toBeUndefined();
    expect(byId['encryption-at-rest'].status).toBe('fail');
    expect(byId['audit-logging'].status).toBe('fail');
    expect(byId['encryption-in-transit']).toMatchObject({
      status: 'warn',
      resourceIds: ['web'],
    });
    expect(byId['admin-ports-internet']).toMatchObject({
      status: 'fail',
      resourceIds: ['web'],
    });
    expect(byId['admin-ports-internet'].message).toContain('22 (SSH)');
    expect(byId['database-ports-internet'].message).toContain(
      '5432 (PostgreSQL)',
    );
    expect(byId['required-tags']).toMatchObject({
      status: 'warn',
      resourceIds: ['web'],
    });
    expect(byId['public-exposure'].status).toBe('warn');
    for (const c of checks.filter(x => x.status !== 'pass')) {
      expect(c.remediation).toBeTruthy();
    }
  });

  it('only warns on the baseline profile and fails GDPR residency outside the EEA', () => {
    const open = [
      { protocol: 'tcp', fromPort: 3389, toPort: 3389, sources: ['0.0.0.0/0'] },
    ];
    const none = evaluateCompliance(
      estate({
        profile: 'none',
        resources: [{ id: 'a', name: 'a', tags: {}, ingress: open }],
      }),
    );
    expect(status(none)['admin-ports-internet']).toBe('warn');
    expect(status(none).residency).toBeUndefined();
    const us = evaluateCompliance(
      estate({ target: { provider: 'azure', region: 'eastus' } }),
    );
    expect(status(us).residency).toBe('fail');
  });
});
