import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import type { JsonValue } from '@backstage/types';
import { setupServer } from 'msw/node';
import { MigrationApiClient } from '../client/MigrationApiClient';
import {
  entities,
  migrationApiHandlers,
  refs,
} from '../__testUtils__/fixtures';
import { createCreateMigrationAction } from './create';

describe('migration:create', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const recorded = { requests: [] as any[], migrations: new Map() };
  beforeEach(() => {
    recorded.requests = [];
    recorded.migrations = new Map();
    server.use(...migrationApiHandlers(recorded));
  });
  const client = new MigrationApiClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });
  const action = createCreateMigrationAction({
    client,
    catalog: catalogServiceMock({ entities }),
    config: mockServices.rootConfig({
      data: { app: { baseUrl: 'http://portal.example' } },
    }),
  });
  const input = {
    title: 'Move the web shop',
    entityRefs: refs,
    targetProvider: 'aws',
    targetRegion: 'eu-west-1',
    complianceProfile: 'gdpr',
    maintenanceWindowStart: '2026-12-05T22:00:00Z',
    maintenanceWindowEnd: '2026-12-06T06:00:00Z',
    justification: 'Data centre exit',
    policyAcknowledged: true,
  };

  /** A context whose checkpoints persist like the scaffolder's across a retried step. */
  function contextWithCheckpoints(checkpoints: Map<string, JsonValue>) {
    const ctx = createMockActionContext({
      input,
      task: { id: 'task-42' } as any,
    });
    return {
      ...ctx,
      async checkpoint<T>({
        key,
        fn,
      }: {
        key: string;
        fn: () => Promise<T> | T;
      }) {
        if (checkpoints.has(key)) return checkpoints.get(key) as T;
        const value = await fn();
        checkpoints.set(key, JSON.parse(JSON.stringify(value)));
        return value;
      },
    };
  }

  it('creates the migration with the environment of the selection and outputs its id and page', async () => {
    const ctx = contextWithCheckpoints(new Map());
    await action.handler(ctx as any);
    expect(recorded.requests).toHaveLength(1);
    expect(recorded.requests[0].body).toEqual({
      title: 'Move the web shop',
      sourceEnvironmentId: 'dc1',
      target: { provider: 'aws', region: 'eu-west-1' },
      entityRefs: refs,
      options: {
        complianceProfile: 'gdpr',
        maintenanceWindows: [
          '2026-12-05T22:00:00.000Z/2026-12-06T06:00:00.000Z',
        ],
        justification: 'Data centre exit',
      },
      policyAcknowledged: true,
      idempotencyKey: 'scaffolder:task-42:mock-step-id',
    });
    expect(Object.fromEntries((ctx.output as jest.Mock).mock.calls)).toEqual({
      migrationId: 'mig-1',
      url: 'http://portal.example/migrations/mig-1',
      status: 'running',
      created: true,
    });
  });

  it('is idempotent on retry: the checkpoint, and the idempotency key if the checkpoint was lost', async () => {
    const checkpoints = new Map<string, JsonValue>();
    await action.handler(contextWithCheckpoints(checkpoints) as any);
    const retry = contextWithCheckpoints(checkpoints);
    await action.handler(retry as any);
    expect(recorded.requests).toHaveLength(1);
    expect(
      Object.fromEntries((retry.output as jest.Mock).mock.calls).migrationId,
    ).toBe('mig-1');

    const lost = contextWithCheckpoints(new Map());
    await action.handler(lost as any);
    expect(recorded.requests).toHaveLength(2);
    expect(recorded.migrations.size).toBe(1);
    expect(
      Object.fromEntries((lost.output as jest.Mock).mock.calls),
    ).toMatchObject({
      migrationId: 'mig-1',
      created: false,
    });
  });

  it('creates nothing in a dry run', async () => {
    const ctx = { ...contextWithCheckpoints(new Map()), isDryRun: true };
    await action.handler(ctx as any);
    expect(recorded.requests).toHaveLength(0);
    expect(
      Object.fromEntries((ctx.output as jest.Mock).mock.calls),
    ).toMatchObject({
      migrationId: 'dry-run',
      created: false,
    });
  });

  it('refuses selections that span environments or refs the catalog does not know', async () => {
    const other = {
      ...entities[0],
      metadata: {
        ...entities[0].metadata,
        name: 'elsewhere',
        annotations: {
          ...entities[0].metadata.annotations,
          'sirsi-nexus.io/environment': 'lis',
        },
      },
    };
    const spanning = createCreateMigrationAction({
      client,
      catalog: catalogServiceMock({ entities: [...entities, other] }),
      config: mockServices.rootConfig({ data: {} }),
    });
    const ctx = createMockActionContext({
      input: { ...input, entityRefs: [...refs, 'resource:default/elsewhere'] },
    });
    await expect(spanning.handler(ctx as any)).rejects.toThrow(
      'sourceEnvironmentId: the selection spans environments dc1, lis',
    );
    const unknown = createMockActionContext({
      input: { ...input, entityRefs: ['resource:default/ghost'] },
    });
    await expect(action.handler(unknown as any)).rejects.toThrow(
      'entityRefs: not in the catalog: resource:default/ghost',
    );
    expect(recorded.requests).toHaveLength(0);
  });
});
