import type { DiscoveredResource } from '@sirsi-nexus/plugin-migration-common';
import { RuleDependencies } from './ruleDependencies';

const vm = (id: string, ip: string): DiscoveredResource => ({
  provider: 'azure',
  environmentId: 'e',
  externalId: id,
  kind: 'vm',
  name: id,
  specs: { ipAddresses: [ip] },
  tags: {},
  dependsOn: [],
});

describe('RuleDependencies', () => {
  it('makes the admitted depend on the protected, by label and by narrow address blocks', () => {
    const rules = new RuleDependencies();
    rules.add({
      target: 'asg-db',
      source: { label: 'asg-web' },
      protocol: 'tcp',
      fromPort: 1433,
      toPort: 1433,
      evidence: 'db rule from asg-web',
    });
    rules.add({
      target: 'asg-db',
      source: { cidr: '10.1.3.0/24' },
      protocol: 'tcp',
      fromPort: 1433,
      toPort: 1433,
      evidence: 'db rule from 10.1.3.0/24',
    });
    // Broad blocks and members admitting each other imply nothing.
    rules.add({
      target: 'asg-db',
      source: { cidr: '10.0.0.0/8' },
      protocol: 'all',
      evidence: 'broad',
    });
    rules.add({
      target: 'asg-web',
      source: { label: 'asg-web' },
      protocol: 'all',
      evidence: 'self',
    });
    const web = vm('web', '10.1.1.4');
    const batch = vm('batch', '10.1.3.9');
    const db = vm('db', '10.1.2.4');
    expect(rules.offer(web, ['asg-web'])).toBe(true);
    expect(rules.offer(batch, [])).toBe(true);
    expect(rules.offer(db, ['asg-db'])).toBe(false);
    expect(db.specs.listeningPorts).toEqual([{ protocol: 'tcp', port: 1433 }]);
    const done = [...rules.finish()];
    expect(done).toEqual([web, batch]);
    expect(web.dependsOn).toEqual(['db']);
    expect(batch.dependsOn).toEqual(['db']);
    expect(batch.raw).toEqual({
      derivedDependencies: [
        {
          on: 'db',
          protocol: 'tcp',
          port: 1433,
          evidence: 'db rule from 10.1.3.0/24',
        },
      ],
    });
  });
});
