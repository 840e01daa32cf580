/*
 * Validates the repository's software templates with the real scaffolder backend: its dry-run
 * endpoint checks the form values against each template's parameters, renders every step and
 * runs our actions (and the built-in and GitHub ones) in dry-run mode. A template that drifts from
 * an action's input schema, or names an action that does not exist, fails here.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  DefaultNamespaceEntityPolicy,
  EntityPolicies,
  FieldFormatEntityPolicy,
  NoForeignRootFieldsEntityPolicy,
  SchemaValidEntityPolicy,
} from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { templateEntityV1beta3Validator } from '@backstage/plugin-scaffolder-common';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { setupServer } from 'msw/node';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleMigration } from './module/scaffolderModuleMigration';
import { entities, migrationApiHandlers, refs } from './__testUtils__/fixtures';

const TEMPLATES = join(__dirname, '../../../templates');

function directoryContents(dir: string) {
  const files: Array<{ path: string; base64Content: string }> = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else
        files.push({
          path: relative(dir, full),
          base64Content: readFileSync(full).toString('base64'),
        });
    }
  };
  walk(dir);
  return files;
}

describe('software templates (scaffolder dry run)', () => {
  // Our backend under test listens locally: let those requests through, serve the migration API.
  const server = setupServer();
  const recorded = { requests: [] as any[] };
  beforeAll(() => server.listen({ onUnhandledFrame: 'bypass' }));
  afterAll(() => server.close());
  beforeEach(() => {
    recorded.requests = [];
    server.resetHandlers(...migrationApiHandlers(recorded));
  });

  async function backend() {
    const { server: http } = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleMigration,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://portal.example' },
            // A token is looked up even in dry runs; nothing is sent to GitHub.
            integrations: {
              github: [{ host: 'github.com', token: 'dry-run-token' }],
            },
            migration: {
              iac: { defaultTags: { 'data-classification': 'internal' } },
            },
          },
        }),
      ],
    });
    return http;
  }

  async function dryRun(templateDir: string, values: Record<string, unknown>) {
    const dir = join(TEMPLATES, templateDir);
    const template = yaml.parse(
      readFileSync(join(dir, 'template.yaml'), 'utf8'),
    );
    const response = await request(await backend())
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({ template, values, directoryContents: directoryContents(dir) });
    return { template, response };
  }

  const stepStatuses = (log: any[]) =>
    Object.fromEntries(
      log
        .filter(l => l.body?.stepId && l.body?.status)
        .map(l => [l.body.stepId, l.body.status]),
    );

  it.each(['request-a-migration', 'generate-iac'])(
    '%s passes the catalog’s entity policies and the template schema',
    async dir => {
      const entity = yaml.parse(
        readFileSync(join(TEMPLATES, dir, 'template.yaml'), 'utf8'),
      );
      const policies = EntityPolicies.allOf([
        new DefaultNamespaceEntityPolicy(),
        new NoForeignRootFieldsEntityPolicy(),
        new FieldFormatEntityPolicy(),
        new SchemaValidEntityPolicy(),
      ]);
      await expect(policies.enforce(entity)).resolves.toBeDefined();
      await expect(templateEntityV1beta3Validator.check(entity)).resolves.toBe(
        true,
      );
      // app-config.yaml registers it, allowing the Template kind for that location.
      const appConfig = yaml.parse(
        readFileSync(join(TEMPLATES, '../app-config.yaml'), 'utf8'),
      );
      expect(appConfig.catalog.locations).toContainEqual({
        type: 'file',
        target: `../../templates/${dir}/template.yaml`,
        rules: [{ allow: ['Template'] }],
      });
    },
  );

  it('Request a migration: analyze, create (dry), generate and validate Terraform, outputs', async () => {
    const { template, response } = await dryRun('request-a-migration', {
      title: 'Web shop to AWS',
      resources: refs,
      targetProvider: 'aws',
      targetRegion: 'eu-central-1',
      complianceProfile: 'gdpr',
      justification: 'Data centre exit by the end of the year',
      openPullRequest: false,
      acknowledgePolicy: true,
    });
    expect(template.metadata.name).toBe('request-a-migration');
    expect(response.status).toBe(200);
    const statuses = stepStatuses(response.body.log);
    expect(statuses).toMatchObject({
      analyze: 'completed',
      create: 'completed',
      readme: 'completed',
      iac: 'completed',
      validate: 'completed',
    });
    expect(statuses.pr).not.toBe('failed');
    // The dry run creates nothing: only the preview assessment was requested.
    expect(recorded.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /analyze',
      'POST /analyze',
    ]);
    // Pricing choices left empty in the form fall back to the platform's defaults.
    expect(recorded.requests[0].body.options).toEqual({
      complianceProfile: 'gdpr',
    });
    expect(response.body.output.links[0]).toEqual({
      title: 'Open the migration',
      icon: 'dashboard',
      url: 'http://portal.example/migrations',
    });
    expect(response.body.output.text[0].content).toContain('resources in');
    expect(response.body.output.text[1].content).toMatch(
      /validation \*\*(pass|warn)\*\*/,
    );
    const paths = response.body.directoryContents.map((f: any) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'terraform/iac-model.json',
        'terraform/iac-report.json',
      ]),
    );
    expect(
      paths.some((p: string) => /^terraform\/wave-\d+\/compute\.tf$/.test(p)),
    ).toBe(true);
    const readme = Buffer.from(
      response.body.directoryContents.find((f: any) => f.path === 'README.md')
        .base64Content,
      'base64',
    ).toString();
    expect(readme).toContain('# Web shop to AWS');
    expect(readme).toContain('Data centre exit by the end of the year');
  });

  it('Request a migration: refuses a commitment type outside the list, naming the field', async () => {
    const { response } = await dryRun('request-a-migration', {
      title: 'Web shop to AWS',
      resources: refs,
      targetProvider: 'aws',
      targetRegion: 'eu-central-1',
      complianceProfile: 'gdpr',
      justification: 'Data centre exit by the end of the year',
      commitmentType: 'spot',
      acknowledgePolicy: true,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('commitmentType');
    expect(recorded.requests).toHaveLength(0);
  });

  it('Request a migration: refuses the form without the policy acknowledgement', async () => {
    const { response } = await dryRun('request-a-migration', {
      title: 'Web shop to AWS',
      resources: refs,
      targetProvider: 'aws',
      targetRegion: 'eu-central-1',
      complianceProfile: 'gdpr',
      justification: 'Data centre exit by the end of the year',
      acknowledgePolicy: false,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain('acknowledgePolicy');
    expect(recorded.requests).toHaveLength(0);
  });

  it('Request a migration: opens a pull request (dry run) when a repository is given', async () => {
    const { response } = await dryRun('request-a-migration', {
      title: 'Web shop to Azure',
      resources: refs,
      targetProvider: 'azure',
      targetRegion: 'westeurope',
      complianceProfile: 'none',
      justification: 'Consolidate on Azure this quarter',
      commitmentTerm: '3y',
      commitmentType: 'savings-plan',
      hybridBenefit: true,
      comfortFactor: 1.5,
      openPullRequest: true,
      repoUrl: 'github.com?owner=acme&repo=infrastructure',
      acknowledgePolicy: true,
    });
    expect(response.status).toBe(200);
    expect(recorded.requests[0].body.options).toEqual({
      complianceProfile: 'none',
      comfortFactor: 1.5,
      commitmentTerm: '3y',
      commitmentType: 'savings-plan',
      hybridBenefit: true,
    });
    expect(stepStatuses(response.body.log)).toMatchObject({
      pr: 'completed',
      validate: 'completed',
    });
    expect(response.body.output.links.map((l: any) => l.title)).toContain(
      'Pull request with the Terraform',
    );
  });

  it('Generate IaC for resources: the Terraform-only flow', async () => {
    const { template, response } = await dryRun('generate-iac', {
      resources: refs,
      targetProvider: 'gcp',
      targetRegion: 'europe-west1',
      complianceProfile: 'none',
      allowWarnings: true,
      openPullRequest: false,
    });
    expect(template.metadata.name).toBe('generate-iac-for-resources');
    expect(response.status).toBe(200);
    expect(stepStatuses(response.body.log)).toMatchObject({
      analyze: 'completed',
      iac: 'completed',
      validate: 'completed',
    });
    const providers = response.body.directoryContents.find((f: any) =>
      /^terraform\/wave-\d+\/providers\.tf$/.test(f.path),
    );
    expect(Buffer.from(providers.base64Content, 'base64').toString()).toContain(
      'provider "google"',
    );
  });
});
