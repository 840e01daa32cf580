import { InputError, NotAllowedError } from '@backstage/errors';
import { createAddressPolicy } from './addressPolicy';

const lookupTable: Record<string, string[]> = {
  'web.target.example': ['10.20.0.5'],
  'sneaky.example': ['10.20.0.6', '169.254.169.254'],
  'elsewhere.example': ['192.0.2.10'],
};
const lookup = async (host: string) => {
  const addresses = lookupTable[host];
  if (!addresses) throw new Error(`getaddrinfo ENOTFOUND ${host}`);
  return addresses.map(address => ({
    address,
    family: address.includes(':') ? 6 : 4,
  }));
};

describe('createAddressPolicy', () => {
  it('allows configured ranges and the migration targets, nothing else', async () => {
    const policy = await createAddressPolicy({
      allowedRanges: ['10.99.0.0/16'],
      targets: ['web.target.example', '172.31.5.9'],
      lookup,
    });
    await expect(policy.resolve('10.99.3.4')).resolves.toEqual({
      address: '10.99.3.4',
      family: 4,
    });
    await expect(policy.resolve('web.target.example')).resolves.toEqual({
      address: '10.20.0.5',
      family: 4,
    });
    await expect(policy.resolve('172.31.5.9')).resolves.toMatchObject({
      address: '172.31.5.9',
    });
    await expect(policy.resolve('10.20.0.6')).rejects.toThrow(
      /outside the migration's targets and migration.validation.allowedRanges/,
    );
    await expect(policy.resolve('elsewhere.example')).rejects.toBeInstanceOf(
      NotAllowedError,
    );
    expect(policy.describe()).toEqual([
      '10.99.0.0/16',
      '10.20.0.5 (web.target.example)',
      '172.31.5.9',
    ]);
  });

  it('refuses link-local and metadata addresses even inside an allowed range', async () => {
    const policy = await createAddressPolicy({
      allowedRanges: ['0.0.0.0/0', '::/0'],
      lookup,
    });
    for (const address of [
      '169.254.169.254',
      '169.254.0.1',
      '::ffff:169.254.169.254',
      '[fd00:ec2::254]',
      'fe80::1',
      '100.100.100.200',
      '168.63.129.16',
      '0.0.0.0',
    ]) {
      await expect(policy.resolve(address)).rejects.toThrow(
        /link-local or metadata address/,
      );
      expect(policy.isAllowed(address.replace(/[[\]]/g, ''))).toBe(false);
    }
    await expect(policy.resolve('8.8.8.8')).resolves.toMatchObject({
      address: '8.8.8.8',
    });
  });

  it('refuses a name when any of its addresses is refused', async () => {
    const policy = await createAddressPolicy({
      allowedRanges: ['10.0.0.0/8'],
      lookup,
    });
    await expect(policy.resolve('sneaky.example')).rejects.toThrow(
      /169\.254\.169\.254/,
    );
    await expect(policy.resolve('unknown.example')).rejects.toThrow(
      /Cannot resolve host/,
    );
  });

  it('rejects malformed ranges naming the setting', async () => {
    await expect(
      createAddressPolicy({ allowedRanges: ['10.0.0.0/33'] }),
    ).rejects.toThrow(InputError);
    await expect(
      createAddressPolicy({ allowedRanges: ['intranet'] }),
    ).rejects.toThrow(
      /migration.validation.allowedRanges: 'intranet' is not an IP address or CIDR range/,
    );
  });
});
