import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { mockApis } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { MigrationClient } from './MigrationClient';

const baseUrl = 'http://backstage.test/api/migration';
const server = setupServer();

describe('MigrationClient', () => {
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const fetchApi = {
    fetch: jest.fn((input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, init),
    ),
  };
  const client = new MigrationClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi,
  });

  it('lists migrations with every filter in the query string', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/migrations`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [], totalCount: 0 });
      }),
    );

    await expect(
      client.listMigrations({
        status: ['running', 'paused'],
        owner: 'group:default/team-a',
        entityRef: ['resource:default/web-01', 'system:default/webshop'],
        limit: 50,
        offset: 10,
      }),
    ).resolves.toEqual({ items: [], totalCount: 0 });

    // `explode: false` in the spec: one comma-separated value (the backend takes repeats too).
    expect(seen!.searchParams.get('status')).toBe('running,paused');
    expect(seen!.searchParams.get('owner')).toBe('group:default/team-a');
    expect(seen!.searchParams.getAll('entityRef')).toEqual([
      'resource:default/web-01',
      'system:default/webshop',
    ]);
    expect(seen!.searchParams.get('limit')).toBe('50');
    expect(seen!.searchParams.get('offset')).toBe('10');
  });

  it('goes through the app fetchApi so requests carry the user token', async () => {
    server.use(
      http.get(`${baseUrl}/migrations/m%2F1/status`, () =>
        HttpResponse.json({
          migration: { id: 'm/1' },
          phases: [],
          artifacts: [],
        }),
      ),
    );
    fetchApi.fetch.mockClear();

    const status = await client.getMigrationStatus('m/1');

    expect(status.migration.id).toBe('m/1');
    expect(fetchApi.fetch).toHaveBeenCalledWith(
      `${baseUrl}/migrations/m%2F1/status`,
      undefined,
    );
  });

  it('pages audit events with after and limit', async () => {
    let seen: URL | undefined;
    server.use(
      http.get(`${baseUrl}/migrations/m1/events`, ({ request }) => {
        seen = new URL(request.url);
        return HttpResponse.json({ items: [{ id: 8 }] });
      }),
    );

    const page = await client.listEvents('m1', { after: 7, limit: 1000 });

    expect(page.items).toEqual([{ id: 8 }]);
    expect(seen!.searchParams.get('after')).toBe('7');
    expect(seen!.searchParams.get('limit')).toBe('1000');
  });

  it.each(['pause', 'resume', 'cancel', 'rollback'] as const)(
    'posts %s with the reason as JSON',
    async control => {
      let body: unknown;
      server.use(
        http.post(
          `${baseUrl}/migrations/m1/${control}`,
          async ({ request }) => {
            expect(request.headers.get('content-type')).toBe(
              'application/json',
            );
            body = await request.json();
            return HttpResponse.json({ id: 'm1' });
          },
        ),
      );

      await client.controlMigration('m1', control, { reason: 'window closed' });

      expect(body).toEqual({ reason: 'window closed' });
    },
  );

  it('posts approval decisions and task retries to their routes', async () => {
    const calls: { path: string; body: unknown }[] = [];
    server.use(
      http.post(
        `${baseUrl}/migrations/m1/approvals/build`,
        async ({ request }) => {
          calls.push({ path: 'approval', body: await request.json() });
          return new HttpResponse(null, { status: 204 });
        },
      ),
      http.post(
        `${baseUrl}/migrations/m1/tasks/t%201/retry`,
        async ({ request }) => {
          calls.push({ path: 'retry', body: await request.json() });
          return HttpResponse.json({});
        },
      ),
    );

    await client.decideApproval('m1', 'build', {
      decision: 'approve',
      comment: 'Plan reviewed',
    });
    await client.retryTask('m1', 't 1');

    expect(calls).toEqual([
      {
        path: 'approval',
        body: { decision: 'approve', comment: 'Plan reviewed' },
      },
      { path: 'retry', body: {} },
    ]);
  });

  it('asks for pending approvals', async () => {
    let status: string | null = null;
    server.use(
      http.get(`${baseUrl}/approvals`, ({ request }) => {
        status = new URL(request.url).searchParams.get('status');
        return HttpResponse.json({ items: [] });
      }),
    );

    await expect(client.listPendingApprovals()).resolves.toEqual({ items: [] });
    expect(status).toBe('pending');
  });

  it('returns artifact content as a blob', async () => {
    server.use(
      http.get(`${baseUrl}/migrations/m1/artifacts/iac-bundle.zip`, () =>
        HttpResponse.arrayBuffer(new Uint8Array([80, 75, 3, 4]).buffer, {
          headers: { 'Content-Type': 'application/zip' },
        }),
      ),
    );

    const blob = await client.getArtifact('m1', 'iac-bundle.zip');

    expect(blob.type).toBe('application/zip');
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual([
      80, 75, 3, 4,
    ]);
  });

  it('rejects with a ResponseError carrying the backend error', async () => {
    server.use(
      http.post(`${baseUrl}/migrations/m1/resume`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'Cannot resume a completed migration',
            },
            request: { method: 'POST', url: '/migrations/m1/resume' },
            response: { statusCode: 409 },
          },
          { status: 409 },
        ),
      ),
    );

    const error = await client.controlMigration('m1', 'resume').catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(409);
    expect(error.body.error.name).toBe('ConflictError');
    expect(error.cause.message).toBe('Cannot resume a completed migration');
  });
});
