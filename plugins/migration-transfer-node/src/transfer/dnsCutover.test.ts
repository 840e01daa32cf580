import { buildDnsCutoverPlan } from './dnsCutover';

describe('buildDnsCutoverPlan', () => {
  it('lowers the TTL two old TTLs ahead, switches, restores, and can revert', () => {
    const plan = buildDnsCutoverPlan({
      records: [
        {
          name: 'shop.example.com',
          currentValues: ['10.0.1.15'],
          targetValues: ['52.1.2.3'],
          ttl: 3600,
        },
        {
          name: 'api.example.com',
          currentValues: ['lb.dc1.example.com'],
          targetValues: ['abc.elb.amazonaws.com'],
          ttl: 300,
        },
      ],
      cutoverAt: '2027-01-09T22:00:00Z',
      now: new Date('2027-01-01T00:00:00Z'),
    });

    expect(plan.records).toEqual([
      expect.objectContaining({
        name: 'shop.example.com',
        type: 'A',
        currentTtl: 3600,
        cutoverTtl: 60,
      }),
      expect.objectContaining({
        name: 'api.example.com',
        type: 'CNAME',
        currentTtl: 300,
        cutoverTtl: 60,
      }),
    ]);
    expect(plan.steps.map(s => [s.action, s.at])).toEqual([
      ['lower-ttl', '2027-01-09T20:00:00.000Z'],
      ['verify', '2027-01-09T21:50:00.000Z'],
      ['switch', '2027-01-09T22:00:00.000Z'],
      ['monitor', '2027-01-09T22:01:00.000Z'],
      ['restore-ttl', '2027-01-10T22:00:00.000Z'],
    ]);
    expect(plan.revert.map(s => s.action)).toEqual([
      'switch',
      'verify',
      'restore-ttl',
    ]);
    expect(plan.warnings).toEqual([]);
  });

  it('uses relative times without a window and warns about unknown targets and late TTL changes', () => {
    const relative = buildDnsCutoverPlan({
      records: [
        { name: 'db.example.com', currentValues: ['10.0.2.7'], ttl: 86400 },
      ],
    });
    expect(relative.steps[0].at).toBe('T-48h');
    expect(relative.steps[2].at).toBe('T');
    expect(relative.warnings[0]).toMatch(/target address is not known yet/);

    const late = buildDnsCutoverPlan({
      records: [
        {
          name: 'a.example.com',
          currentValues: ['10.0.0.1'],
          targetValues: ['10.1.0.1'],
          ttl: 86400,
        },
      ],
      cutoverAt: '2027-01-01T12:00:00Z',
      now: new Date('2027-01-01T00:00:00Z'),
    });
    expect(late.warnings[0]).toMatch(/must be lowered 48h before the cutover/);
  });
});
