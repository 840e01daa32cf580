import {
  createMockDirectory,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  generateTerraform,
  writeBundleFiles,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { setupServer } from 'msw/node';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationApiClient } from '../client/MigrationApiClient';
import {
  migrationApiHandlers,
  statusWithBuildApproval,
} from '../__testUtils__/fixtures';
import { createIacApplyAction } from './iacApply';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('migration:iac:apply', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const mockDir = createMockDirectory();
  const recorded = { requests: [] as any[], statuses: new Map() };
  let command: string;
  let log: string;

  beforeEach(async () => {
    mockDir.clear();
    recorded.requests = [];
    recorded.statuses = new Map([
      ['mig-approved', statusWithBuildApproval('mig-approved', 'approved')],
      ['mig-pending', statusWithBuildApproval('mig-pending', 'pending')],
      ['mig-none', statusWithBuildApproval('mig-none')],
    ]);
    server.use(...migrationApiHandlers(recorded));
    // terraform/tofu are not installed here: a stand-in that logs its calls, prints the key it
    // was given (to prove redaction) and reports changes from plan (exit 2).
    command = join(mockDir.path, 'tofu');
    log = join(mockDir.path, 'calls.log');
    writeFileSync(
      command,
      `#!/bin/sh\necho "$(basename $(pwd)) $*" >> "${log}"\necho "using key $AWS_SECRET_ACCESS_KEY"\nif [ "$1" = plan ]; then exit 2; fi\nexit 0\n`,
    );
    chmodSync(command, 0o755);
    const bundle = generateTerraform({
      migrationId: 'mig-approved',
      owner: 'group:default/a',
      source: { provider: 'inventory' },
      target: { provider: 'aws', region: 'eu-west-1' },
      networks: [
        {
          key: 'n',
          name: 'n',
          cidrBlock: '10.0.0.0/16',
          subnets: [{ key: 's', name: 's', cidrBlock: '10.0.1.0/24' }],
        },
      ],
      securityGroups: [],
      waves: [
        { number: 1, instances: [] },
        { number: 2, instances: [] },
      ],
    });
    await writeBundleFiles(join(mockDir.path, 'ws'), 'terraform', bundle.files);
  });

  const client = new MigrationApiClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });
  const configured = () =>
    createIacApplyAction({
      client,
      config: mockServices.rootConfig({
        data: { migration: { iac: { terraformCommand: command } } },
      }),
    });
  const context = (migrationId: string, extra: object = {}) => {
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({
      workspacePath: join(mockDir.path, 'ws'),
      logger,
      secrets: { awsSecretAccessKey: SECRET },
      input: {
        migrationId,
        path: 'terraform',
        planOnly: false,
        env: { AWS_SECRET_ACCESS_KEY: SECRET },
        ...extra,
      },
    });
    return { ctx, logger };
  };

  it('plans and applies wave by wave once the build phase is approved, never leaking the key', async () => {
    const { ctx, logger } = context('mig-approved');
    await configured().handler(ctx as any);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
      'wave-01 init -input=false -no-color',
      'wave-01 plan -input=false -no-color -lock=false -detailed-exitcode -out=sirsi.tfplan',
      'wave-01 apply -input=false -no-color -auto-approve sirsi.tfplan',
      'wave-02 init -input=false -no-color',
      'wave-02 plan -input=false -no-color -lock=false -detailed-exitcode -out=sirsi.tfplan',
      'wave-02 apply -input=false -no-color -auto-approve sirsi.tfplan',
    ]);
    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toEqual({
      mode: 'apply',
      waves: [
        { folder: 'wave-01', changes: true, applied: true },
        { folder: 'wave-02', changes: true, applied: true },
      ],
    });
    const logged = JSON.stringify([
      logger.info.mock.calls,
      logger.warn.mock.calls,
      logger.error.mock.calls,
    ]);
    expect(logged).toContain('using key ***');
    expect(logged).not.toContain(SECRET);
    expect(JSON.stringify(outputs)).not.toContain(SECRET);
  });

  it('only plans in a dry run', async () => {
    const { ctx } = context('mig-approved');
    await configured().handler({ ...ctx, isDryRun: true } as any);
    expect(readFileSync(log, 'utf8')).not.toContain(' apply ');
    expect(Object.fromEntries((ctx.output as jest.Mock).mock.calls).mode).toBe(
      'plan',
    );
  });

  it.each([
    ['mig-pending', 'is not recorded (pending)'],
    ['mig-none', 'is not recorded (no approval requested yet)'],
  ])('refuses %s whose build approval %s', async (migrationId, message) => {
    const { ctx } = context(migrationId);
    await expect(configured().handler(ctx as any)).rejects.toThrow(
      `The build approval of migration ${migrationId} ${message}; apply waits for it`,
    );
    expect(() => readFileSync(log)).toThrow();
  });

  it('refuses when no terraform command is configured', async () => {
    const { ctx } = context('mig-approved');
    const action = createIacApplyAction({
      client,
      config: mockServices.rootConfig({ data: {} }),
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'migration.iac.terraformCommand is not configured',
    );
    expect(recorded.requests).toHaveLength(0);
  });

  it('does not apply a wave twice when the step is retried', async () => {
    const checkpoints = new Map<string, unknown>();
    const withCheckpoints = () => {
      const { ctx } = context('mig-approved');
      return {
        ...ctx,
        async checkpoint({
          key,
          fn,
        }: {
          key: string;
          fn: () => Promise<unknown>;
        }) {
          if (checkpoints.has(key)) return checkpoints.get(key);
          const value = await fn();
          checkpoints.set(key, value);
          return value;
        },
      };
    };
    await configured().handler(withCheckpoints() as any);
    await configured().handler(withCheckpoints() as any);
    expect(readFileSync(log, 'utf8').match(/ apply /g)).toHaveLength(2);
  });
});
