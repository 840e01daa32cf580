import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { assessmentOf, onPremVm } from './__testUtils__/assessments';
import { iacModelFromAssessment } from './fromAssessment';
import { generateTerraform } from './generator/generateTerraform';
import { validateTerraform } from './validate/validateTerraform';
import { instanceTypes } from './__testUtils__/instanceTypes';

const owner = 'group:default/team-webshop';

describe('iacModelFromAssessment', () => {
  const vms = [
    { id: 'web-01', name: 'web-01', wave: 2, instanceType: 't3.medium' },
    {
      id: 'db-01',
      name: 'db-01',
      wave: 1,
      instanceType: 'r6i.large',
      os: 'windows' as const,
      disks: [
        { sizeGiB: 60, storageClass: 'gp3' },
        { sizeGiB: 500.2, storageClass: 'io2', name: 'data' },
      ],
    },
    {
      id: 'old-01',
      name: 'old-01',
      wave: 1,
      instanceType: 't3.micro',
      strategy: {
        strategy: 'retire' as const,
        rule: 'powered-off',
        reason: 'powered off for 90 days',
      },
    },
    {
      id: 'sql-01',
      name: 'sql-01',
      wave: 1,
      instanceType: 'm6i.large',
      strategy: {
        strategy: 'replatform' as const,
        rule: 'database-server',
        reason: 'SQL Server',
        targetService: 'Amazon RDS for SQL Server',
      },
    },
  ];
  const edges = [{ from: 'web-01', to: 'db-01' }];
  const resources = [
    onPremVm('web-01', '10.20.10.11', {}, { app: 'shop', 'aws:reserved': 'x' }),
    onPremVm('db-01', '10.20.30.5', { engine: 'postgres' }),
  ];

  it('turns rehosted machines into instances in their waves, from an on-prem estate', () => {
    const { model, skipped } = iacModelFromAssessment(
      assessmentOf(vms, edges),
      { owner, resources },
    );
    expect(model).toMatchObject({
      migrationId: 'mig-42',
      owner,
      source: { provider: 'inventory', environmentId: 'dc1' },
      target: { provider: 'aws', region: 'eu-west-1' },
      complianceProfile: 'gdpr',
    });
    expect(
      model.waves.map(w => [w.number, w.instances.map(i => i.key)]),
    ).toEqual([
      [1, ['db-01']],
      [2, ['web-01']],
    ]);
    expect(skipped.map(s => [s.id, s.reason])).toEqual([
      ['old-01', 'strategy retire: powered off for 90 days'],
      ['sql-01', 'moves to Amazon RDS for SQL Server'],
    ]);
    const db = model.waves[0].instances[0];
    expect(db).toMatchObject({
      instanceType: 'r6i.large',
      os: { family: 'windows' },
      rootDisk: { sizeGiB: 60, storageClass: 'gp3' },
      dataDisks: [{ sizeGiB: 501, storageClass: 'io2', name: 'db-01-data' }],
      entityRef: 'resource:default/db-01',
    });
    expect(model.waves[1].instances[0].tags).toEqual({ app: 'shop' });
  });

  it('marks the machines the migration service launches, as the caller decides', () => {
    const asked: string[] = [];
    const { model } = iacModelFromAssessment(assessmentOf(vms, edges), {
      owner,
      resources,
      launchedBy: machine => {
        asked.push(machine.id);
        return machine.id === 'db-01' ? 'migration-service' : undefined;
      },
    });
    expect(asked.sort()).toEqual(['db-01', 'web-01']);
    expect(
      model.waves.flatMap(w => w.instances.map(i => [i.key, i.launchedBy])),
    ).toEqual([
      ['db-01', 'migration-service'],
      ['web-01', undefined],
    ]);
    const compute = generateTerraform(model).files.find(
      f => f.path === 'wave-01/compute.tf',
    )!.content;
    expect(compute).not.toContain('resource "aws_instance"');
  });

  it('derives networks from addresses and least-privilege rules from dependencies', () => {
    const { model } = iacModelFromAssessment(assessmentOf(vms, edges), {
      owner,
      resources,
    });
    expect(model.networks).toEqual([
      {
        key: 'net-10.20.0.0/16',
        name: 'dc1-10.20.0.0-16',
        cidrBlock: '10.20.0.0/16',
        subnets: [
          {
            key: 'subnet-10.20.30.0/24',
            name: 'subnet-10.20.30.0-24',
            cidrBlock: '10.20.30.0/24',
          },
          {
            key: 'subnet-10.20.10.0/24',
            name: 'subnet-10.20.10.0-24',
            cidrBlock: '10.20.10.0/24',
          },
        ],
      },
    ]);
    const db = model.securityGroups.find(g => g.key === 'sg-db-01')!;
    expect(db.ingress).toEqual([
      {
        protocol: 'tcp',
        fromPort: 5432,
        toPort: 5432,
        sourceGroupKeys: ['sg-web-01'],
        description: 'Dependents (postgres)',
      },
    ]);
    expect(
      model.securityGroups.find(g => g.key === 'sg-web-01')!.ingress,
    ).toEqual([]);
  });

  it('admits dependents on exactly the ports the dependency data names', () => {
    const { model, warnings } = iacModelFromAssessment(
      assessmentOf(vms, edges),
      {
        owner,
        resources: [
          resources[0],
          onPremVm('db-01', '10.20.30.5', {
            listeningPorts: [
              { protocol: 'tcp', port: 8443 },
              { protocol: 'tcp', port: 8080 },
              { protocol: 'tcp', port: 8080 },
            ],
          }),
        ],
      },
    );
    expect(
      model.securityGroups.find(g => g.key === 'sg-db-01')!.ingress,
    ).toEqual([
      {
        protocol: 'tcp',
        fromPort: 8080,
        toPort: 8080,
        sourceGroupKeys: ['sg-web-01'],
        description: 'Dependents (tcp/8080)',
      },
      {
        protocol: 'tcp',
        fromPort: 8443,
        toPort: 8443,
        sourceGroupKeys: ['sg-web-01'],
        description: 'Dependents (tcp/8443)',
      },
    ]);
    expect(warnings.join()).not.toContain('every TCP port');
  });

  it('admits administrators only from the configured sources', () => {
    const { model } = iacModelFromAssessment(assessmentOf(vms, edges), {
      owner,
      resources,
      adminSources: ['192.0.2.0/24'],
    });
    expect(
      model.securityGroups.find(g => g.key === 'sg-db-01')!.ingress[1],
    ).toEqual({
      protocol: 'tcp',
      fromPort: 3389,
      sources: ['192.0.2.0/24'],
      description: 'Administration',
    });
  });

  it('keeps discovered subnets and security groups, and imports them from the same cloud', () => {
    const vpc: DiscoveredResource = {
      provider: 'aws',
      environmentId: 'aws-prod',
      externalId: 'vpc-1',
      kind: 'network',
      name: 'prod',
      specs: { cidrBlocks: ['172.31.0.0/16'] },
      tags: {},
      dependsOn: [],
    };
    const subnet: DiscoveredResource = {
      provider: 'aws',
      environmentId: 'aws-prod',
      externalId: 'subnet-1',
      kind: 'subnet',
      name: 'private-a',
      zone: 'eu-west-1b',
      specs: { cidrBlocks: ['172.31.1.0/24'] },
      tags: {},
      dependsOn: ['vpc-1'],
    };
    const sg: DiscoveredResource = {
      provider: 'aws',
      environmentId: 'aws-prod',
      externalId: 'sg-1',
      kind: 'security-group',
      name: 'web',
      specs: {
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            sources: ['0.0.0.0/0'],
          },
          { protocol: 'tcp', fromPort: 22, sourceGroups: ['sg-elsewhere'] },
        ],
      },
      tags: {},
      dependsOn: [],
    };
    const vm: DiscoveredResource = {
      provider: 'aws',
      environmentId: 'aws-prod',
      externalId: 'i-1',
      kind: 'vm',
      name: 'web-01',
      specs: {},
      tags: {},
      dependsOn: ['subnet-1', 'sg-1'],
    };
    const assessment = assessmentOf(
      [
        {
          id: 'i-1',
          name: 'web-01',
          wave: 1,
          instanceType: 't3.small',
          provider: 'aws',
        },
      ],
      [],
      { provider: 'aws', region: 'eu-central-1' },
    );
    const { model, warnings } = iacModelFromAssessment(assessment, {
      owner,
      resources: [vpc, subnet, sg, vm],
    });
    expect(model.networks).toEqual([
      {
        key: 'vpc-1',
        name: 'prod',
        cidrBlock: '172.31.0.0/16',
        sourceId: 'vpc-1',
        subnets: [
          {
            key: 'subnet-1',
            name: 'private-a',
            cidrBlock: '172.31.1.0/24',
            zone: 'eu-west-1b',
            sourceId: 'subnet-1',
          },
        ],
      },
    ]);
    expect(model.securityGroups).toEqual([
      {
        key: 'sg-1',
        name: 'web',
        networkKey: 'vpc-1',
        sourceId: 'sg-1',
        ingress: [
          {
            protocol: 'tcp',
            fromPort: 443,
            toPort: 443,
            sources: ['0.0.0.0/0'],
          },
        ],
      },
    ]);
    expect(warnings).toEqual([
      expect.stringContaining(
        'web: 1 source group(s) of a rule are not part of the migration',
      ),
    ]);
    const bundle = generateTerraform(model);
    const imports = bundle.files.find(
      f => f.path === 'wave-01/imports.tf',
    )!.content;
    expect(imports).toContain('id = "i-1"');
    expect(imports).toContain('id = "vpc-1"');
  });

  it.each(['aws', 'azure', 'gcp'] as const)(
    'yields a model that generates valid Terraform for %s',
    async provider => {
      const types = {
        aws: ['t3.medium', 'r6i.large'],
        azure: ['Standard_B2s', 'Standard_E2s_v5'],
        gcp: ['e2-medium', 'n2-highmem-2'],
      }[provider];
      const region = {
        aws: 'eu-west-1',
        azure: 'westeurope',
        gcp: 'europe-west1',
      }[provider];
      const storage = { aws: 'gp3', azure: 'premium-ssd', gcp: 'pd-balanced' }[
        provider
      ];
      const assessment = assessmentOf(
        [
          {
            id: 'web-01',
            name: 'web-01',
            wave: 2,
            instanceType: types[0],
            disks: [{ sizeGiB: 20, storageClass: storage }],
          },
          {
            id: 'db-01',
            name: 'db-01',
            wave: 1,
            instanceType: types[1],
            disks: [
              { sizeGiB: 40, storageClass: storage },
              { sizeGiB: 100, storageClass: storage },
            ],
          },
        ],
        edges,
        { provider, region },
      );
      const { model } = iacModelFromAssessment(assessment, {
        owner,
        resources,
        target: provider === 'gcp' ? { project: 'shop-prod-1' } : undefined,
        tags: { 'data-classification': 'confidential' },
      });
      expect(model.waves[0].instances[0].rootDisk.storageClass).toBe(
        { aws: 'gp3', azure: 'Premium_LRS', gcp: 'pd-balanced' }[provider],
      );
      const report = await validateTerraform(generateTerraform(model).files, {
        instanceTypes,
      });
      expect(report.checks.filter(c => c.status !== 'pass')).toEqual([]);
    },
  );

  it('places machines without an address in a fallback network, with a warning', () => {
    const { model, warnings } = iacModelFromAssessment(
      assessmentOf(
        [{ id: 'x', name: 'x', wave: 1, instanceType: 't3.micro' }],
        [],
      ),
      { owner, resources: [onPremVm('x', undefined)] },
    );
    expect(model.networks[0].cidrBlock).toBe('10.254.0.0/16');
    expect(warnings).toEqual([
      expect.stringContaining('x has no IPv4 address or subnet'),
    ]);
  });
});
