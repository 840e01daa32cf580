import { InputError } from '@backstage/errors';
import { threeTierModel } from '../__testUtils__/models';
import { hcl2jsonParser } from '../validate/parser';
import { validateTerraform } from '../validate/validateTerraform';
import type { IacModel } from '../model';
import { generateTerraform } from './generateTerraform';
import { instanceTypes } from '../__testUtils__/instanceTypes';

const PROVIDERS = ['aws', 'azure', 'gcp'] as const;
const WAVE_FILES = [
  'compute.tf',
  'network.tf',
  'outputs.tf',
  'providers.tf',
  'security.tf',
  'storage.tf',
  'variables.tf',
  'versions.tf',
];

function fileOf(model: IacModel, path: string) {
  const file = generateTerraform(model).files.find(f => f.path === path);
  if (!file) throw new Error(`no ${path}`);
  return file.content;
}

describe('generateTerraform', () => {
  it.each(PROVIDERS)('writes one folder per wave for %s', provider => {
    const bundle = generateTerraform(threeTierModel(provider));
    const paths = bundle.files.map(f => f.path);
    expect(paths).toEqual(
      [
        'README.md',
        ...WAVE_FILES.map(f => `wave-01/${f}`),
        ...WAVE_FILES.map(f => `wave-02/${f}`),
        'iac-model.json',
      ].sort(),
    );
    expect(bundle.waves.map(w => [w.folder, w.dependsOnWaves])).toEqual([
      ['wave-01', []],
      ['wave-02', [1]],
    ]);
    expect(fileOf(threeTierModel(provider), 'wave-01/versions.tf')).toContain(
      `source  = "hashicorp/${
        { aws: 'aws', azure: 'azurerm', gcp: 'google' }[provider]
      }"`,
    );
    expect(fileOf(threeTierModel(provider), 'wave-01/versions.tf')).toContain(
      'required_version = ">= 1.5.0"',
    );
  });

  it.each(PROVIDERS)(
    'is deterministic for %s, whatever the order of the model’s lists',
    provider => {
      const model = threeTierModel(provider);
      const shuffled: IacModel = {
        ...model,
        networks: model.networks.map(n => ({
          ...n,
          subnets: [...n.subnets].reverse(),
        })),
        securityGroups: [...model.securityGroups].reverse(),
        waves: [...model.waves]
          .reverse()
          .map(w => ({ ...w, instances: [...w.instances].reverse() })),
      };
      const first = generateTerraform(model).files.filter(f =>
        f.path.endsWith('.tf'),
      );
      const again = generateTerraform(structuredClone(model)).files.filter(f =>
        f.path.endsWith('.tf'),
      );
      const reordered = generateTerraform(shuffled).files.filter(f =>
        f.path.endsWith('.tf'),
      );
      expect(again).toEqual(first);
      expect(reordered).toEqual(first);
    },
  );

  it.each(PROVIDERS)(
    'produces files that parse and validate cleanly for %s',
    async provider => {
      const model = threeTierModel(provider);
      const bundle = generateTerraform(model);
      for (const file of bundle.files.filter(f => f.path.endsWith('.tf'))) {
        await expect(
          hcl2jsonParser.parse(file.path, file.content),
        ).resolves.toBeDefined();
      }
      const report = await validateTerraform(bundle.files, { instanceTypes });
      expect(report.checks.map(c => [c.id, c.status, c.findings])).toEqual(
        report.checks.map(c => [c.id, 'pass', []]),
      );
      expect(report.status).toBe('pass');
    },
  );

  it('tags every resource with owner, migration-id and wave (AWS default_tags)', async () => {
    const bundle = generateTerraform(threeTierModel('aws'));
    const parse = (path: string) =>
      hcl2jsonParser.parse(
        path,
        bundle.files.find(f => f.path === path)!.content,
      );
    for (const wave of [1, 2]) {
      const providers = await parse(`wave-0${wave}/providers.tf`);
      expect(providers.provider.aws[0].default_tags[0].tags).toEqual({
        'data-classification': 'internal',
        'managed-by': 'sirsi-nexus-migrate',
        'migration-id': 'mig-0001',
        owner: 'group:default/team-webshop',
        wave: String(wave),
      });
    }
    // Root volumes do not inherit default_tags, so they carry the tags themselves; and a tag
    // copied from the source can never override a required one.
    const model = threeTierModel('aws');
    model.waves[0].instances[0].tags = {
      owner: 'someone-else',
      'data-classification': 'public',
      team: 'dba',
    };
    const compute = await hcl2jsonParser.parse(
      'compute.tf',
      generateTerraform(model).files.find(f => f.path === 'wave-01/compute.tf')!
        .content,
    );
    const db = compute.resource.aws_instance.db_01[0];
    expect(db.tags).toEqual({
      Name: 'db-01',
      'source-entity': 'resource:default/db-01',
      team: 'dba',
    });
    expect(db.root_block_device[0].tags).toMatchObject({
      owner: 'group:default/team-webshop',
      'migration-id': 'mig-0001',
      wave: '1',
    });
    const report = await validateTerraform(bundle.files, { instanceTypes });
    expect(
      report.checks.find(c => c.id === 'policy.required-tags'),
    ).toMatchObject({
      status: 'pass',
      checked: 17,
    });
  });

  it('labels GCP resources through default_labels, sanitised', async () => {
    const bundle = generateTerraform(threeTierModel('gcp'));
    const parse = (path: string) =>
      hcl2jsonParser.parse(
        path,
        bundle.files.find(f => f.path === path)!.content,
      );
    expect(
      (await parse('wave-01/providers.tf')).provider.google[0].default_labels,
    ).toEqual({
      'data-classification': 'internal',
      'managed-by': 'sirsi-nexus-migrate',
      'migration-id': 'mig-0001',
      owner: 'group_default_team-webshop',
      wave: '1',
    });
    const compute = await parse('wave-01/compute.tf');
    expect(compute.resource.google_compute_instance.db_01[0].labels).toEqual({
      'source-entity': 'resource_default_db-01',
    });
  });

  it('creates shared networks in the first wave that uses them and looks them up later', () => {
    const model = threeTierModel('aws');
    expect(fileOf(model, 'wave-01/network.tf')).toContain(
      'resource "aws_vpc" "webshop"',
    );
    const later = fileOf(model, 'wave-02/network.tf');
    expect(later).not.toContain('resource "aws_vpc"');
    expect(later).toContain('data "aws_vpc" "webshop"');
    expect(later).toContain('"resource-key" = "net-main"');
    expect(fileOf(model, 'wave-02/compute.tf')).toContain(
      'subnet_id              = data.aws_subnet.web.id',
    );
  });

  it('derives least-privilege rules between tiers from security group references', () => {
    const aws = fileOf(threeTierModel('aws'), 'wave-01/security.tf');
    expect(aws).toMatch(
      /resource "aws_vpc_security_group_ingress_rule" "db_in_1" \{[^}]*from_port\s+= 5432[^}]*referenced_security_group_id = aws_security_group\.app\.id/,
    );
    const gcp = fileOf(threeTierModel('gcp'), 'wave-01/security.tf');
    expect(gcp).toMatch(
      /source_tags\s+= \["sg-app"\]\s+target_tags\s+= \["sg-db"\]/,
    );
    const azure = fileOf(threeTierModel('azure'), 'wave-01/security.tf');
    // Azure has no group-to-group rules: the members' subnet is the source.
    expect(azure).toMatch(
      /destination_port_range\s+= "5432"\s+source_address_prefixes\s+= \["10\.20\.1\.0\/24"\]/,
    );
  });

  it('writes imports.tf with import blocks only when source and target are the same cloud', () => {
    const model = threeTierModel('aws', {
      source: { provider: 'aws', environmentId: 'aws-prod' },
    });
    model.networks[0].sourceId = 'vpc-0abc';
    model.waves[0].instances[0].sourceId = 'i-0123456789';
    const bundle = generateTerraform(model);
    const imports = bundle.files.find(
      f => f.path === 'wave-01/imports.tf',
    )!.content;
    expect(imports).toContain(
      'import {\n  to = aws_vpc.webshop\n  id = "vpc-0abc"\n}',
    );
    expect(imports).toContain('to = aws_instance.db_01');
    expect(bundle.waves[0].importCount).toBe(2);
    expect(
      generateTerraform(threeTierModel('aws')).files.some(f =>
        f.path.endsWith('imports.tf'),
      ),
    ).toBe(false);
  });

  it('sanitises names and escapes strings taken from the source', async () => {
    const model = threeTierModel('aws');
    const vm = model.waves[1].instances[0];
    vm.key = 'Web Server "01"/${evil}';
    vm.name = 'web "01" ${jndi:ldap://x} %{ if true }';
    vm.tags = { 'cost-center': 'line1\nline2 – ünïcode 🚀', 'quote"key': '\\' };
    const bundle = generateTerraform(model);
    const compute = bundle.files.find(f => f.path === 'wave-02/compute.tf')!;
    expect(compute.content).toContain(
      'resource "aws_instance" "web_01_jndi_ldap_x_if_true"',
    );
    expect(compute.content).toContain(
      'Name            = "web \\"01\\" $${jndi:ldap://x} %%{ if true }"',
    );
    const parsed = await hcl2jsonParser.parse(compute.path, compute.content);
    const tags =
      parsed.resource.aws_instance.web_01_jndi_ldap_x_if_true[0].tags;
    expect(tags['cost-center']).toBe('line1\nline2 – ünïcode 🚀');
    expect(tags['quote"key']).toBe('\\');
    const report = await validateTerraform(bundle.files, { instanceTypes });
    expect(report.checks.find(c => c.id === 'model')).toMatchObject({
      status: 'pass',
      findings: [],
    });
    expect(report.checks.find(c => c.id === 'references')?.status).toBe('pass');
  });

  it('encrypts every disk and volume', () => {
    const aws = generateTerraform(threeTierModel('aws'))
      .files.map(f => f.content)
      .join('\n');
    expect(aws.match(/encrypted\s+= true/g)?.length).toBe(4); // 3 root volumes + 1 data volume
    expect(aws).not.toMatch(/encrypted\s+= false/);
  });

  it('refuses invalid models with an InputError naming the field', () => {
    const bad = threeTierModel('aws');
    bad.waves[1].instances[0].subnetKey = 'nope';
    expect(() => generateTerraform(bad)).toThrow(InputError);
    expect(() => generateTerraform(bad)).toThrow(
      'waves[1].instances[0].subnetKey names the unknown subnet "nope"',
    );
    const cidr = threeTierModel('aws');
    cidr.networks[0].cidrBlock = '10.0.0.0/33';
    expect(() => generateTerraform(cidr)).toThrow(
      'networks[0].cidrBlock must be a CIDR block',
    );
    const ports = threeTierModel('aws');
    ports.securityGroups[0].ingress[0] = {
      protocol: 'tcp',
      sources: ['0.0.0.0/0'],
    };
    expect(() => generateTerraform(ports)).toThrow(
      'securityGroups[0].ingress[0]',
    );
    const region = threeTierModel('aws', {
      target: { provider: 'aws', region: 'EU West"' },
    });
    expect(() => generateTerraform(region)).toThrow(
      'target.region must be a region name',
    );
    const dup = threeTierModel('aws');
    dup.waves[1].instances[1].key = 'vm-db-01';
    expect(() => generateTerraform(dup)).toThrow(
      'repeats the instance key "vm-db-01"',
    );
  });

  it('warns where Azure cannot express the model exactly', () => {
    const model = threeTierModel('azure');
    model.waves[1].instances[0].securityGroupKeys = ['sg-web', 'sg-app'];
    const { warnings } = generateTerraform(model);
    expect(warnings).toEqual([
      expect.stringContaining('Azure allows one per network interface'),
    ]);
  });
});
