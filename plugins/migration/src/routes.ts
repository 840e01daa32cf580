import { createRouteRef } from '@backstage/core-plugin-api';

/** Route of the migrations list page. */
export const rootRouteRef = createRouteRef({ id: 'migration' });
