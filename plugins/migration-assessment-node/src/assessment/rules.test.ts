import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { NOW, testContext, vm } from './__testUtils__/fixtures';
import { assess } from './assess';

/**
 * Each risk factor and each 7R rule, through `assess` so the facts are derived the way production
 * derives them.
 */
function run(
  resources: DiscoveredResource[],
  target: { provider: 'aws' | 'azure' | 'gcp'; region: string } = {
    provider: 'aws',
    region: 'us-east-1',
  },
  options: Parameters<typeof assess>[0]['options'] = {},
) {
  const a = assess(
    { resources, target, options, stage: 'preview', now: NOW },
    testContext(),
  );
  const byId = (id: string) => a.resources.find(r => r.id === id)!;
  const factors = (id: string) => byId(id).risk.factors.map(f => f.id);
  return { a, byId, factors };
}

describe('risk factors', () => {
  it('names end-of-life and soon-end-of-life systems with their dates', () => {
    const { byId, factors, a } = run([
      vm('w2012', {
        specs: {
          os: {
            family: 'windows',
            name: 'Microsoft Windows Server 2012 R2 (64-bit)',
          },
        },
      }),
      vm('c7', {
        specs: { os: { family: 'linux', name: 'CentOS 7 (64-bit)' } },
      }),
      vm('w2016', {
        specs: {
          os: {
            family: 'windows',
            name: 'Microsoft Windows Server 2016 (64-bit)',
          },
        },
      }),
      vm('u22', {}),
    ]);
    expect(factors('w2012')).toContain('os-end-of-life');
    expect(
      byId('w2012').risk.factors.find(f => f.id === 'os-end-of-life')!.detail,
    ).toContain('ended 2023-10-10 (paid extended support until 2026-10-13)');
    expect(factors('c7')).toContain('os-end-of-life');
    // 2016 ends 2027-01-12: within a year of 2026-06-01
    expect(factors('w2016')).toContain('os-approaching-end-of-life');
    expect(factors('u22')).not.toContain('os-end-of-life');
    expect(a.summary.endOfLifeSystems.sort()).toEqual(['c7', 'w2012']);
  });

  it('flags an OS the target does not accept', () => {
    const { factors } = run(
      [
        vm('old', {
          specs: { os: { family: 'windows', name: 'Windows Server 2003 R2' } },
        }),
      ],
      { provider: 'azure', region: 'westeurope' },
    );
    expect(factors('old')).toEqual(
      expect.arrayContaining(['os-end-of-life', 'os-unsupported-on-target']),
    );
  });

  it('flags disks over the target limit, high fan-in, exposure, admin ports and missing utilization', () => {
    const dependents = Array.from({ length: 5 }, (_, i) =>
      vm(`app-${i}`, { dependsOn: ['shared-db'] }),
    );
    const { factors, byId } = run([
      vm('shared-db', { specs: { disks: [{ sizeGiB: 70000 }] } }),
      ...dependents,
      {
        ...vm('sg-web'),
        kind: 'security-group',
        specs: {
          ingress: [
            {
              protocol: 'tcp',
              fromPort: 22,
              toPort: 22,
              sources: ['0.0.0.0/0'],
            },
          ],
        },
        utilization: undefined,
      },
      vm('web', { dependsOn: ['sg-web'], utilization: undefined }),
    ]);
    expect(factors('shared-db')).toEqual(
      expect.arrayContaining(['disk-over-target-limit', 'high-fan-in']),
    );
    expect(byId('shared-db').fanIn).toBe(5);
    expect(factors('web')).toEqual(
      expect.arrayContaining([
        'admin-port-open-to-internet',
        'public-exposure',
        'missing-utilization',
      ]),
    );
    expect(factors('app-1')).not.toContain('high-fan-in');
  });

  it('flags licensing, residency conflicts, cycles and dependencies outside the selection', () => {
    const { factors, byId } = run(
      [
        vm('sql01', {
          specs: { os: { family: 'windows', name: 'Windows Server 2019' } },
        }),
        vm('eu-data', { tags: { 'data-residency': 'eu' } }),
        vm('a', { dependsOn: ['b'] }),
        vm('b', { dependsOn: ['a', 'mainframe'] }),
      ],
      { provider: 'aws', region: 'us-east-1' },
    );
    expect(factors('sql01')).toEqual(
      expect.arrayContaining(['licensing-sql-server', 'licensing-windows']),
    );
    expect(factors('eu-data')).toContain('data-residency-conflict');
    expect(factors('a')).toContain('cyclic-dependency');
    expect(factors('b')).toEqual(
      expect.arrayContaining(['cyclic-dependency', 'unresolved-dependency']),
    );
    expect(byId('b').unresolvedDependencies).toEqual(['mainframe']);
  });

  it('sums factor points into a capped score with a level', () => {
    const { byId } = run(
      [
        vm('bad', {
          specs: {
            os: { family: 'windows', name: 'Windows Server 2003' },
            disks: [{ sizeGiB: 100000 }],
            publiclyExposed: true,
          },
          utilization: undefined,
        }),
        vm('fine'),
      ],
      { provider: 'gcp', region: 'us-central1' },
    );
    const bad = byId('bad').risk;
    expect(bad.factors.reduce((s, f) => s + f.points, 0)).toBeGreaterThan(100);
    expect(bad.score).toBe(100);
    expect(bad.level).toBe('high');
    expect(byId('fine').risk).toEqual({ score: 0, level: 'low', factors: [] });
    for (const f of bad.factors)
      expect(f.mitigation.length).toBeGreaterThan(10);
  });

  it('scores the migration and lists resources over the risk tolerance', () => {
    const { a } = run(
      [
        vm('w2012', {
          specs: { os: { family: 'windows', name: 'Windows Server 2012' } },
        }),
        vm('ok'),
      ],
      { provider: 'aws', region: 'us-east-1' },
      { riskTolerance: 'low' },
    );
    // w2012: EOL 30 + windows licensing 5 = 35; ok: 0 → 0.6 × 35 + 0.4 × 17.5 = 28
    expect(a.resources.find(r => r.id === 'w2012')!.risk.score).toBe(35);
    expect(a.risk.score).toBe(28);
    expect(a.risk.tolerance).toEqual({
      level: 'low',
      maxScore: 30,
      exceeding: ['w2012'],
    });
  });
});

describe('7R strategy rules', () => {
  const cases: Array<[string, DiscoveredResource, string, string]> = [
    [
      'explicit tag',
      vm('x', { tags: { 'migration-strategy': 'refactor' } }),
      'refactor',
      'explicit-tag',
    ],
    [
      'residency',
      vm('x', { tags: { residency: 'de' } }),
      'retain',
      'data-residency',
    ],
    [
      'powered off',
      vm('x', { specs: { powerState: 'poweredOff' } }),
      'retire',
      'powered-off',
    ],
    [
      'idle',
      vm('x', { utilization: { cpuP95: 1, memP95: 10, networkMbpsP95: 0.1 } }),
      'retire',
      'idle',
    ],
    [
      'decommission tag',
      vm('x', { tags: { lifecycle: 'deprecated' } }),
      'retire',
      'decommission-tag',
    ],
    [
      'non-x86',
      vm('x', {
        specs: { os: { family: 'other', name: 'Oracle Solaris 10 (SPARC)' } },
      }),
      'refactor',
      'non-x86-platform',
    ],
    [
      'SaaS',
      vm('exch01', {
        specs: { os: { family: 'windows', name: 'Windows Server 2016' } },
      }),
      'repurchase',
      'saas-available',
    ],
    ['database', vm('shop-db01'), 'replatform', 'database-server'],
    [
      'EOL OS',
      vm('x', { specs: { os: { family: 'linux', name: 'CentOS 7' } } }),
      'replatform',
      'eol-os',
    ],
    ['same cloud', { ...vm('x'), provider: 'aws' }, 'relocate', 'same-cloud'],
    ['default', vm('x'), 'rehost', 'default-rehost'],
  ];
  it.each(cases)('%s', (_label, resource, strategy, rule) => {
    const { byId } = run([resource], { provider: 'aws', region: 'eu-west-1' });
    expect(byId(resource.externalId).strategy).toMatchObject({
      strategy,
      rule,
    });
  });

  it('suggests the managed database of the target cloud', () => {
    const { byId } = run(
      [
        vm('sql01', {
          specs: { os: { family: 'windows', name: 'Windows Server 2019' } },
        }),
        vm('pg-main-01'),
      ],
      { provider: 'azure', region: 'westeurope' },
    );
    expect(byId('sql01').strategy.targetService).toBe(
      'Azure SQL Managed Instance',
    );
    expect(byId('pg-main-01').strategy.targetService).toBe(
      'Azure Database for PostgreSQL flexible server',
    );
  });

  it('does not retire an idle machine others depend on', () => {
    const { byId } = run([
      vm('dns01', { utilization: { cpuP95: 1, memP95: 10 } }),
      vm('app', { dependsOn: ['dns01'] }),
    ]);
    expect(byId('dns01').strategy.rule).toBe('default-rehost');
  });

  it('counts retired and retained resources out of the target cost', () => {
    const { a, byId } = run([
      vm('off', { specs: { powerState: 'stopped' } }),
      vm('on'),
    ]);
    expect(byId('off').cost!.included).toBe(false);
    expect(a.cost!.total.onDemand).toBe(byId('on').cost!.total.onDemand);
  });
});
