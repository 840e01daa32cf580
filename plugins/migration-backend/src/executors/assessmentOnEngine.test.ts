import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createAssessContext } from '@sirsi-nexus/plugin-migration-assessment-node';
import {
  assessmentSchema,
  TASK_TYPES,
  type Assessment,
} from '@sirsi-nexus/plugin-migration-common';
import {
  alice,
  createRequest,
  createTestEngine,
  waitForStatus,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { exampleEntities } from '../__testUtils__/exampleEstate';
import { createPlanAssessmentExecutor } from './plan/createPlanAssessmentExecutor';
import { createPlanSnapshotExecutor } from './plan/createPlanSnapshotExecutor';
import { createSpecifyAssessmentExecutor } from './specify/createSpecifyAssessmentExecutor';

jest.setTimeout(120_000);

describe('assessment executors on the engine', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'a migration of the example estate gets its assessment in plan and specify, %p',
    async databaseId => {
      const knex = await initMigratedDatabase(databases, databaseId);
      const entities = await exampleEntities();
      const config = mockServices.rootConfig({
        data: { migration: { assessment: { maxWaveSize: 20 } } },
      });
      const engine = createTestEngine({
        knex,
        executors: [
          createPlanSnapshotExecutor({
            catalog: catalogServiceMock({ entities }),
            auth: mockServices.auth(),
          }),
          createPlanAssessmentExecutor({
            context: () => createAssessContext(config),
            dependsOn: [TASK_TYPES.planSnapshotEntities],
          }),
          createSpecifyAssessmentExecutor({
            context: () => createAssessContext(config),
          }),
        ],
      });
      await engine.engine.start();
      try {
        const { migration } = await engine.service.create(
          createRequest({
            target: { provider: 'azure', region: 'westeurope' },
            entityRefs: entities.map(
              e => `resource:default/${e.metadata.name}`,
            ),
            options: {
              complianceProfile: 'gdpr',
              maintenanceWindows: ['2027-01-09T21:00:00Z/PT10H'],
              // The requester's pricing choices, over the operator's defaults.
              comfortFactor: 1.5,
              commitmentTerm: '3y',
              hybridBenefit: true,
            },
          }),
          alice,
        );
        await waitForStatus(engine.store, migration.id, 'completed', 90_000);

        const artifact = await engine.store.getArtifact(
          migration.id,
          'assessment.json',
        );
        const report = await engine.store.getArtifact(
          migration.id,
          'assessment.md',
        );
        const assessment = assessmentSchema.parse(
          JSON.parse(artifact!.content.toString('utf8')),
        ) as Assessment;
        expect(assessment.stage).toBe('specify');
        expect(assessment.migrationId).toBe(migration.id);
        expect(assessment.summary.resources).toBe(entities.length);
        expect(
          assessment.resources.every(r =>
            r.entityRef?.startsWith('resource:default/'),
          ),
        ).toBe(true);

        const byId = new Map(assessment.resources.map(r => [r.id, r]));
        const violations = assessment.dependencies.edges.filter(
          ({ from, to }) =>
            byId.get(from)!.moveGroup !== byId.get(to)!.moveGroup &&
            byId.get(to)!.wave >= byId.get(from)!.wave,
        );
        expect(violations).toEqual([]);
        expect(assessment.summary.endOfLifeSystems.length).toBeGreaterThan(5);
        expect(assessment.cost!.total.onDemand).toBeGreaterThan(0);
        expect(assessment.inputs.priceCatalog).toMatchObject({
          provider: 'azure',
          region: 'westeurope',
        });
        expect(assessment.inputs).toMatchObject({
          comfortFactor: 1.5,
          commitmentTerm: '3y',
          hybridBenefit: true,
          windowsLicensePerVcpuHour: 0,
        });
        expect(report!.content.toString('utf8')).toContain('## Waves');
        expect(report!.content.toString('utf8')).toContain(
          'Chosen commitment: 3-year commitment; Windows licenses brought',
        );

        const tasks = (await engine.service.status(migration.id)).phases
          .flatMap(p => p.tasks)
          .map(t => [t.phase, t.key, t.status]);
        expect(tasks).toEqual(
          expect.arrayContaining([
            ['plan', 'plan.snapshot-entities', 'succeeded'],
            ['plan', 'plan.assess', 'succeeded'],
            ['specify', 'specify.assess', 'succeeded'],
          ]),
        );
      } finally {
        await engine.stop();
      }
    },
  );
});
