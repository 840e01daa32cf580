import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  MAX_LINKED_ENTITIES,
  RequestedEntities,
  countByKind,
} from './RequestedEntities';

const mountedRoutes = {
  mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
};

describe('RequestedEntities', () => {
  it('links each entity of a short list', async () => {
    await renderInTestApp(
      <RequestedEntities
        entityRefs={['resource:default/web-01', 'system:default/web-shop']}
      />,
      mountedRoutes,
    );
    expect(screen.getAllByRole('link')).toHaveLength(2);
    expect(
      screen.getAllByRole('link').map(l => l.getAttribute('href')),
    ).toEqual([
      '/catalog/default/resource/web-01',
      '/catalog/default/system/web-shop',
    ]);
  });

  it('names a few of thousands and counts the rest by kind', async () => {
    const refs = [
      'system:default/web-shop',
      ...Array.from({ length: 4999 }, (_, i) => `resource:default/vm-${i}`),
    ];
    await renderInTestApp(
      <RequestedEntities entityRefs={refs} />,
      mountedRoutes,
    );
    expect(screen.getAllByRole('link')).toHaveLength(MAX_LINKED_ENTITIES);
    expect(
      screen.getByText(
        `and ${(5000 - MAX_LINKED_ENTITIES).toLocaleString(
          'en-US',
        )} more (4,999 resources, 1 system in all)`,
        { exact: false },
      ),
    ).toBeInTheDocument();
  });

  it('counts kinds, malformed refs as entities', () => {
    expect(
      countByKind([
        'group:default/a',
        'b',
        'c',
        'system:x/y',
        'system:x/z',
        ':',
      ]),
    ).toBe('2 resources, 2 systems, 1 group, 1 entity');
  });
});
