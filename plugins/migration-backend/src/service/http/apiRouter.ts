import type { ApiRouter } from '@backstage/backend-openapi-utils';
import type { spec } from '../../schema/openapi';
import type { Operation } from './operation';

/** The router generated from openapi.yaml: its handlers' requests are typed by the spec. */
export type MigrationApiRouter = ApiRouter<typeof spec>;

/** What every group of routes is registered with. */
export interface RouteContext {
  router: MigrationApiRouter;
  operation: Operation;
}
