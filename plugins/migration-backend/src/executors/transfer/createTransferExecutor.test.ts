import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  MIGRATION_ARTIFACTS,
  type DiscoveredResource,
  type TransferReport,
} from '@sirsi-nexus/plugin-migration-common';
import {
  createAwsCapabilities,
  type AwsClients,
} from '@sirsi-nexus/plugin-migration-backend-module-aws';
import {
  createCloudCapabilityLookup,
  createMockTaskContext,
  resourceToEntity,
} from '@sirsi-nexus/plugin-migration-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readExecutionConfig } from '../config';
import { createTransferExecutor } from './createTransferExecutor';

const PLAN_ENTITIES_ARTIFACT = MIGRATION_ARTIFACTS.planEntities.name;
const IMAGE_COPIES_ARTIFACT = MIGRATION_ARTIFACTS.imageCopies.name;
const TRANSFER_ARTIFACT = MIGRATION_ARTIFACTS.transfer.name;

const server = setupServer();
registerMswTestHooks(server);

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

interface Call {
  region: string;
  action: string;
  params: Record<string, string>;
}

/**
 * EC2 over its Query protocol (form-encoded POSTs, XML answers, errors in `<Response><Errors>`).
 * Images are available at once; an image and its snapshot live in the region that made them.
 */
function fakeEc2() {
  const calls: Call[] = [];
  const images = new Map<
    string,
    { region: string; name: string; snapshot: string }
  >();
  const snapshots = new Map<string, { region: string }>();
  let counter = 0;
  const error = (status: number, code: string, message: string) =>
    new HttpResponse(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>`,
      { status, headers: { 'content-type': 'text/xml;charset=UTF-8' } },
    );
  const ok = (action: string, inner: string) =>
    new HttpResponse(
      `<?xml version="1.0" encoding="UTF-8"?>\n<${action}Response xmlns="${NS}"><requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>${inner}</${action}Response>`,
      { headers: { 'content-type': 'text/xml;charset=UTF-8' } },
    );
  const make = (region: string, name: string, kind: string) => {
    const id = `ami-${kind}${++counter}`;
    const snapshot = `snap-${kind}${counter}`;
    images.set(id, { region, name, snapshot });
    snapshots.set(snapshot, { region });
    return id;
  };

  server.use(
    http.post(
      /^https:\/\/ec2\.([a-z0-9-]+)\.amazonaws\.com\/$/,
      async ({ request }) => {
        const region = new URL(request.url).hostname.split('.')[1];
        const params = Object.fromEntries(
          new URLSearchParams(await request.text()),
        );
        const action = params.Action;
        calls.push({ region, action, params });
        if (params.DryRun === 'true') {
          return error(
            412,
            'DryRunOperation',
            'Request would have succeeded, but DryRun flag is set.',
          );
        }
        const imageId = params.ImageId ?? params['ImageId.1'];
        const image = images.get(imageId);
        const amiNotFound = () =>
          error(
            400,
            'InvalidAMIID.NotFound',
            `The image id '[${imageId}]' does not exist`,
          );
        switch (action) {
          case 'CreateImage':
            return ok(
              action,
              `<imageId>${make(region, params.Name, 'img')}</imageId>`,
            );
          case 'CopyImage':
            return ok(
              action,
              `<imageId>${make(region, params.Name, 'copy')}</imageId>`,
            );
          case 'DescribeImages':
            if (image?.region !== region) return amiNotFound();
            return ok(
              action,
              `<imagesSet><item><imageId>${imageId}</imageId><imageState>available</imageState><name>${image.name}</name><blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>${image.snapshot}</snapshotId><volumeSize>8</volumeSize></ebs></item></blockDeviceMapping></item></imagesSet>`,
            );
          case 'DeregisterImage':
            if (image?.region !== region) return amiNotFound();
            images.delete(imageId);
            return ok(action, '<return>true</return>');
          case 'DeleteSnapshot': {
            const id = params.SnapshotId;
            if (snapshots.get(id)?.region !== region) {
              return error(
                400,
                'InvalidSnapshot.NotFound',
                `The snapshot '${id}' does not exist.`,
              );
            }
            if ([...images.values()].some(i => i.snapshot === id)) {
              return error(
                400,
                'InvalidSnapshot.InUse',
                `The snapshot ${id} is currently in use`,
              );
            }
            snapshots.delete(id);
            return ok(action, '<return>true</return>');
          }
          default:
            return error(
              400,
              'InvalidAction',
              `The action ${action} is not valid for this web service.`,
            );
        }
      },
    ),
  );
  return { calls, images, snapshots };
}

const removals = (calls: Call[]) =>
  calls
    .filter(c => ['DeregisterImage', 'DeleteSnapshot'].includes(c.action))
    .map(
      c => `${c.region} ${c.action} ${c.params.ImageId ?? c.params.SnapshotId}`,
    );

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' };
const clients: AwsClients = {
  s3: region => new S3Client({ region, credentials }),
  ec2: region => new EC2Client({ region, credentials, maxAttempts: 1 }),
};

function vm(name: string, instanceId: string, region: string) {
  return {
    provider: 'aws',
    environmentId: 'aws-prod',
    externalId: instanceId,
    kind: 'vm',
    name,
    region,
    specs: { vcpus: 2, memoryMiB: 4096 },
    tags: {},
    dependsOn: [],
  } satisfies DiscoveredResource;
}

const plan = {
  capturedAt: '2026-11-20T10:00:00.000Z',
  selectedRefs: [],
  entities: [
    vm('web-01', 'i-0web', 'us-east-1'),
    vm('db-01', 'i-0db', 'us-west-2'),
  ].map(r => JSON.parse(JSON.stringify(resourceToEntity(r)))),
};
const report: TransferReport = {
  rehearsal: false,
  destination: 'file:///staging/m-1',
  status: {
    state: 'completed',
    totalBytes: 0,
    bytesTransferred: 0,
    speedBytesPerSecond: 0,
    objects: [],
    errors: [],
  },
  imageCopies: [],
  statements: [],
};

function setup(rehearsal: boolean) {
  const config = mockServices.rootConfig({ data: {} });
  const executor = createTransferExecutor({
    config: readExecutionConfig(config),
    capabilities: createCloudCapabilityLookup({
      aws: createAwsCapabilities({ config, clients }),
    }),
  });
  const migration = {
    id: 'm-1',
    target: { provider: 'aws' as const, region: 'eu-west-1' },
    options: { rehearsal },
  };
  const compensation = (
    output: JsonObject | undefined,
    artifacts: Record<string, JsonValue> = {},
    checkpoints?: Record<string, JsonValue>,
  ) =>
    createMockTaskContext({
      migration,
      input: { step: 'images' },
      compensates: { taskId: 'task-images', output },
      artifacts: {
        [TRANSFER_ARTIFACT]: report as unknown as JsonValue,
        ...artifacts,
      },
      checkpoints,
    });
  const run = async () => {
    const ctx = createMockTaskContext({
      migration,
      input: { step: 'images' },
      artifacts: { [PLAN_ENTITIES_ARTIFACT]: plan },
    });
    const output = (await executor.run(ctx.ctx)) as JsonObject;
    return { output, ctx };
  };
  return { executor, compensation, run };
}

describe('transfer.images compensation', () => {
  it('deregisters the AMI copies and the images made of the instances, deleting their snapshots', async () => {
    const { calls, images, snapshots } = fakeEc2();
    const { executor, compensation, run } = setup(false);
    const { output } = await run();
    expect(output).toMatchObject({
      images: 2,
      rehearsal: false,
      created: [
        {
          instanceId: 'i-0web',
          sourceRegion: 'us-east-1',
          targetRegion: 'eu-west-1',
          imageId: 'ami-img1',
          imageSnapshotIds: ['snap-img1'],
          copyId: 'ami-copy2',
          copySnapshotIds: ['snap-copy2'],
        },
        {
          instanceId: 'i-0db',
          sourceRegion: 'us-west-2',
          targetRegion: 'eu-west-1',
          imageId: 'ami-img3',
          imageSnapshotIds: ['snap-img3'],
          copyId: 'ami-copy4',
          copySnapshotIds: ['snap-copy4'],
        },
      ],
    });
    expect(images.size).toBe(4);
    calls.length = 0;

    const undo = compensation(output);
    const result = await executor.compensate!(undo.ctx);

    expect(removals(calls)).toEqual([
      'eu-west-1 DeregisterImage ami-copy2',
      'eu-west-1 DeleteSnapshot snap-copy2',
      'us-east-1 DeregisterImage ami-img1',
      'us-east-1 DeleteSnapshot snap-img1',
      'eu-west-1 DeregisterImage ami-copy4',
      'eu-west-1 DeleteSnapshot snap-copy4',
      'us-west-2 DeregisterImage ami-img3',
      'us-west-2 DeleteSnapshot snap-img3',
    ]);
    expect(images.size).toBe(0);
    expect(snapshots.size).toBe(0);
    // The instances themselves are not touched.
    expect(
      calls.filter(c => Object.values(c.params).some(v => v.startsWith('i-'))),
    ).toEqual([]);
    expect(result).toMatchObject({
      rehearsal: false,
      deregistered: 4,
      snapshotsDeleted: 4,
    });
    expect([...undo.checkpoints.keys()].sort()).toEqual([
      'remove-ami-copy2',
      'remove-ami-copy4',
    ]);
    const after = (await undo.readJson(TRANSFER_ARTIFACT)) as TransferReport;
    expect(after.statements).toEqual([
      expect.stringMatching(
        /^Rolled back: 2 AMI copy\(ies\) removed — 4 image\(s\) deregistered and 4 snapshot\(s\) deleted/,
      ),
    ]);

    // A retried compensation gets the checkpointed removals back and calls EC2 no more.
    calls.length = 0;
    const retry = compensation(
      output,
      {},
      Object.fromEntries(undo.checkpoints) as Record<string, JsonValue>,
    );
    expect(await executor.compensate!(retry.ctx)).toMatchObject({
      deregistered: 4,
      snapshotsDeleted: 4,
    });
    expect(calls).toEqual([]);
  });

  it('finishes a removal that stopped half way', async () => {
    const { calls, images, snapshots } = fakeEc2();
    const { executor, compensation, run } = setup(false);
    const { output } = await run();
    // The first copy was deregistered before the process died; its snapshot is left.
    images.delete('ami-copy2');
    calls.length = 0;

    const result = await executor.compensate!(compensation(output).ctx);

    expect(removals(calls)).toEqual([
      'eu-west-1 DeleteSnapshot snap-copy2',
      'us-east-1 DeregisterImage ami-img1',
      'us-east-1 DeleteSnapshot snap-img1',
      'eu-west-1 DeregisterImage ami-copy4',
      'eu-west-1 DeleteSnapshot snap-copy4',
      'us-west-2 DeregisterImage ami-img3',
      'us-west-2 DeleteSnapshot snap-img3',
    ]);
    expect(snapshots.size).toBe(0);
    expect(result).toMatchObject({ deregistered: 3, snapshotsDeleted: 4 });
  });

  it('removes nothing after a rehearsal, which only made DryRun calls', async () => {
    const { calls, images } = fakeEc2();
    const { executor, compensation, run } = setup(true);
    const { output } = await run();
    expect(output).toEqual({ images: 2, rehearsal: true, created: [] });
    expect(calls.map(c => [c.action, c.params.DryRun])).toEqual([
      ['CreateImage', 'true'],
      ['CreateImage', 'true'],
    ]);
    expect(images.size).toBe(0);
    calls.length = 0;

    const undo = compensation(output);
    const result = await executor.compensate!(undo.ctx);

    expect(result).toEqual({
      rehearsal: true,
      deregistered: 0,
      snapshotsDeleted: 0,
      reason: expect.stringMatching(/^Rehearsal: .*DryRun.*nothing to remove/),
    });
    expect(calls).toEqual([]);
    expect(undo.checkpoints.size).toBe(0);
  });

  it('reads what to remove from image-copies.json when the output does not record it', async () => {
    const { calls, images, snapshots } = fakeEc2();
    const { executor, compensation, run } = setup(false);
    const { ctx } = await run();
    const copies = await ctx.readJson(IMAGE_COPIES_ARTIFACT);
    calls.length = 0;

    const result = await executor.compensate!(
      compensation({ images: 2 }, { [IMAGE_COPIES_ARTIFACT]: copies! }).ctx,
    );

    // The snapshots come from DescribeImages, read before each image is deregistered.
    expect(removals(calls)).toEqual([
      'eu-west-1 DeregisterImage ami-copy2',
      'eu-west-1 DeleteSnapshot snap-copy2',
      'us-east-1 DeregisterImage ami-img1',
      'us-east-1 DeleteSnapshot snap-img1',
      'eu-west-1 DeregisterImage ami-copy4',
      'eu-west-1 DeleteSnapshot snap-copy4',
      'us-west-2 DeregisterImage ami-img3',
      'us-west-2 DeleteSnapshot snap-img3',
    ]);
    expect(images.size).toBe(0);
    expect(snapshots.size).toBe(0);
    expect(result).toMatchObject({ deregistered: 4, snapshotsDeleted: 4 });
  });

  it('leaves the baseline alone', async () => {
    const { calls } = fakeEc2();
    const { executor } = setup(false);
    const ctx = createMockTaskContext({
      input: { step: 'baseline' },
      compensates: { taskId: 'task-baseline', output: { endpoints: 1 } },
    });
    expect(await executor.compensate!(ctx.ctx)).toEqual({ undone: 0 });
    expect(calls).toEqual([]);
  });
});
