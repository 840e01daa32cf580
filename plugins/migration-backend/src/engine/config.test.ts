import { ConfigReader } from '@backstage/config';
import { DEFAULT_ENGINE_OPTIONS, readMigrationEngineConfig } from './config';

describe('readMigrationEngineConfig', () => {
  it('applies the defaults', () => {
    const config = readMigrationEngineConfig(new ConfigReader({}));
    expect(config).toEqual({
      engine: DEFAULT_ENGINE_OPTIONS,
      approvals: { phases: ['build', 'transfer'], separationOfDuties: true },
      policyAcknowledgement: undefined,
    });
    // cancel must reach remote replicas within 2 s
    expect(config.engine.heartbeatIntervalMs).toBeLessThanOrEqual(1000);
  });

  it('reads every key', () => {
    const config = readMigrationEngineConfig(
      new ConfigReader({
        migration: {
          approvals: {
            phases: ['plan', 'build', 'build'],
            separationOfDuties: false,
          },
          policy: { acknowledgement: '  I accept the policy.  ' },
          engine: {
            workerEnabled: false,
            concurrency: 8,
            leaseDurationMs: 30000,
            heartbeatIntervalMs: 500,
            pollIntervalMs: 250,
            janitorIntervalMs: 1000,
            maxClaimBackoffMs: 5000,
            progressThrottleMs: 100,
            maxArtifactBytes: 1024,
            maxLeaseExpiries: 4,
            retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 20 },
          },
        },
      }),
    );
    expect(config.approvals).toEqual({
      phases: ['plan', 'build'],
      separationOfDuties: false,
    });
    expect(config.policyAcknowledgement).toBe('I accept the policy.');
    expect(config.engine).toEqual({
      workerEnabled: false,
      concurrency: 8,
      leaseDurationMs: 30000,
      heartbeatIntervalMs: 500,
      pollIntervalMs: 250,
      janitorIntervalMs: 1000,
      maxClaimBackoffMs: 5000,
      progressThrottleMs: 100,
      maxArtifactBytes: 1024,
      maxLeaseExpiries: 4,
      retry: { maxAttempts: 5, initialBackoffMs: 10, maxBackoffMs: 20 },
    });
  });

  it('allows no gates at all', () => {
    expect(
      readMigrationEngineConfig(
        new ConfigReader({ migration: { approvals: { phases: [] } } }),
      ).approvals.phases,
    ).toEqual([]);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readMigrationEngineConfig(
        new ConfigReader({ migration: { approvals: { phases: ['deploy'] } } }),
      ),
    ).toThrow('migration.approvals.phases: "deploy" is not a migration phase');
    expect(() =>
      readMigrationEngineConfig(
        new ConfigReader({ migration: { engine: { concurrency: 0 } } }),
      ),
    ).toThrow('migration.engine.concurrency must be a positive number');
    expect(() =>
      readMigrationEngineConfig(
        new ConfigReader({ migration: { engine: { maxLeaseExpiries: 0 } } }),
      ),
    ).toThrow('migration.engine.maxLeaseExpiries must be a positive number');
    expect(() =>
      readMigrationEngineConfig(
        new ConfigReader({
          migration: { engine: { retry: { maxAttempts: -1 } } },
        }),
      ),
    ).toThrow('migration.engine.retry.maxAttempts must be a positive number');
    expect(() =>
      readMigrationEngineConfig(
        new ConfigReader({
          migration: {
            engine: { leaseDurationMs: 1000, heartbeatIntervalMs: 1000 },
          },
        }),
      ),
    ).toThrow(/heartbeatIntervalMs \(1000\) must be shorter than/);
  });
});
