import { mockCredentials } from '@backstage/backend-test-utils';
import { NotAllowedError } from '@backstage/errors';
import { PermanentTaskError } from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import {
  alice,
  countingExecutors,
  createRequest,
  waitForStatus,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { setUpActions } from './__testUtils__/actionsHarness';

describe('migration:explain-failure', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;
  const credentials = mockCredentials.user('user:default/agent-user');

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  it('names the failing task, its scrubbed error, the checks remediation and the next steps', async () => {
    const { executors } = countingExecutors({
      validate: {
        async run(ctx) {
          await ctx.artifacts.put('validation.json', {
            ranAt: '2026-12-06T12:00:00Z',
            status: 'failed',
            checks: [
              {
                id: 'http-web-01',
                name: 'web-01 answers HTTP',
                status: 'failed',
                message: 'connection refused',
                remediation: 'Allow 443 in the security group of web-01',
              },
              {
                id: 'tls',
                name: 'TLS',
                status: 'passed',
                remediation: 'never shown: the check passed',
              },
            ],
          });
          throw new PermanentTaskError(
            'validation failed: 1 check; client_secret=abc123xyz',
          );
        },
      },
    });
    const { registry, engine } = setUpActions({
      knex,
      allowed: ['migration.read'],
      executors,
    });
    const { migration } = await engine.service.create(createRequest(), alice);
    await engine.engine.start();
    await waitForStatus(engine.store, migration.id, 'failed');

    const { output } = await registry.invoke({
      id: 'test:explain-failure',
      credentials,
      input: { migrationId: migration.id },
    });
    expect(output).toMatchObject({
      migrationId: migration.id,
      status: 'failed',
      failed: true,
      phase: 'validate',
      failedTasks: [
        {
          key: 'validate.work',
          title: 'Work of validate',
          taskType: 'test.validate',
          error: 'validation failed: 1 check; client_secret=[redacted]',
        },
      ],
      remediations: [
        {
          source: 'validation.json',
          check: 'web-01 answers HTTP',
          status: 'failed',
          message: 'connection refused',
          remediation: 'Allow 443 in the security group of web-01',
        },
      ],
    });
    const steps = (output as any).nextSteps.join('\n');
    expect(steps).toMatch(/retry task "Work of validate"/);
    expect(steps).toMatch(/roll it back/);
    expect(JSON.stringify(output)).not.toContain('abc123xyz');

    // An earlier phase that did not fail: nothing to explain.
    const plan = await registry.invoke({
      id: 'test:explain-failure',
      credentials,
      input: { migrationId: migration.id, phase: 'plan' },
    });
    expect(plan.output).toMatchObject({
      phase: 'plan',
      failedTasks: [],
      remediations: [],
    });
    await engine.stop();
  });

  it('refuses a caller without migration.read on the migration', async () => {
    const { registry } = setUpActions({ knex, allowed: [] });
    await expect(
      registry.invoke({
        id: 'test:explain-failure',
        credentials,
        input: { migrationId: 'any' },
      }),
    ).rejects.toBeInstanceOf(NotAllowedError);
  });
});
