import type { IacNetwork } from '../model';
import { ipv4RangesOverlap, parseIpv4Cidr } from './ipv4Cidr';
import {
  findLandingZoneOverlaps,
  landingZoneCheck,
  LANDING_ZONE_CHECK_ID,
} from './landingZoneCheck';

const range = (cidr: string) => {
  const parsed = parseIpv4Cidr(cidr);
  if (!parsed) throw new Error(`not a CIDR: ${cidr}`);
  return parsed;
};
const overlap = (a: string, b: string) => ipv4RangesOverlap(range(a), range(b));

describe('IPv4 CIDR maths', () => {
  it('parses blocks into first and last address, ignoring host bits', () => {
    expect(parseIpv4Cidr('10.0.0.0/16')).toEqual({
      cidr: '10.0.0.0/16',
      first: 10 * 2 ** 24,
      last: 10 * 2 ** 24 + 65535,
      prefix: 16,
    });
    expect(range('10.0.1.5/16').first).toBe(range('10.0.0.0/16').first);
    expect(range('0.0.0.0/0')).toMatchObject({ first: 0, last: 2 ** 32 - 1 });
    expect(range('255.255.255.255/32')).toMatchObject({
      first: 2 ** 32 - 1,
      last: 2 ** 32 - 1,
    });
    expect(range(' 172.16.0.0/12 ').cidr).toBe('172.16.0.0/12');
  });

  it.each([
    '256.0.0.0/8',
    '10.0.0/8',
    '10.0.0.0/33',
    '10.0.0.0',
    '01.2.3.4/8',
    '10.0.0.0/-1',
    '2001:db8::/32',
    'fd00::/8',
    '',
  ])('refuses %j', text => {
    expect(parseIpv4Cidr(text)).toBeUndefined();
  });

  it.each([
    ['10.0.0.0/24', '10.0.1.0/24', false], // adjacent
    ['10.0.0.0/16', '10.0.255.0/24', true], // containment
    ['10.0.255.0/24', '10.0.0.0/16', true], // either way round
    ['10.0.0.0/24', '10.0.0.255/32', true], // the last address
    ['10.0.0.0/24', '10.0.1.0/32', false], // one past it
    ['0.0.0.0/0', '192.168.1.1/32', true],
    ['192.168.0.0/16', '192.169.0.0/16', false],
    ['10.0.0.0/8', '10.0.0.0/8', true],
    ['255.255.255.254/31', '255.255.255.255/32', true],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    expect(overlap(a, b)).toBe(expected);
  });
});

const network = (over: Partial<IacNetwork> = {}): IacNetwork => ({
  key: 'net_app',
  name: 'app',
  cidrBlock: '10.20.0.0/16',
  subnets: [{ key: 'sn_app', name: 'app', cidrBlock: '10.20.1.0/24' }],
  ...over,
});

describe('landing-zone check', () => {
  it('names our range, their ranges and their network for each overlap', () => {
    const overlaps = findLandingZoneOverlaps(
      [
        network(),
        network({ key: 'net_db', name: 'db', cidrBlock: '10.30.0.0/16' }),
      ],
      [
        {
          id: 'vpc-0a1b2c3d4e5f60718',
          name: 'shared-services',
          cidrs: [
            '10.0.0.0/16',
            '10.20.128.0/17',
            '10.20.130.0/24',
            'fd00:1::/56',
          ],
        },
        { id: 'vpc-0fffffffffffffff0', name: 'other', cidrs: ['10.21.0.0/16'] },
      ],
    );
    expect(overlaps).toEqual([
      {
        network: { key: 'net_app', name: 'app' },
        ours: '10.20.0.0/16',
        existing: { id: 'vpc-0a1b2c3d4e5f60718', name: 'shared-services' },
        theirs: ['10.20.128.0/17', '10.20.130.0/24'],
      },
    ]);
  });

  it('does not count a network the model imports as a conflict with itself', () => {
    expect(
      findLandingZoneOverlaps(
        [network({ sourceId: 'vpc-0a1b2c3d4e5f60718' })],
        [{ id: 'vpc-0a1b2c3d4e5f60718', name: 'app', cidrs: ['10.20.0.0/16'] }],
      ),
    ).toEqual([]);
  });

  it('compares the subnets when the network block is not IPv4', () => {
    const overlaps = findLandingZoneOverlaps(
      [network({ cidrBlock: 'n/a' })],
      [{ id: 'vnet-1', name: 'hub', cidrs: ['10.20.1.128/25'] }],
    );
    expect(overlaps.map(o => o.ours)).toEqual(['10.20.1.0/24']);
  });

  it('fails with one finding per overlap, passes without, is skipped with the reason', () => {
    const failed = landingZoneCheck(
      [network()],
      [{ id: 'vpc-1', name: 'hub', cidrs: ['10.20.0.0/24'] }],
    );
    expect(failed).toMatchObject({
      id: LANDING_ZONE_CHECK_ID,
      status: 'fail',
      checked: 1,
      findings: [
        {
          status: 'fail',
          message:
            'Network app (10.20.0.0/16) overlaps 10.20.0.0/24 of the existing network hub (vpc-1)',
        },
      ],
    });
    expect(
      landingZoneCheck(
        [network()],
        [{ id: 'vpc-1', name: 'hub', cidrs: ['10.21.0.0/16'] }],
      ),
    ).toMatchObject({ status: 'pass', checked: 1, findings: [] });
    expect(
      landingZoneCheck([network()], {
        skipped: 'No target environment is configured',
      }),
    ).toMatchObject({
      status: 'pass',
      checked: 0,
      skipped: 'No target environment is configured',
    });
  });
});
