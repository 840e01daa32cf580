import {
  resourcesFromIacModel,
  resourcesFromTerraformJson,
  securityChecks,
} from './securityChecks';

describe('security checks', () => {
  const plan = {
    format_version: '1.2',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_security_group.web',
            mode: 'managed',
            type: 'aws_security_group',
            name: 'web',
            values: {
              ingress: [
                {
                  from_port: 443,
                  to_port: 443,
                  protocol: 'tcp',
                  cidr_blocks: ['0.0.0.0/0'],
                },
                {
                  from_port: 22,
                  to_port: 22,
                  protocol: 'tcp',
                  cidr_blocks: ['0.0.0.0/0'],
                },
              ],
              tags: { owner: 'team-shop', 'migration-id': 'm1', wave: '1' },
            },
          },
          {
            address: 'aws_ebs_volume.data',
            mode: 'managed',
            type: 'aws_ebs_volume',
            name: 'data',
            values: {
              encrypted: false,
              size: 100,
              tags: { owner: 'team-shop' },
            },
          },
        ],
        child_modules: [
          {
            resources: [
              {
                address: 'module.db.google_compute_firewall.sql',
                mode: 'managed',
                type: 'google_compute_firewall',
                name: 'sql',
                values: {
                  direction: 'INGRESS',
                  source_ranges: ['0.0.0.0/0'],
                  allow: [{ protocol: 'tcp', ports: ['5432'] }],
                  labels: { owner: 'x', 'migration-id': 'm1', wave: '1' },
                },
              },
            ],
          },
        ],
      },
    },
  };

  it('re-runs the compliance rules on a Terraform plan', () => {
    const resources = resourcesFromTerraformJson(plan);
    expect(resources.map(r => r.address)).toEqual([
      'aws_security_group.web',
      'aws_ebs_volume.data',
      'module.db.google_compute_firewall.sql',
    ]);
    const checks = securityChecks(resources, {
      profile: 'gdpr',
      source: 'terraform plan',
    });
    const status = Object.fromEntries(checks.map(c => [c.id, c.status]));
    expect(status).toEqual({
      'security.admin-ports': 'failed',
      'security.database-ports': 'failed',
      'security.encryption-at-rest': 'failed',
      'security.required-tags': 'warning',
    });
    expect(checks[0].message).toMatch(/aws_security_group\.web \(22/);
    expect(checks[1].message).toMatch(/google_compute_firewall\.sql \(5432/);
    expect(checks[2].message).toMatch(/aws_ebs_volume\.data/);
    expect(checks[3].message).toMatch(
      /aws_ebs_volume\.data lacks migration-id, wave, data-classification/,
    );
    expect(checks.every(c => c.remediation)).toBe(true);
  });

  it('only warns under the baseline profile and passes a clean model', () => {
    const lenient = securityChecks(resourcesFromTerraformJson(plan), {
      source: 'plan',
    });
    expect(lenient.filter(c => c.status === 'failed')).toEqual([]);

    const clean = resourcesFromIacModel({
      migrationId: 'm1',
      owner: 'group:default/shop',
      source: { provider: 'inventory' },
      target: { provider: 'aws', region: 'eu-west-1' },
      networks: [],
      securityGroups: [
        {
          key: 'web',
          name: 'web',
          networkKey: 'n',
          ingress: [
            {
              protocol: 'tcp',
              fromPort: 443,
              toPort: 443,
              sources: ['0.0.0.0/0'],
            },
          ],
        },
      ],
      waves: [
        {
          number: 1,
          instances: [
            {
              key: 'w',
              name: 'web-01',
              instanceType: 't3.small',
              subnetKey: 's',
              securityGroupKeys: ['web'],
              os: { family: 'linux' },
              rootDisk: { sizeGiB: 20, storageClass: 'gp3' },
              dataDisks: [],
            },
          ],
        },
      ],
    });
    const checks = securityChecks(clean, {
      profile: 'soc2',
      source: 'iac model',
    });
    expect(checks.map(c => c.status)).toEqual([
      'passed',
      'passed',
      'passed',
      'warning',
    ]);
    expect(checks[3].message).toMatch(/lacks environment/);
  });
});
