import { mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createAssessContext } from '@sirsi-nexus/plugin-migration-assessment-node';
import type { MigrationExecutor } from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
import {
  countingExecutors,
  createTestEngine,
} from '../../__testUtils__/engineHarness';
import { registerMigrationActions } from '../registerMigrationActions';

/**
 * The migration actions on a test engine, in a mock actions registry; `allowed` names the
 * permissions the policy grants (to everyone).
 */
export function setUpActions(options: {
  knex: Knex;
  allowed: string[];
  executors?: MigrationExecutor[];
  gatedPhases?: Parameters<typeof createTestEngine>[0]['gatedPhases'];
  entities?: Entity[];
  /** Overrides `allowed` for one permission request, e.g. to deny one migration. */
  decide?: (request: {
    permission: { name: string };
    resourceRef?: string;
  }) => boolean | undefined;
}) {
  const engine = createTestEngine({
    knex: options.knex,
    executors: options.executors ?? countingExecutors().executors,
    gatedPhases: options.gatedPhases,
  });
  const decide = (
    requests: Array<{ permission: { name: string }; resourceRef?: string }>,
  ) =>
    requests.map(r => ({
      result:
        options.decide?.(r) ?? options.allowed.includes(r.permission.name)
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any;
  const permissions = mockServices.permissions.mock({
    authorize: async requests => decide(requests),
    authorizeConditional: async requests => decide(requests),
  });
  const registry = actionsRegistryServiceMock();
  registerMigrationActions({
    actionsRegistry: registry,
    service: engine.service,
    permissions,
    auth: mockServices.auth(),
    analysis: {
      catalog: catalogServiceMock({ entities: options.entities ?? [] }),
      assessContext: () =>
        createAssessContext(mockServices.rootConfig({ data: {} })),
      advisor: () => undefined,
      logger: mockServices.logger.mock(),
    },
  });
  return { registry, engine, permissions };
}
