import type { IacReport } from '@sirsi-nexus/plugin-migration-common';
import { threeTierModel } from '../__testUtils__/models';
import {
  generateTerraform,
  type BundleFile,
} from '../generator/generateTerraform';
import type { IacModel } from '../model';
import { validateTerraform } from './validateTerraform';
import { instanceTypes } from '../__testUtils__/instanceTypes';

function check(report: IacReport, id: string) {
  const found = report.checks.find(c => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

function lineOf(files: BundleFile[], path: string, needle: string): number {
  const lines = files.find(f => f.path === path)!.content.split('\n');
  const index = lines.findIndex(l => l.includes(needle));
  if (index < 0) throw new Error(`${needle} not in ${path}`);
  return index + 1;
}

function edit(
  files: BundleFile[],
  path: string,
  from: string | RegExp,
  to: string,
) {
  return files.map(f => {
    if (f.path !== path) return f;
    const content = f.content.replace(from, to);
    if (content === f.content)
      throw new Error(`edit of ${path} changed nothing`);
    return { ...f, content };
  });
}

describe('validateTerraform', () => {
  it('fails SSH open to the internet, naming the file and line (model and files agree)', async () => {
    const model = threeTierModel('aws');
    model.securityGroups[0].ingress[1].sources = ['0.0.0.0/0'];
    const { files } = generateTerraform(model);
    const report = await validateTerraform(files, { instanceTypes });
    expect(report.status).toBe('fail');
    expect(check(report, 'model').status).toBe('pass');
    expect(check(report, 'policy.no-public-admin-ports')).toMatchObject({
      status: 'fail',
      findings: [
        {
          status: 'fail',
          file: 'wave-01/security.tf',
          line:
            lineOf(
              files,
              'wave-01/security.tf',
              'resource "aws_vpc_security_group_ingress_rule" "web_in_2"',
            ) + 5,
          address: 'aws_vpc_security_group_ingress_rule.web_in_2',
          message:
            'aws_vpc_security_group_ingress_rule.web_in_2 opens SSH (22) to 0.0.0.0/0',
        },
      ],
    });
  });

  it.each([
    ['azure', 3389, 'RDP (3389)'],
    ['gcp', 5432, 'PostgreSQL (5432)'],
  ] as const)(
    'fails %s rules opening port %s to the internet',
    async (provider, port, name) => {
      const model = threeTierModel(provider);
      model.securityGroups[2].ingress.push({
        protocol: 'tcp',
        fromPort: port,
        sources: ['0.0.0.0/0'],
      });
      const report = await validateTerraform(generateTerraform(model).files, {
        instanceTypes,
      });
      const findings = check(report, 'policy.no-public-admin-ports').findings;
      expect(findings).toEqual([
        expect.objectContaining({
          status: 'fail',
          file: 'wave-01/security.tf',
          message: expect.stringContaining(name),
        }),
      ]);
      expect(findings[0].line).toBeGreaterThan(1);
    },
  );

  it('warns about non-web ports facing the internet, and accepts 443', async () => {
    const model = threeTierModel('aws');
    model.securityGroups[0].ingress.push({
      protocol: 'tcp',
      fromPort: 8443,
      sources: ['0.0.0.0/0'],
    });
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(check(report, 'policy.no-public-admin-ports')).toMatchObject({
      status: 'warn',
      findings: [
        {
          status: 'warn',
          message: expect.stringContaining('opens port 8443 to 0.0.0.0/0'),
        },
      ],
    });
  });

  it('fails a port range that hides a database port', async () => {
    const model = threeTierModel('aws');
    model.securityGroups[0].ingress.push({
      protocol: 'tcp',
      fromPort: 1000,
      toPort: 2000,
      sources: ['::/0'],
    });
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(
      check(report, 'policy.no-public-admin-ports').findings[0].message,
    ).toContain('SQL Server (1433), Oracle (1521) to ::/0');
  });

  it('fails unencrypted volumes and reports the edit as drift from the model', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const edited = edit(
      files,
      'wave-01/storage.tf',
      /encrypted {9}= true/,
      'encrypted         = false',
    );
    const report = await validateTerraform(edited, { instanceTypes });
    expect(check(report, 'policy.encryption-at-rest').findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        file: 'wave-01/storage.tf',
        line: lineOf(edited, 'wave-01/storage.tf', 'encrypted         = false'),
        address: 'aws_ebs_volume.db_01_data',
      }),
    ]);
    expect(check(report, 'model').findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        message:
          'aws_ebs_volume.db_01_data: encrypted is false, the model says true',
      }),
    ]);
  });

  it('fails resources missing required tags', async () => {
    const { files } = generateTerraform(threeTierModel('azure'));
    const edited = edit(
      files,
      'wave-01/network.tf',
      /\n {4}wave +=  ?"1"\n/,
      '\n',
    );
    const report = await validateTerraform(edited, { instanceTypes });
    const findings = check(report, 'policy.required-tags').findings;
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      status: 'fail',
      file: 'wave-01/network.tf',
      message: 'azurerm_resource_group.migration lacks the tags wave',
    });
  });

  it('fails AWS resources when default_tags are gone, and warns about profile tags', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const edited = edit(
      files,
      'wave-02/providers.tf',
      /\n\n {2}default_tags \{[\s\S]*?\n {2}\}\n/,
      '\n',
    );
    const report = await validateTerraform(edited, { instanceTypes });
    const findings = check(report, 'policy.required-tags').findings.filter(
      f => f.status === 'fail',
    );
    expect(findings.map(f => f.address)).toEqual([
      'aws_instance.app_01',
      'aws_instance.web_01',
    ]);
    expect(findings[0]).toMatchObject({
      status: 'fail',
      file: 'wave-02/compute.tf',
      message: 'aws_instance.app_01 lacks the tags owner, migration-id, wave',
    });

    const untagged = threeTierModel('aws');
    delete untagged.tags;
    const gdpr = await validateTerraform(generateTerraform(untagged).files, {
      instanceTypes,
    });
    expect(check(gdpr, 'policy.required-tags')).toMatchObject({
      status: 'warn',
      findings: expect.arrayContaining([
        expect.objectContaining({
          status: 'warn',
          message:
            'aws_vpc.webshop lacks the tags data-classification that GDPR asks for',
        }),
      ]),
    });
  });

  it('fails a GDPR migration whose target region is outside the EU', async () => {
    const model = threeTierModel('aws', {
      target: { provider: 'aws', region: 'us-east-1' },
    });
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(check(report, 'policy.region-residency').findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        file: 'wave-01/providers.tf',
        message: expect.stringContaining('us-east-1'),
      }),
      expect.objectContaining({ status: 'fail', file: 'wave-02/providers.tf' }),
    ]);
    const allowed = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
      allowedRegions: ['us-east-1'],
    });
    expect(check(allowed, 'policy.region-residency').status).toBe('pass');
    const soc2 = await validateTerraform(
      generateTerraform({ ...model, complianceProfile: 'soc2' }).files,
      { instanceTypes },
    );
    expect(check(soc2, 'policy.region-residency').status).toBe('pass');
  });

  it('fails instance types that are not in the catalog', async () => {
    const model = threeTierModel('gcp');
    model.waves[0].instances[0].instanceType = 'n9-imaginary-2';
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(check(report, 'policy.instance-types').findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        file: 'wave-01/compute.tf',
        line: 6,
        message: expect.stringContaining(
          'n9-imaginary-2, which is not in the gcp instance catalog',
        ),
      }),
    ]);
  });

  it('reports syntax errors with file and line from the HCL parser', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const broken = edit(
      files,
      'wave-02/outputs.tf',
      'app_01 = aws_instance.app_01.private_ip',
      'app_01 = ',
    );
    const report = await validateTerraform(broken, { instanceTypes });
    expect(check(report, 'parse')).toMatchObject({
      status: 'fail',
      findings: [
        expect.objectContaining({
          file: 'wave-02/outputs.tf',
          line: lineOf(broken, 'wave-02/outputs.tf', 'app_01 = '),
        }),
      ],
    });
    expect(check(report, 'parse').findings[0].message).toMatch(
      /^wave-02\/outputs\.tf:\d+:\d+: Invalid expression/,
    );
    expect(report.terraform).toMatchObject({ ran: false });
  });

  it('fails references that resolve to nothing', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const edited = edit(
      files,
      'wave-02/compute.tf',
      /data\.aws_subnet\.web\.id/g,
      'aws_subnet.web.id',
    );
    const report = await validateTerraform(edited, { instanceTypes });
    expect(check(report, 'references').findings).toEqual([
      expect.objectContaining({
        status: 'fail',
        file: 'wave-02/compute.tf',
        line: lineOf(
          edited,
          'wave-02/compute.tf',
          'subnet_id              = aws_subnet.web.id',
        ),
        message:
          'aws_instance.app_01 refers to aws_subnet.web, which is not declared in wave-02',
      }),
      expect.objectContaining({ address: 'aws_instance.web_01' }),
    ]);
  });

  it('reports blocks added or removed by hand', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const edited = edit(
      files,
      'wave-02/outputs.tf',
      /\n$/,
      '\n\noutput "extra" {\n  value = 1\n}\n',
    ).filter(f => f.path !== 'wave-01/storage.tf');
    const report = await validateTerraform(edited, { instanceTypes });
    expect(check(report, 'model').findings.map(f => f.message)).toEqual([
      'wave-01/storage.tf is missing',
      'output.extra in wave-02/outputs.tf is not part of the model',
    ]);
  });

  it('says so when there is no model to compare with', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const report = await validateTerraform(
      files.filter(f => f.path !== 'iac-model.json'),
      { instanceTypes },
    );
    expect(check(report, 'model')).toMatchObject({
      status: 'warn',
      findings: [
        {
          message:
            'No iac-model.json: the files were not compared with a model',
        },
      ],
    });
    const bad = files.map(f =>
      f.path === 'iac-model.json' ? { ...f, content: '{"migrationId": 1}' } : f,
    );
    expect(
      check(await validateTerraform(bad, { instanceTypes }), 'model').status,
    ).toBe('fail');
  });

  it('warns HIPAA migrations about platform-managed keys', async () => {
    const model: IacModel = {
      ...threeTierModel('azure'),
      complianceProfile: 'hipaa',
    };
    const report = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(check(report, 'policy.encryption-at-rest').status).toBe('warn');
    model.waves.forEach(w =>
      w.instances.forEach(i => {
        i.rootDisk.kmsKeyId =
          '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des';
        i.dataDisks.forEach(d => (d.kmsKeyId = i.rootDisk.kmsKeyId));
      }),
    );
    const withKeys = await validateTerraform(generateTerraform(model).files, {
      instanceTypes,
    });
    expect(check(withKeys, 'policy.encryption-at-rest').status).toBe('pass');
  });

  it('summarises files, waves and the missing terraform command', async () => {
    const { files } = generateTerraform(threeTierModel('aws'));
    const report = await validateTerraform(files, {
      instanceTypes,
      now: () => new Date('2025-01-01T00:00:00Z'),
    });
    expect(report).toMatchObject({
      version: 1,
      generatedAt: '2025-01-01T00:00:00.000Z',
      migrationId: 'mig-0001',
      target: { provider: 'aws', region: 'eu-west-1' },
      status: 'pass',
      summary: {
        files: 16,
        waves: 2,
        resources: 18,
        imports: 0,
        fail: 0,
        warn: 0,
      },
      terraform: {
        ran: false,
        reason: expect.stringContaining(
          'migration.iac.terraformCommand is not configured',
        ),
      },
    });
    expect(report.files).toHaveLength(files.length);
    expect(report.files[0]).toEqual({
      path: 'README.md',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      bytes: expect.any(Number),
    });
  });
});
