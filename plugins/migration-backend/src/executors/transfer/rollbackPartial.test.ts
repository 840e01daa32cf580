import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { ConfigReader } from '@backstage/config';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { EC2Client } from '@aws-sdk/client-ec2';
import {
  MIGRATION_ARTIFACTS,
  TASK_TYPES,
} from '@sirsi-nexus/plugin-migration-common';
import { createAwsCapabilities } from '@sirsi-nexus/plugin-migration-backend-module-aws';
import {
  createCloudCapabilityLookup,
  type CloudCapabilityLookup,
  type MigrationExecutor,
} from '@sirsi-nexus/plugin-migration-node';
import type { Knex } from 'knex';
// s3rver is a test dependency of the aws module; its harness is used from there.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import { startS3rver } from '../../../../migration-backend-module-aws/src/storage/__testUtils__/startS3rver';
import {
  alice,
  bob,
  countingExecutors,
  createRequest,
  createTestEngine,
  waitFor,
  waitForStatus,
  type TestEngine,
} from '../../__testUtils__/engineHarness';
import {
  createTestDatabases,
  initMigratedDatabase,
} from '../../__testUtils__/testDatabases';
import { readExecutionConfig } from '../config';
import { planEntities, vm } from './__testUtils__/flowHarness';
import { createTransferExecutor } from './createTransferExecutor';

jest.setTimeout(120_000);

const MiB = 1024 * 1024;
const BUCKET = 'rollback-data';

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs
    .readdir(dir, { recursive: true, withFileTypes: true })
    .catch(() => []);
  return entries
    .filter(e => e.isFile())
    .map(e => path.relative(dir, path.join(e.parentPath, e.name)));
}

/**
 * A rollback undoes what a transfer cancelled part-way left behind, not only finished work: the
 * `.partial` file in the staging directory, or the unfinished multipart upload at S3.
 */
describe('rollback after a transfer cancelled mid-way', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let dir: string;
    const running: TestEngine[] = [];

    beforeAll(async () => {
      knex = await initMigratedDatabase(databases, databaseId);
    });

    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rollback-partial-'));
    });

    afterEach(async () => {
      await Promise.all(running.splice(0).map(e => e.stop()));
      await fs.rm(dir, { recursive: true, force: true });
    });

    /**
     * A migration whose transfer phase is only `transfer.data` of one 24 MiB file, throttled to
     * 8 MiB/s so it is still running when it is cancelled.
     */
    async function startTransfer(options: {
      rehearsal: boolean;
      capabilities: CloudCapabilityLookup;
    }) {
      const source = path.join(dir, 'source', 'disk.img');
      await fs.mkdir(path.dirname(source), { recursive: true });
      await fs.writeFile(source, randomBytes(24 * MiB));
      const defaults = readExecutionConfig(new ConfigReader({}));
      const config = {
        ...defaults,
        transfer: {
          ...defaults.transfer,
          stagingDir: path.join(dir, 'staging'),
          allowedSourceRoots: [path.join(dir, 'source')],
          chunkSizeBytes: 5 * MiB,
          concurrency: 1,
          bandwidthLimitBytesPerSecond: 8 * MiB,
        },
      };
      const transfer = createTransferExecutor({
        config,
        capabilities: options.capabilities,
      });
      const dataOnly: MigrationExecutor = {
        ...transfer,
        taskType: TASK_TYPES.transferMove,
        plan: () => [
          {
            key: 'transfer.data',
            title: 'Move data with integrity checks',
            input: { step: 'data' },
          },
        ],
      };
      const entities = planEntities([
        vm('web-01', {
          tags: { 'transfer-source': pathToFileURL(source).toString() },
        }),
      ]);
      const { executors } = countingExecutors({
        plan: {
          async run(ctx) {
            await ctx.artifacts.put(
              MIGRATION_ARTIFACTS.planEntities.name,
              entities,
            );
            return {};
          },
        },
      });
      const engine = createTestEngine({
        knex,
        executors: [...executors.filter(e => e.phase !== 'transfer'), dataOnly],
      });
      running.push(engine);
      await engine.engine.start();
      const { migration } = await engine.service.create(
        createRequest({
          target: { provider: 'aws', region: 'us-east-1' },
          options: { rehearsal: options.rehearsal },
        }),
        alice,
      );
      const data = await waitFor(
        async () => {
          const row = await knex('tasks')
            .where({ migration_id: migration.id, key: 'transfer.data' })
            .first();
          return row && Number(row.progress) > 0.1 ? row : undefined;
        },
        60_000,
        'the transfer to be under way',
      );
      return { engine, migration, data };
    }

    async function cancelAndRollBack(engine: TestEngine, id: string) {
      await engine.service.cancel(id, alice, 'fault test');
      await engine.service.rollback(id, bob, 'fault test');
      const done = await waitForStatus(engine.store, id, 'rolled_back', 60_000);
      const tasks = (await engine.store.getPhases(id)).flatMap(p => p.tasks);
      return { done, tasks };
    }

    it('leaves nothing in the staging directory (file target)', async () => {
      const { engine, migration, data } = await startTransfer({
        rehearsal: true,
        capabilities: createCloudCapabilityLookup({}),
      });
      const staging = path.join(dir, 'staging');
      expect(
        (await filesUnder(staging)).some(f => f.endsWith('.partial')),
      ).toBe(true);

      const { tasks } = await cancelAndRollBack(engine, migration.id);
      expect(tasks.find(t => t.id === data.id)?.status).toBe('cancelled');
      expect(
        tasks.find(t => t.key === 'transfer.data#compensate'),
      ).toMatchObject({ status: 'succeeded', mode: 'compensate' });
      expect(await filesUnder(staging)).toEqual([]);
    });

    it('leaves no object and no unfinished upload (S3 target, s3rver)', async () => {
      const s3 = await startS3rver(BUCKET);
      try {
        const aws = createAwsCapabilities({
          config: new ConfigReader({
            migration: {
              transfer: { s3: { bucket: BUCKET, region: 'us-east-1' } },
            },
          }),
          clients: {
            s3: () => s3.client(),
            ec2: region => new EC2Client({ region }),
          },
        });
        const { engine, migration } = await startTransfer({
          rehearsal: false,
          capabilities: createCloudCapabilityLookup({
            aws: { storage: aws.storage },
          }),
        });
        const uploads = () => [
          ...new Set(
            s3.requests
              .filter(r => r.method === 'PUT' && r.query.has('partNumber'))
              .map(r => r.query.get('uploadId')!),
          ),
        ];
        expect(uploads().length).toBe(1);

        await cancelAndRollBack(engine, migration.id);

        const client = s3.client();
        const listed = await client.send(
          new ListObjectsV2Command({ Bucket: BUCKET }),
        );
        expect(listed.Contents ?? []).toEqual([]);
        // s3rver answers ListMultipartUploads with NotImplemented and AbortMultipartUpload with
        // MethodNotAllowed, so what it shows is the abort the rollback sent for the upload
        // that had parts (S3 itself removes the parts on that call).
        const [uploadId] = uploads();
        expect(
          s3.requests.some(
            r => r.method === 'DELETE' && r.query.get('uploadId') === uploadId,
          ),
        ).toBe(true);
      } finally {
        await s3.stop();
      }
    });
  });
});
