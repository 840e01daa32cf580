import type { Entity } from '@backstage/catalog-model';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createCatalogResourceResolver } from '../../service/resourceResolver';
import { readCatalogSelection } from './readCatalogSelection';

function entity(
  kind: string,
  name: string,
  spec: Record<string, string> = {},
  relations: Array<[string, string]> = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec,
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/** Web Shop (in domain Commerce, owned by team-webshop): two servers by relation, one by spec. */
const entities = [
  entity('Domain', 'commerce'),
  entity('System', 'web-shop', { owner: 'team-webshop', domain: 'commerce' }, [
    ['partOf', 'domain:default/commerce'],
    ['ownedBy', 'group:default/team-webshop'],
  ]),
  entity('Resource', 'dc1-shop-web-01', {}, [
    ['partOf', 'system:default/web-shop'],
  ]),
  entity('Resource', 'dc1-shop-web-02', {}, [
    ['partOf', 'system:default/web-shop'],
  ]),
  entity('Component', 'shop-frontend', { system: 'web-shop' }),
  entity('Resource', 'dc1-other-01', { owner: 'team-webshop' }),
  entity('API', 'shop-api', { system: 'web-shop' }),
  entity('Group', 'team-webshop'),
];

const credentials = mockServices.auth().getOwnServiceCredentials();

describe('readCatalogSelection', () => {
  const catalog = catalogServiceMock({ entities });

  it('expands a system into its resources and components, through relations and spec.system', async () => {
    const { resolved, unknownRefs } = await readCatalogSelection({
      catalog,
      entityRefs: ['system:default/web-shop', 'resource:default/ghost'],
      credentials: await credentials,
    });
    expect(unknownRefs).toEqual(['resource:default/ghost']);
    expect(resolved.map(r => [r.entityRef, r.viaRef, r.kind]).sort()).toEqual([
      [
        'component:default/shop-frontend',
        'system:default/web-shop',
        'component',
      ],
      [
        'resource:default/dc1-shop-web-01',
        'system:default/web-shop',
        'resource',
      ],
      [
        'resource:default/dc1-shop-web-02',
        'system:default/web-shop',
        'resource',
      ],
      ['system:default/web-shop', 'system:default/web-shop', 'system'],
    ]);
  });

  it('expands a group into what it owns and the parts of the systems it owns', async () => {
    const { resolved } = await readCatalogSelection({
      catalog,
      entityRefs: ['group:default/team-webshop'],
      credentials: await credentials,
    });
    expect(resolved.map(r => r.entityRef).sort()).toEqual([
      'component:default/shop-frontend',
      'group:default/team-webshop',
      'resource:default/dc1-other-01',
      'resource:default/dc1-shop-web-01',
      'resource:default/dc1-shop-web-02',
      'system:default/web-shop',
    ]);
    expect(new Set(resolved.map(r => r.viaRef))).toEqual(
      new Set(['group:default/team-webshop']),
    );
  });

  it('expands a domain through its systems; a requested entity keeps "itself" as via', async () => {
    const { resolved } = await readCatalogSelection({
      catalog,
      entityRefs: [
        'resource:default/dc1-shop-web-01',
        'domain:default/commerce',
      ],
      credentials: await credentials,
    });
    expect(resolved.map(r => [r.entityRef, r.viaRef]).sort()).toEqual([
      ['component:default/shop-frontend', 'domain:default/commerce'],
      ['domain:default/commerce', 'domain:default/commerce'],
      ['resource:default/dc1-shop-web-01', 'resource:default/dc1-shop-web-01'],
      ['resource:default/dc1-shop-web-02', 'domain:default/commerce'],
      ['system:default/web-shop', 'domain:default/commerce'],
    ]);
  });
});

describe('createCatalogResourceResolver', () => {
  const logger = mockServices.logger.mock();
  const resolver = createCatalogResourceResolver({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    logger,
  });

  it('matches a resource with the systems and groups it belongs to', async () => {
    expect(await resolver.match(['resource:default/dc1-shop-web-01'])).toEqual({
      refs: ['resource:default/dc1-shop-web-01'],
      containers: ['system:default/web-shop'],
      parts: [],
    });
    expect(await resolver.match(['Component:default/shop-frontend'])).toEqual({
      refs: ['component:default/shop-frontend'],
      containers: ['system:default/web-shop'],
      parts: [],
    });
  });

  it('matches a system with its parts', async () => {
    const match = await resolver.match(['system:default/web-shop']);
    expect(match.containers).toEqual([
      'domain:default/commerce',
      'group:default/team-webshop',
    ]);
    expect(match.parts.sort()).toEqual([
      'component:default/shop-frontend',
      'resource:default/dc1-shop-web-01',
      'resource:default/dc1-shop-web-02',
    ]);
  });

  it('falls back to the requested refs when the catalog fails', async () => {
    const failing = createCatalogResourceResolver({
      catalog: {
        ...catalogServiceMock(),
        getEntitiesByRefs: () => Promise.reject(new Error('catalog down')),
      },
      auth: mockServices.auth(),
      logger,
    });
    expect(await failing.resolve(['System:default/Web-Shop'])).toEqual([
      {
        entityRef: 'System:default/Web-Shop',
        viaRef: 'System:default/Web-Shop',
        kind: 'system',
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog down'),
    );
  });
});
