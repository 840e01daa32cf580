import { ConfigReader } from '@backstage/config';
import { readIacSettings } from './config';

const read = (iac: object) =>
  readIacSettings(new ConfigReader({ migration: { iac } }));

describe('readIacSettings', () => {
  it('has defaults without configuration', () => {
    expect(readIacSettings(new ConfigReader({}))).toEqual({
      commandTimeoutMs: 600_000,
      plan: 'independent',
      adminSources: [],
      defaultTags: {},
    });
  });

  it('reads every key', () => {
    expect(
      read({
        terraformCommand: '/usr/local/bin/tofu',
        commandTimeoutSeconds: 30,
        plan: 'all',
        allowedRegions: ['eu-west-1'],
        adminSources: ['192.0.2.0/24'],
        defaultTags: { 'data-classification': 'internal' },
      }),
    ).toEqual({
      terraformCommand: '/usr/local/bin/tofu',
      commandTimeoutMs: 30_000,
      plan: 'all',
      allowedRegions: ['eu-west-1'],
      adminSources: ['192.0.2.0/24'],
      defaultTags: { 'data-classification': 'internal' },
    });
  });

  it.each([
    [{ terraformCommand: 'tofu; rm -rf /' }, 'migration.iac.terraformCommand'],
    [{ plan: 'sometimes' }, 'migration.iac.plan'],
    [{ adminSources: ['everyone'] }, 'migration.iac.adminSources: everyone'],
    [{ commandTimeoutSeconds: 0 }, 'migration.iac.commandTimeoutSeconds'],
  ])('refuses %j naming the key', (iac, key) => {
    expect(() => read(iac)).toThrow(key);
  });
});
