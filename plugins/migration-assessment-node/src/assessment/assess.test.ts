import { InputError } from '@backstage/errors';
import {
  assessmentSchema,
  type DiscoveredResource,
} from '@sirsi-nexus/plugin-migration-common';
import { resourceToEntity } from '@sirsi-nexus/plugin-migration-node';
import { NOW, testContext, vm } from './__testUtils__/fixtures';
import { assess } from './assess';
import { renderAssessmentMarkdown } from './render/renderAssessmentMarkdown';
import { resourcesFromEntities } from './resourcesFromEntities';

const win = (name: string) => ({ family: 'windows' as const, name });

/** A small estate: a web shop, a CRM, a shared SQL cluster, AD/DNS and a few oddities. */
function estate(): DiscoveredResource[] {
  return [
    vm('dc01', {
      specs: {
        vcpus: 2,
        memoryMiB: 4096,
        os: win('Microsoft Windows Server 2012 R2 (64-bit)'),
      },
      tags: { app: 'shared-infrastructure', role: 'domain-controller' },
      utilization: { cpuP95: 12, memP95: 40, samples: 720 },
    }),
    vm('sqlclu-01', {
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        os: win('Microsoft Windows Server 2016 (64-bit)'),
        disks: [{ sizeGiB: 2048, usedGiB: 1500 }],
      },
      tags: { app: 'shared-infrastructure', role: 'database' },
      dependsOn: ['dc01', 'sqlclu-02'],
      utilization: { cpuP95: 45, memP95: 70, samples: 720, iopsP95: 6000 },
    }),
    vm('sqlclu-02', {
      specs: {
        vcpus: 8,
        memoryMiB: 65536,
        os: win('Microsoft Windows Server 2016 (64-bit)'),
        disks: [{ sizeGiB: 2048, usedGiB: 1500 }],
      },
      tags: { app: 'shared-infrastructure', role: 'database' },
      dependsOn: ['dc01', 'sqlclu-01'],
      utilization: { cpuP95: 20, memP95: 60, samples: 720 },
    }),
    ...['shop-web-01', 'shop-web-02'].map(id =>
      vm(id, {
        tags: { app: 'webshop' },
        dependsOn: ['shop-app-01', 'dc01'],
        specs: { publiclyExposed: true },
      }),
    ),
    vm('shop-app-01', {
      specs: {
        vcpus: 4,
        memoryMiB: 16384,
        os: { family: 'linux', name: 'CentOS 7 (64-bit)' },
      },
      tags: { app: 'webshop' },
      dependsOn: ['sqlclu-01', 'dc01'],
    }),
    vm('crm-app-01', {
      tags: { app: 'crm' },
      dependsOn: ['sqlclu-01', 'dc01'],
      utilization: undefined,
    }),
    vm('hr-app-01', {
      tags: { app: 'hr-portal' },
      dependsOn: ['sqlclu-01', 'dc01', 'payroll-mainframe'],
    }),
    vm('report-01', {
      tags: { app: 'reporting' },
      dependsOn: ['sqlclu-02', 'dc01'],
    }),
    vm('old-ftp', {
      specs: { powerState: 'poweredOff' },
      utilization: undefined,
    }),
  ];
}

const context = testContext({ maxWaveSize: 4, sharedServiceMinFanIn: 4 });

function run(stage: 'plan' | 'specify' | 'preview' = 'preview', extra = {}) {
  return assess(
    {
      resources: estate(),
      target: { provider: 'aws', region: 'eu-west-1' },
      options: {
        complianceProfile: 'gdpr',
        maintenanceWindows: [
          '2026-06-06T22:00:00Z/PT6H',
          '2026-06-13T22:00:00Z/PT6H',
        ],
      },
      migrationId: 'mig-1',
      sourceEnvironmentId: 'dc1',
      stage,
      now: NOW,
      ...extra,
    },
    context,
  );
}

describe('assess', () => {
  it('produces a schema-valid assessment whose waves respect every dependency', () => {
    const a = run();
    expect(() => assessmentSchema.parse(a)).not.toThrow();
    const byId = new Map(a.resources.map(r => [r.id, r]));
    expect(a.dependencies.edges.length).toBeGreaterThan(10);
    for (const { from, to } of a.dependencies.edges) {
      const f = byId.get(from)!;
      const t = byId.get(to)!;
      if (f.moveGroup === t.moveGroup) continue;
      expect({ edge: `${from}→${to}`, ok: t.wave < f.wave }).toEqual({
        edge: `${from}→${to}`,
        ok: true,
      });
    }
    for (const w of a.waves) {
      expect(
        w.members.filter(id => !byId.get(id)!.attachedTo).length,
      ).toBeLessThanOrEqual(4);
    }
    expect(a.waves.flatMap(w => w.members).sort()).toEqual(
      a.resources.map(r => r.id).sort(),
    );
    // The SQL cluster nodes depend on each other: one move group.
    expect(byId.get('sqlclu-01')!.moveGroup).toBe(
      byId.get('sqlclu-02')!.moveGroup,
    );
    const group = a.moveGroups.find(
      g => g.id === byId.get('sqlclu-01')!.moveGroup,
    )!;
    expect(group.cyclic).toBe(true);
    expect(
      a.waves[byId.get('shop-web-01')!.wave - 1].reasons.join(' '),
    ).toMatch(/depend on wave/);
    expect(a.dependencies.unresolved).toEqual([
      { from: 'hr-app-01', to: 'payroll-mainframe' },
    ]);
  });

  it('flags shared services with the move-first / keep-hybrid choice', () => {
    const a = run();
    const dc = a.sharedServices.find(s => s.resourceId === 'dc01')!;
    expect(dc.fanIn).toBe(8);
    expect(dc.recommendation).toBe('keep-hybrid-connectivity');
    expect(dc.reason).toContain('directory/name service');
    const sql = a.sharedServices.find(s => s.resourceId === 'sqlclu-01')!;
    expect(sql.recommendation).toBe('move-first');
    expect(sql.options.map(o => o.choice)).toEqual([
      'move-first',
      'keep-hybrid-connectivity',
    ]);
    expect(a.waves[0].members).toContain('dc01');
  });

  it('names the end-of-life systems and picks strategies with the rule that fired', () => {
    const a = run();
    expect(a.summary.endOfLifeSystems.sort()).toEqual(['dc01', 'shop-app-01']);
    const strategy = (id: string) =>
      a.resources.find(r => r.id === id)!.strategy;
    expect(strategy('sqlclu-01')).toMatchObject({
      strategy: 'replatform',
      rule: 'database-server',
      targetService: 'Amazon RDS for SQL Server',
    });
    expect(strategy('shop-app-01')).toMatchObject({
      strategy: 'replatform',
      rule: 'eol-os',
    });
    expect(strategy('old-ftp')).toMatchObject({
      strategy: 'retire',
      rule: 'powered-off',
    });
    expect(strategy('shop-web-01')).toMatchObject({
      strategy: 'rehost',
      rule: 'default-rehost',
    });
  });

  it('costs are reproducible from the shipped price table', () => {
    const a = run();
    const pricing = context.catalogs.forRegion('aws', 'eu-west-1');
    for (const r of a.resources) {
      if (!r.sizing || !r.cost) continue;
      const type = pricing.instances.find(
        i => i.name === r.sizing!.instanceType,
      )!;
      expect(r.sizing.hourlyPrice).toBe(type.hourlyPrice);
      expect(r.cost.compute.onDemand).toBeCloseTo(type.hourlyPrice * 730, 2);
      expect(r.cost.license).toBeCloseTo(
        (r.os?.family === 'windows' ? 0.046 * type.vcpus : 0) * 730,
        2,
      );
      expect(r.cost.storage).toBeCloseTo(
        r.disks.reduce((s, d) => s + d.monthlyPrice, 0),
        2,
      );
    }
    const included = a.resources.filter(r => r.cost?.included);
    expect(a.cost!.total.onDemand).toBeCloseTo(
      included.reduce((s, r) => s + r.cost!.total.onDemand, 0),
      2,
    );
    expect(a.waves.reduce((s, w) => s + w.cost!.onDemand, 0)).toBeCloseTo(
      a.cost!.total.onDemand,
      2,
    );
    expect(a.inputs.priceCatalog).toMatchObject({
      provider: 'aws',
      region: 'eu-west-1',
      asOf: pricing.asOf,
    });
    // Deterministic for the same input.
    expect(JSON.stringify(run())).toBe(JSON.stringify(a));
  });

  it('schedules the waves and runs the GDPR checks on what moves', () => {
    const a = run();
    expect(a.schedule!.entries).toHaveLength(a.waves.length);
    expect(a.schedule!.entries.every(e => e.status === 'scheduled')).toBe(true);
    const residency = a.compliance.checks.find(c => c.id === 'residency')!;
    expect(residency.status).toBe('pass');
    const tags = a.compliance.checks.find(c => c.id === 'required-tags')!;
    expect(tags.status).toBe('warn');
    expect(tags.resourceIds).not.toContain('old-ftp'); // retired: not part of the plan
  });

  it('leaves sizing, cost and schedule to the specify stage', () => {
    const plan = run('plan');
    expect(plan.stage).toBe('plan');
    expect(plan.cost).toBeUndefined();
    expect(plan.schedule).toBeUndefined();
    expect(plan.resources.some(r => r.sizing || r.cost)).toBe(false);
    expect(() => assessmentSchema.parse(plan)).not.toThrow();
    const full = run('specify');
    expect(full.waves).toEqual(full.waves.map(w => ({ ...w })));
    expect(full.waves.map(w => w.members)).toEqual(
      plan.waves.map(w => w.members),
    );
  });

  it('carries attached disk resources with their VM', () => {
    const a = assess(
      {
        resources: [
          vm('vm-1', { specs: { disks: [] }, dependsOn: ['vol-1'] }),
          {
            ...vm('vol-1'),
            kind: 'disk',
            specs: { disks: [{ sizeGiB: 500, usedGiB: 200 }] },
            utilization: undefined,
          },
          {
            ...vm('vol-2'),
            kind: 'disk',
            specs: { storageGiB: 50 },
            utilization: undefined,
          },
        ],
        target: { provider: 'gcp', region: 'us-central1' },
        stage: 'preview',
        now: NOW,
      },
      context,
    );
    const [vm1, vol1, vol2] = a.resources;
    expect(vol1.attachedTo).toBe('vm-1');
    expect(vol1.moveGroup).toBe(vm1.moveGroup);
    expect(vol1.cost).toBeUndefined();
    expect(vm1.disks).toEqual([
      expect.objectContaining({
        sizeGiB: 500,
        storageClass: 'pd-balanced',
        monthlyPrice: 50,
      }),
    ]);
    expect(vm1.dataGiB).toBe(200);
    expect(vol2.cost!.storage).toBe(5);
    expect(a.waves[0].reasons.join(' ')).toContain(
      '1 attached disk(s) move with their VMs',
    );
  });

  it('says which cycle makes a move group larger than the max wave size and how to split it', () => {
    // app-1 → app-2 → … → app-6 → app-1, with app-3 ↔ db-1 as a short cycle: six resources, max 4.
    const names = ['app-1', 'app-2', 'app-3', 'app-4', 'app-5', 'app-6'];
    const resources = [
      ...names.map((name, i) =>
        vm(name, {
          dependsOn: [
            names[(i + 1) % names.length],
            ...(name === 'app-3' ? ['db-1'] : []),
          ],
        }),
      ),
      vm('db-1', { dependsOn: ['app-3'] }),
    ];
    const a = assess(
      {
        resources,
        target: { provider: 'aws', region: 'eu-west-1' },
        stage: 'preview',
        now: NOW,
      },
      context,
    );
    expect(a.waves).toHaveLength(1);
    const reasons = a.waves[0].reasons.join(' ');
    expect(reasons).toContain('has 7 resources, more than the max wave size 4');
    expect(reasons).toContain('e.g. app-3 → db-1 → app-3');
    expect(reasons).toContain('the most connected members are app-3');
    expect(reasons).toContain('To split it');
  });

  it('rejects bad input with an InputError naming the field', () => {
    const base = {
      resources: estate(),
      target: { provider: 'aws' as const, region: 'eu-west-1' },
      stage: 'preview' as const,
    };
    const error = (input: Parameters<typeof assess>[0]) => {
      let caught: unknown;
      try {
        assess(input, context);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(InputError);
      return (caught as Error).message;
    };
    expect(error({ ...base, resources: [] })).toMatch(
      /^resources: the selection is empty/,
    );
    expect(
      error({ ...base, target: { provider: 'ibm' as any, region: 'x' } }),
    ).toMatch(/^target\.provider/);
    expect(
      error({ ...base, target: { provider: 'azure', region: 'marsnorth' } }),
    ).toMatch(/^target\.region/);
    expect(
      error({ ...base, options: { maintenanceWindows: ['soon'] } }),
    ).toMatch(/options\.maintenanceWindows\[0\]/);
    expect(
      error({ ...base, options: { complianceProfile: 'pci' as any } }),
    ).toMatch(/options\.complianceProfile/);
    expect(
      error({ ...base, options: { riskTolerance: 'reckless' as any } }),
    ).toBe('options.riskTolerance must be low, medium or high, got "reckless"');
  });
});

describe('renderAssessmentMarkdown', () => {
  it('renders every section and escapes names from the inventory', () => {
    const resources = estate();
    resources[3].name = 'web|<img src=x onerror=alert(1)>[click](http://evil)';
    const md = renderAssessmentMarkdown(
      assess(
        {
          resources,
          target: { provider: 'aws', region: 'eu-west-1' },
          options: { complianceProfile: 'gdpr' },
          stage: 'preview',
          now: NOW,
        },
        context,
      ),
    );
    for (const heading of [
      '## Summary',
      '## Waves',
      '## Shared services',
      '## Resources',
      '## Risks',
      '## Compliance',
      '## Cost (monthly)',
      '## Schedule',
    ]) {
      expect(md).toContain(heading);
    }
    expect(md).toContain('End-of-life operating systems: dc01, shop-app-01');
    expect(md).not.toMatch(/(^|[^\\])<img/);
    expect(md).not.toMatch(/[^\\]\]\(http/);
    expect(md).toContain('web\\|\\<img');
  });
});

describe('resourcesFromEntities', () => {
  it('reads resources back from catalog entities and reports every bad ref at once', () => {
    const entities = estate()
      .slice(0, 3)
      .map(r => resourceToEntity(r, { owner: 'group:default/platform' }));
    const { resources, entityRefs } = resourcesFromEntities(entities);
    expect(resources.map(r => r.externalId)).toEqual([
      'dc01',
      'sqlclu-01',
      'sqlclu-02',
    ]);
    expect(entityRefs.dc01).toMatch(/^resource:default\//);

    const plain = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'web' },
      spec: {},
    };
    expect(() =>
      resourcesFromEntities([...entities, plain], {
        requestedRefs: [
          entityRefs.dc01,
          'component:default/web',
          'resource:default/ghost',
          'not a ref:',
        ],
      }),
    ).toThrow(
      /entityRefs: 3 bad selection\(s\): component:default\/web: .*; resource:default\/ghost: no such entity; not a ref:: not a valid entity ref/,
    );
  });
});
