import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import { migrationPlugin } from './plugin';

describe('migrationPlugin', () => {
  it('answers /health for an authenticated caller', async () => {
    const { server } = await startTestBackend({ features: [migrationPlugin] });

    await request(server)
      .get('/api/migration/health')
      .set('Authorization', mockCredentials.user.header())
      .expect(200, { status: 'ok' });
  });

  it('rejects /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [
        migrationPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });

    const res = await request(server).get('/api/migration/health');
    expect(res.status).toBe(401);
    expect(res.body.error.name).toBe('AuthenticationError');
  });
});
