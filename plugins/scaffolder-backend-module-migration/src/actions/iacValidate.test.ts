import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  generateTerraform,
  writeBundleFiles,
  type IacModel,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createIacValidateAction } from './iacValidate';

function model(overrides: Partial<IacModel> = {}): IacModel {
  return {
    migrationId: 'mig-5',
    owner: 'group:default/team-webshop',
    source: { provider: 'inventory' },
    target: { provider: 'aws', region: 'eu-west-1' },
    complianceProfile: 'soc2',
    tags: { environment: 'production' },
    networks: [
      {
        key: 'net',
        name: 'net',
        cidrBlock: '10.0.0.0/16',
        subnets: [{ key: 'sub', name: 'sub', cidrBlock: '10.0.1.0/24' }],
      },
    ],
    securityGroups: [
      {
        key: 'sg',
        name: 'web',
        networkKey: 'net',
        ingress: [{ protocol: 'tcp', fromPort: 443, sources: ['10.0.0.0/8'] }],
      },
    ],
    waves: [
      {
        number: 1,
        instances: [
          {
            key: 'vm',
            name: 'web-01',
            instanceType: 't3.medium',
            subnetKey: 'sub',
            securityGroupKeys: ['sg'],
            os: { family: 'linux' },
            rootDisk: { sizeGiB: 20, storageClass: 'gp3' },
            dataDisks: [],
          },
        ],
      },
    ],
    ...overrides,
  };
}

describe('migration:iac:validate', () => {
  const mockDir = createMockDirectory();
  beforeEach(() => mockDir.clear());
  const action = createIacValidateAction({
    config: mockServices.rootConfig({ data: {} }),
  });

  it('passes generated Terraform, outputs the report and writes iac-report.json', async () => {
    await writeBundleFiles(
      mockDir.path,
      'terraform',
      generateTerraform(model()).files,
    );
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: { path: 'terraform', allowWarnings: false },
    });
    await action.handler(ctx as any);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toMatchObject({
      status: 'pass',
      summary: { files: 8, waves: 1, fail: 0, warn: 0 },
      findings: [],
      terraformRan: false,
    });
    const written = JSON.parse(
      readFileSync(join(mockDir.path, 'terraform/iac-report.json'), 'utf8'),
    );
    expect(written.checks.map((c: any) => c.id)).toEqual(
      outputs.report.checks.map((c: any) => c.id),
    );
  });

  it('fails the step on a policy failure, naming file and line', async () => {
    const bad = model();
    bad.securityGroups[0].ingress.push({
      protocol: 'tcp',
      fromPort: 22,
      sources: ['0.0.0.0/0'],
    });
    await writeBundleFiles(
      mockDir.path,
      'terraform',
      generateTerraform(bad).files,
    );
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: { path: 'terraform', allowWarnings: true },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /^Terraform validation failed: 1 failed and 0 warning check\(s\)\. FAIL policy\.no-public-admin-ports: wave-01\/security\.tf:\d+ aws_vpc_security_group_ingress_rule\.web_in_2 opens SSH \(22\) to 0\.0\.0\.0\/0/,
    );
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls).status,
    ).toBe('fail');
  });

  it('fails on warnings unless allowWarnings is set', async () => {
    const warned = model();
    warned.securityGroups[0].ingress.push({
      protocol: 'tcp',
      fromPort: 8443,
      sources: ['0.0.0.0/0'],
    });
    await writeBundleFiles(
      mockDir.path,
      'terraform',
      generateTerraform(warned).files,
    );
    const strict = createMockActionContext({
      workspacePath: mockDir.path,
      input: { path: 'terraform', allowWarnings: false },
    });
    await expect(action.handler(strict as any)).rejects.toThrow(
      /has warnings.*set allowWarnings/,
    );
    const lenient = createMockActionContext({
      workspacePath: mockDir.path,
      input: { path: 'terraform', allowWarnings: true },
    });
    await action.handler(lenient as any);
    expect(
      Object.fromEntries((lenient.output as jest.Mock).mock.calls).status,
    ).toBe('warn');
  });

  it('runs the configured command and streams its output to the task log', async () => {
    const command = join(mockDir.path, 'tofu');
    await writeBundleFiles(
      mockDir.path,
      'terraform',
      generateTerraform(model()).files,
    );
    writeFileSync(command, '#!/bin/sh\necho "tofu $1 done"\n');
    chmodSync(command, 0o755);
    const logger = mockServices.logger.mock();
    const withCommand = createIacValidateAction({
      config: mockServices.rootConfig({
        data: { migration: { iac: { terraformCommand: command } } },
      }),
    });
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      logger,
      input: { path: 'terraform', allowWarnings: false },
    });
    await withCommand.handler(ctx as any);
    expect(logger.info).toHaveBeenCalledWith(`${command}: tofu plan done`);
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls).terraformRan,
    ).toBe(true);
  });

  it('refuses folders outside the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: { path: '../..', allowWarnings: false },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /outside its parent/,
    );
  });
});
