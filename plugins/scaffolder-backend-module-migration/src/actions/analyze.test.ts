import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import { MigrationApiClient } from '../client/MigrationApiClient';
import { migrationApiHandlers, refs } from '../__testUtils__/fixtures';
import { createAnalyzeAction } from './analyze';

describe('migration:analyze', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const recorded = { requests: [] as any[] };
  beforeEach(() => {
    recorded.requests = [];
    server.use(...migrationApiHandlers(recorded));
  });
  const client = new MigrationApiClient({
    discovery: mockServices.discovery(),
    auth: mockServices.auth(),
  });
  const action = createAnalyzeAction({ client });

  it('previews waves, cost and risk for the selection with the initiator’s credentials', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRefs: refs,
        targetProvider: 'aws',
        targetRegion: 'eu-west-1',
        complianceProfile: 'gdpr',
      },
    });
    await action.handler(ctx as any);

    expect(recorded.requests).toHaveLength(1);
    expect(recorded.requests[0]).toMatchObject({
      method: 'POST',
      path: '/analyze',
      body: {
        entityRefs: refs,
        target: { provider: 'aws', region: 'eu-west-1' },
        options: { complianceProfile: 'gdpr' },
      },
    });
    // A service token minted on behalf of the user who runs the template, for the migration plugin.
    const token = recorded.requests[0].authorization.replace('Bearer ', '');
    expect(token).toContain('"obo":"user:default/mock"');
    expect(token).toContain('"target":"migration"');

    const outputs = Object.fromEntries((ctx.output as jest.Mock).mock.calls);
    expect(outputs).toMatchObject({
      resources: 3,
      waves: 3,
      currency: 'USD',
      riskLevel: expect.stringMatching(/^(low|medium|high)$/),
      compliance: {
        pass: expect.any(Number),
        warn: expect.any(Number),
        fail: expect.any(Number),
      },
    });
    expect(outputs.monthlyCost).toBeGreaterThan(0);
    expect(outputs.monthlyCostCommit3y).toBeLessThan(outputs.monthlyCost);
    expect(outputs.preview).toContain(
      '**3 resources in 3 waves** to AWS eu-west-1',
    );
    expect(outputs.preview).toContain(
      '| Wave | Resources | Data (GiB) | Cutover (min) |',
    );
  });

  it('sends the pricing choices of the form, leaving out the ones left empty', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRefs: refs,
        targetProvider: 'azure',
        targetRegion: 'westeurope',
        comfortFactor: 1.5,
        commitmentTerm: '3y',
        commitmentType: 'savings-plan',
        hybridBenefit: true,
      },
    });
    await action.handler(ctx as any);
    expect(recorded.requests[0].body.options).toEqual({
      comfortFactor: 1.5,
      commitmentTerm: '3y',
      commitmentType: 'savings-plan',
      hybridBenefit: true,
    });

    const untouched = createMockActionContext({
      input: {
        entityRefs: refs,
        targetProvider: 'azure',
        targetRegion: 'westeurope',
        comfortFactor: '',
        commitmentTerm: '',
        commitmentType: '',
        hybridBenefit: '',
      },
    });
    await action.handler(untouched as any);
    expect(recorded.requests[1].body.options).toEqual({});
  });

  it('turns a 400 from the API into a clear error and outputs nothing', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRefs: ['resource:default/nope'],
        targetProvider: 'aws',
        targetRegion: 'eu-west-1',
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(/entityRefs/);
    expect(ctx.output).not.toHaveBeenCalled();
  });

  it('refuses a half-given maintenance window, naming the field, before calling the API', async () => {
    const ctx = createMockActionContext({
      input: {
        entityRefs: refs,
        targetProvider: 'aws',
        targetRegion: 'eu-west-1',
        maintenanceWindowStart: '2026-12-05T22:00:00Z',
      },
    });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      'maintenanceWindowEnd: give both ends of the maintenance window',
    );
    expect(recorded.requests).toHaveLength(0);
  });
});
