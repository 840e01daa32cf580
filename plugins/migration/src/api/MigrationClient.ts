import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import {
  MigrationClient as MigrationApiClient,
  type ListApprovalsResponse,
} from '@sirsi-nexus/plugin-migration-common';
import type { MigrationApi } from './MigrationApi';

/**
 * {@link MigrationApi} over HTTP, authenticated through the app's `fetchApi`: the client of
 * `@sirsi-nexus/plugin-migration-common`, generated from the backend's OpenAPI spec.
 *
 * @public
 */
export class MigrationClient
  extends MigrationApiClient
  implements MigrationApi
{
  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    super(options);
  }

  async listPendingApprovals(): Promise<ListApprovalsResponse> {
    return this.listApprovals({ status: 'pending' });
  }
}
