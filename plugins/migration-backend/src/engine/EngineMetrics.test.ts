import { metricsServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Knex } from 'knex';
import {
  alice,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitForStatus,
} from '../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../__testUtils__/testDatabases';
import { EngineMetrics } from './EngineMetrics';

describe('EngineMetrics', () => {
  const databases = createTestDatabases(['SQLITE_3']);
  let knex: Knex;

  beforeAll(async () => {
    knex = await initMigratedDatabase(databases, 'SQLITE_3');
  });

  it('counts claims, successes, failures and phase durations, and observes the queue', async () => {
    const service = metricsServiceMock.mock();
    const instruments = new Map<string, any>();
    service.createCounter.mockImplementation((name: string) => {
      const counter = { add: jest.fn() };
      instruments.set(name, counter);
      return counter;
    });
    service.createHistogram.mockImplementation((name: string) => {
      const histogram = { record: jest.fn() };
      instruments.set(name, histogram);
      return histogram;
    });
    service.createObservableGauge.mockImplementation((name: string) => {
      const gauge = { addCallback: jest.fn(), removeCallback: jest.fn() };
      instruments.set(name, gauge);
      return gauge;
    });
    let failOnce = true;
    const { executors } = countingExecutors({
      specify: {
        async run() {
          if (failOnce) {
            failOnce = false;
            throw new Error('transient');
          }
          return {};
        },
      },
    });
    const engine = createTestEngine({
      knex,
      executors,
      metrics: EngineMetrics.create(service, async () => 7),
    });
    await engine.engine.start();
    const { migration } = await engine.service.create(createRequest(), alice);
    await waitForStatus(engine.store, migration.id, 'completed');
    await engine.stop();

    const claimed = instruments.get('migration.tasks.claimed').add;
    expect(claimed).toHaveBeenCalledTimes(10);
    expect(claimed).toHaveBeenCalledWith(1, {
      task_type: 'test.plan',
      mode: 'run',
    });
    expect(
      instruments.get('migration.tasks.succeeded').add,
    ).toHaveBeenCalledTimes(9);
    expect(instruments.get('migration.tasks.failed').add).toHaveBeenCalledWith(
      1,
      {
        task_type: 'test.specify',
        mode: 'run',
        final: false,
      },
    );
    const durations = instruments.get('migration.phase.duration').record;
    expect(durations).toHaveBeenCalledTimes(9);
    expect(durations).toHaveBeenCalledWith(expect.any(Number), {
      phase: 'support',
    });

    const gauge = instruments.get('migration.tasks.queue_depth');
    const [callback] = gauge.addCallback.mock.calls[0];
    const observe = jest.fn();
    await callback({ observe });
    expect(observe).toHaveBeenCalledWith(7);
  });
});
