import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { RequestedEntities, countByKind } from './RequestedEntities';

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

  it('says how many resources a system resolved to, the system linked', async () => {
    await renderInTestApp(
      <RequestedEntities
        entityRefs={['system:default/web-shop']}
        resourceCount={13}
      />,
      mountedRoutes,
    );
    expect(screen.getByText(/^13 resources in/)).toBeInTheDocument();
    expect(screen.getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/system/web-shop',
    );
  });

  it('summarises thousands in one line with a link to the resources table', async () => {
    const refs = [
      'system:default/web-shop',
      'system:default/erp',
      'system:default/crm',
      ...Array.from({ length: 40 }, (_, i) => `resource:default/vm-${i}`),
    ];
    await renderInTestApp(
      <RequestedEntities
        entityRefs={refs}
        resourceCount={5000}
        tableLink="?tab=assessment#resources"
      />,
      mountedRoutes,
    );
    expect(
      screen.getByText('5,000 resources in 3 systems and 40 resources named', {
        exact: false,
      }),
    ).toBeInTheDocument();
    // One link only: the table, not one per entity.
    expect(screen.getAllByRole('link')).toHaveLength(1);
    expect(
      screen.getByRole('link', { name: 'see the resources table' }),
    ).toHaveAttribute('href', '/?tab=assessment#resources');
  });

  it('counts a long selection by kind when the backend does not say how many resources', async () => {
    const refs = [
      'system:default/web-shop',
      ...Array.from({ length: 4999 }, (_, i) => `resource:default/vm-${i}`),
    ];
    await renderInTestApp(
      <RequestedEntities entityRefs={refs} />,
      mountedRoutes,
    );
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.getByText('4,999 resources, 1 system')).toBeInTheDocument();
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
