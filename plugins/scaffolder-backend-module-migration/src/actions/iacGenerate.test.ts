import {
  createMockDirectory,
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  generateTerraform,
  validateTerraform,
  zipBundle,
} from '@sirsi-nexus/plugin-migration-iac-node';
import { setupServer } from 'msw/node';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MigrationApiClient } from '../client/MigrationApiClient';
import {
  entities,
  migrationApiHandlers,
  refs,
} from '../__testUtils__/fixtures';
import { createIacGenerateAction } from './iacGenerate';
import { createShippedInstanceTypeCatalog } from '@sirsi-nexus/plugin-migration-assessment-node';

const instanceTypes = createShippedInstanceTypeCatalog();

describe('migration:iac:generate', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const recorded = {
    requests: [] as any[],
    artifacts: new Map<string, Buffer>(),
  };
  beforeEach(() => {
    recorded.requests = [];
    recorded.artifacts = new Map();
    server.use(...migrationApiHandlers(recorded));
  });
  const client = new MigrationApiClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });
  const action = createIacGenerateAction({
    client,
    catalog: catalogServiceMock({ entities }),
    config: mockServices.rootConfig({
      data: {
        migration: {
          iac: { defaultTags: { 'data-classification': 'internal' } },
        },
      },
    }),
    pollIntervalMs: 20,
  });
  const mockDir = createMockDirectory();
  beforeEach(() => mockDir.clear());

  it('generates valid Terraform for entity refs and a target into the workspace', async () => {
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: {
        migrationId: 'mig-9',
        entityRefs: refs,
        targetProvider: 'aws',
        targetRegion: 'eu-west-1',
        complianceProfile: 'gdpr',
        targetPath: 'infra/terraform',
        waitForBundleSeconds: 0,
      },
    });
    await action.handler(ctx as any);
    const folder = join(mockDir.path, 'infra/terraform');
    // The database moves to a managed service (the assessment's strategy), so its wave is empty.
    expect(readdirSync(folder).sort()).toEqual([
      'README.md',
      'iac-model.json',
      'wave-02',
      'wave-03',
    ]);
    const compute = readFileSync(join(folder, 'wave-02/compute.tf'), 'utf8');
    expect(compute).toContain('resource "aws_instance" "shop_app_01"');
    const security = readFileSync(join(folder, 'wave-02/security.tf'), 'utf8');
    // The app tier admits the web tier on the port the dependency data names, nothing else.
    expect(security).toMatch(
      /from_port\s+= 8080\s+to_port\s+= 8080\s+referenced_security_group_id = aws_security_group\.shop_web_01\.id/,
    );
    const model = JSON.parse(
      readFileSync(join(folder, 'iac-model.json'), 'utf8'),
    );
    expect(model).toMatchObject({
      migrationId: 'mig-9',
      owner: 'user:default/mock',
    });
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    ).toMatchObject({
      path: 'infra/terraform',
      waves: 2,
      source: 'generated',
      warnings: expect.arrayContaining([
        expect.stringMatching(/^Not generated: shop-db-01 \(moves to /),
      ]),
    });
    const files = readdirSync(folder, { recursive: true }) as string[];
    const report = await validateTerraform(
      files
        .filter(f => f.endsWith('.tf') || f === 'iac-model.json')
        .map(f => ({
          path: f,
          content: readFileSync(join(folder, f), 'utf8'),
        })),
      { instanceTypes },
    );
    expect(report.checks.filter(c => c.status !== 'pass')).toEqual([]);
  });

  it("writes a migration's own bundle, waiting for its test phase", async () => {
    const { files } = generateTerraform({
      migrationId: 'mig-3',
      owner: 'group:default/a',
      source: { provider: 'inventory' },
      target: {
        provider: 'gcp',
        region: 'europe-west1',
        project: 'shop-prod-1',
      },
      networks: [
        {
          key: 'n',
          name: 'n',
          cidrBlock: '10.0.0.0/16',
          subnets: [{ key: 's', name: 's', cidrBlock: '10.0.1.0/24' }],
        },
      ],
      securityGroups: [],
      waves: [{ number: 1, instances: [] }],
    });
    const zip = await zipBundle(files);
    let polls = 0;
    server.use(
      ...migrationApiHandlers({
        requests: recorded.requests,
        get artifacts() {
          polls++;
          return polls >= 3
            ? new Map([['mig-3/iac-bundle.zip', zip]])
            : new Map();
        },
      } as any),
    );
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: {
        migrationId: 'mig-3',
        targetPath: 'terraform',
        waitForBundleSeconds: 5,
      },
    });
    await action.handler(ctx as any);
    expect(polls).toBe(3);
    expect(
      readFileSync(join(mockDir.path, 'terraform/wave-01/network.tf'), 'utf8'),
    ).toBe(files.find(f => f.path === 'wave-01/network.tf')!.content);
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls).source,
    ).toBe('migration-bundle');
  });

  it('says when the migration has no bundle yet', async () => {
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: {
        migrationId: 'mig-4',
        targetPath: 'terraform',
        waitForBundleSeconds: 0,
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'Migration mig-4 has no iac-bundle.zip yet: its test phase has not run',
    );
  });

  it.each(['../outside', '/etc/terraform', 'a/../../outside'])(
    'refuses the target path %s, writing nothing',
    async targetPath => {
      const workspace = join(mockDir.path, 'workspace');
      mkdirSync(workspace, { recursive: true });
      const ctx = createMockActionContext({
        workspacePath: workspace,
        input: {
          entityRefs: refs,
          targetProvider: 'aws',
          targetRegion: 'eu-west-1',
          targetPath,
          waitForBundleSeconds: 0,
        },
      });
      await expect(action.handler(ctx as any)).rejects.toThrow(NotAllowedError);
      expect(readdirSync(mockDir.path)).toEqual(['workspace']);
      expect(readdirSync(workspace)).toEqual([]);
    },
  );

  it('refuses a symlink in the workspace that leads outside it', async () => {
    const workspace = join(mockDir.path, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    symlinkSync(outside, join(workspace, 'terraform'));
    const ctx = createMockActionContext({
      workspacePath: workspace,
      input: {
        entityRefs: refs,
        targetProvider: 'aws',
        targetRegion: 'eu-west-1',
        targetPath: 'terraform',
        waitForBundleSeconds: 0,
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(NotAllowedError);
    expect(readdirSync(outside)).toEqual([]);
    expect(existsSync(join(outside, 'wave-01'))).toBe(false);
  });

  it('needs either a migration or a whole selection', async () => {
    const ctx = createMockActionContext({
      workspacePath: mockDir.path,
      input: {
        entityRefs: refs,
        targetPath: 'terraform',
        waitForBundleSeconds: 0,
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'entityRefs, targetProvider and targetRegion go together',
    );
  });
});
