import type { DeferredEntity } from '@backstage/plugin-catalog-node';
import { dependentsFirst } from './dependentsFirst';

const entity = (name: string, dependsOn: string[] = []): DeferredEntity => ({
  locationKey: 'cloud-discovery:dc1',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name, namespace: 'default' },
    spec: {
      type: 'virtual-machine',
      owner: 'group:default/platform',
      dependsOn: dependsOn.map(d => `resource:default/${d}`),
    },
  },
});

const names = (list: DeferredEntity[]) => list.map(e => e.entity.metadata.name);

describe('dependentsFirst', () => {
  it('puts every entity before the entities it depends on', () => {
    const input = [
      entity('db'),
      entity('ad'),
      entity('app', ['db', 'ad']),
      entity('web', ['app', 'outside-the-list']),
      entity('batch', ['db']),
    ];
    const order = names(dependentsFirst(input));
    expect([...order].sort()).toEqual(names(input).sort());
    const at = (n: string) => order.indexOf(n);
    expect(at('web')).toBeLessThan(at('app'));
    expect(at('app')).toBeLessThan(at('db'));
    expect(at('app')).toBeLessThan(at('ad'));
    expect(at('batch')).toBeLessThan(at('db'));
  });

  it('places every entity of a dependency cycle once', () => {
    const input = [
      entity('a', ['b']),
      entity('b', ['c']),
      entity('c', ['a']),
      entity('d', ['a']),
      entity('e', ['e']),
    ];
    const order = names(dependentsFirst(input));
    expect([...order].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(order.indexOf('d')).toBeLessThan(order.indexOf('a'));
  });
});
