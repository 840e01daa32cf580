import { MgnServerReplicator } from '../replication/MgnServerReplicator';
import { TARGET, targetConfig } from '../testUtils/awsTarget';
import { createAwsCapabilities } from './awsCapabilities';

describe('createAwsCapabilities', () => {
  it('builds MGN for AWS targets only', () => {
    const capabilities = createAwsCapabilities({ config: targetConfig() });
    const replicator = capabilities.serverReplicator!(TARGET);
    expect(replicator).toBeInstanceOf(MgnServerReplicator);
    expect(replicator!.service).toBe('AWS Application Migration Service');
    expect(
      capabilities.serverReplicator!({
        provider: 'azure',
        region: 'westeurope',
      }),
    ).toBeUndefined();
    // Without a target environment MGN is offered only when the operator enables it for the
    // main account or the default credential chain.
    expect(
      capabilities.serverReplicator!({ provider: 'aws', region: 'us-east-2' }),
    ).toBeUndefined();
    const enabled = createAwsCapabilities({
      config: targetConfig({
        replication: { maxLagSeconds: 60, aws: { enabled: true } },
      }),
    });
    expect(
      enabled.serverReplicator!({ provider: 'aws', region: 'us-east-2' }),
    ).toBeInstanceOf(MgnServerReplicator);
  });

  it('names the field when the target does not fit the config', () => {
    const capabilities = createAwsCapabilities({ config: targetConfig() });
    expect(() =>
      capabilities.serverReplicator!({ ...TARGET, environmentId: 'nowhere' }),
    ).toThrow(
      /target.environmentId: "nowhere" is not in migration.environments/,
    );
    expect(() =>
      capabilities.serverReplicator!({ ...TARGET, region: 'Frankfurt' }),
    ).toThrow(/target.region: "Frankfurt" is not an AWS region/);
  });
});
