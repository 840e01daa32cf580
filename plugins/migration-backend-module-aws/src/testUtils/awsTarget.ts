/*
 * The migration target of the MGN and Route 53 tests: an AWS environment whose account has
 * static keys in `aws.accounts` (Backstage's AWS integration), with short retry delays.
 */
import { ConfigReader } from '@backstage/config';
import type { CapabilityTarget } from '@sirsi-nexus/plugin-migration-node';

export const ACCOUNT_ID = '111122223333';
export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

export const TARGET: CapabilityTarget = {
  provider: 'aws',
  region: 'eu-west-1',
  environmentId: 'aws-landing',
};

export function targetConfig(migration: Record<string, unknown> = {}) {
  return new ConfigReader({
    aws: {
      accounts: [
        {
          accountId: ACCOUNT_ID,
          accessKeyId: ACCESS_KEY_ID,
          secretAccessKey: SECRET_ACCESS_KEY,
        },
      ],
    },
    migration: {
      environments: [
        {
          id: 'aws-landing',
          provider: 'aws',
          aws: { accountId: ACCOUNT_ID, regions: ['eu-west-1'] },
          retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2000 },
        },
      ],
      replication: { maxLagSeconds: 60 },
      ...migration,
    },
  });
}

/** Source server ids in MGN's format (s- and 17 characters). */
export const S1 = 's-1a2b3c4d5e6f70801';
export const S2 = 's-1a2b3c4d5e6f70802';
export const S3 = 's-1a2b3c4d5e6f70803';
export const S4 = 's-1a2b3c4d5e6f70804';
export const S5 = 's-1a2b3c4d5e6f70805';
export const S6 = 's-1a2b3c4d5e6f70806';
