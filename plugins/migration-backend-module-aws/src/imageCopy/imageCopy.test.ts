import { setupServer } from 'msw/node';
import { http, HttpResponse } from 'msw';
import { EC2Client } from '@aws-sdk/client-ec2';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { AwsImageCopier } from './imageCopy';

const server = setupServer();
registerMswTestHooks(server);

const NS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

interface Call {
  region: string;
  action: string;
  params: Record<string, string>;
}

/** EC2 over its Query protocol: form-encoded POSTs, XML answers, errors in `<Response><Errors>`. */
function fakeEc2(
  options: {
    denied?: string[];
    /** Image ids EC2 answers `InvalidAMIID.Unavailable` for. */
    unavailable?: string[];
  } = {},
) {
  const calls: Call[] = [];
  const images = new Map<
    string,
    {
      region: string;
      name: string;
      state: string;
      snapshots: string[];
      polls: number;
    }
  >();
  const snapshots = new Map<string, { region: string; progress: number }>();
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
        if (options.denied?.includes(action)) {
          return error(
            403,
            'UnauthorizedOperation',
            'You are not authorized to perform this operation. Encoded authorization failure message: abc',
          );
        }
        const imageParam = params.ImageId ?? params['ImageId.1'];
        if (imageParam && options.unavailable?.includes(imageParam)) {
          return error(
            400,
            'InvalidAMIID.Unavailable',
            `The image ID '${imageParam}' is no longer available`,
          );
        }
        if (params.DryRun === 'true') {
          return error(
            412,
            'DryRunOperation',
            'Request would have succeeded, but DryRun flag is set.',
          );
        }
        switch (action) {
          case 'CreateImage': {
            if (
              [...images.values()].some(
                i => i.name === params.Name && i.region === region,
              )
            ) {
              return error(
                400,
                'InvalidAMIName.Duplicate',
                `AMI name ${params.Name} is already in use by AMI ami-x`,
              );
            }
            const id = `ami-src${++counter}`;
            const snap = `snap-src${counter}`;
            snapshots.set(snap, { region, progress: 100 });
            images.set(id, {
              region,
              name: params.Name,
              state: 'pending',
              snapshots: [snap],
              polls: 0,
            });
            return ok(action, `<imageId>${id}</imageId>`);
          }
          case 'CopyImage': {
            const id = `ami-dst${++counter}`;
            const snap = `snap-dst${counter}`;
            snapshots.set(snap, { region, progress: 0 });
            images.set(id, {
              region,
              name: params.Name,
              state: 'pending',
              snapshots: [snap],
              polls: 0,
            });
            return ok(action, `<imageId>${id}</imageId>`);
          }
          case 'CopySnapshot': {
            const id = `snap-dst${++counter}`;
            snapshots.set(id, { region, progress: 0 });
            return ok(action, `<snapshotId>${id}</snapshotId>`);
          }
          case 'ModifySnapshotAttribute':
            return ok(action, '<return>true</return>');
          case 'DescribeImages': {
            const wanted = params['ImageId.1'];
            if (wanted && images.get(wanted)?.region !== region) {
              return error(
                400,
                'InvalidAMIID.NotFound',
                `The image id '[${wanted}]' does not exist`,
              );
            }
            const found = wanted
              ? [[wanted, images.get(wanted)!] as const]
              : [...images.entries()].filter(
                  ([, i]) =>
                    i.name === params['Filter.1.Value.1'] &&
                    i.region === region,
                );
            const items = found.map(([id, image]) => {
              image.polls++;
              // An image turns available once all its snapshots are complete.
              if (image.snapshots.every(s => snapshots.get(s)!.progress >= 100))
                image.state = 'available';
              return `<item><imageId>${id}</imageId><imageState>${
                image.state
              }</imageState><name>${
                image.name
              }</name><blockDeviceMapping>${image.snapshots
                .map(
                  s =>
                    `<item><deviceName>/dev/xvda</deviceName><ebs><snapshotId>${s}</snapshotId><volumeSize>8</volumeSize></ebs></item>`,
                )
                .join('')}</blockDeviceMapping></item>`;
            });
            return ok(action, `<imagesSet>${items.join('')}</imagesSet>`);
          }
          case 'DeregisterImage': {
            const id = params.ImageId;
            if (images.get(id)?.region !== region) {
              return error(
                400,
                'InvalidAMIID.NotFound',
                `The image id '[${id}]' does not exist`,
              );
            }
            images.delete(id);
            return ok(action, '<return>true</return>');
          }
          case 'DeleteSnapshot': {
            const id = params.SnapshotId;
            if (snapshots.get(id)?.region !== region) {
              return error(
                400,
                'InvalidSnapshot.NotFound',
                `The snapshot '${id}' does not exist.`,
              );
            }
            const user = [...images.entries()].find(([, i]) =>
              i.snapshots.includes(id),
            );
            if (user) {
              return error(
                400,
                'InvalidSnapshot.InUse',
                `The snapshot ${id} is currently in use by ${user[0]}`,
              );
            }
            snapshots.delete(id);
            return ok(action, '<return>true</return>');
          }
          case 'DescribeSnapshots': {
            const ids = Object.entries(params)
              .filter(([k]) => k.startsWith('SnapshotId.'))
              .map(([, v]) => v);
            const items = ids.map(id => {
              const snapshot = snapshots.get(id)!;
              const item = `<item><snapshotId>${id}</snapshotId><status>${
                snapshot.progress >= 100 ? 'completed' : 'pending'
              }</status><progress>${
                snapshot.progress
              }%</progress><volumeSize>8</volumeSize><encrypted>true</encrypted></item>`;
              snapshot.progress = Math.min(100, snapshot.progress + 40);
              return item;
            });
            return ok(action, `<snapshotSet>${items.join('')}</snapshotSet>`);
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

function copier() {
  const credentials = {
    accessKeyId: 'AKIDEXAMPLE',
    secretAccessKey: 'example',
  };
  return new AwsImageCopier({
    source: new EC2Client({ region: 'us-east-1', credentials, maxAttempts: 1 }),
    target: new EC2Client({ region: 'eu-west-1', credentials, maxAttempts: 1 }),
    sourceRegion: 'us-east-1',
    pollIntervalMs: 1,
  });
}

describe('AwsImageCopier', () => {
  it('images an instance and copies the AMI across regions, reporting progress', async () => {
    const { calls } = fakeEc2();
    const aws = copier();
    const progress: number[] = [];

    const imageId = await aws.createImage('i-0abc', 'sirsi-m1-web-01');
    await aws.waitForImage(imageId, 'source');
    const copyId = await aws.copyImage(imageId, 'sirsi-m1-web-01', 'token-1');
    const snapshots = await aws.waitForImage(copyId, 'target', p => {
      progress.push(p);
    });

    expect(imageId).toMatch(/^ami-src/);
    expect(copyId).toMatch(/^ami-dst/);
    expect(snapshots).toHaveLength(1);
    expect(progress[progress.length - 1]).toBe(100);
    expect(progress.some(p => p > 0 && p < 100)).toBe(true);
    const copy = calls.find(c => c.action === 'CopyImage')!;
    expect(copy.region).toBe('eu-west-1');
    expect(copy.params).toMatchObject({
      SourceImageId: imageId,
      SourceRegion: 'us-east-1',
      Encrypted: 'true',
      ClientToken: 'token-1',
    });
    expect(calls.find(c => c.action === 'CreateImage')!.params.NoReboot).toBe(
      'true',
    );
  });

  it('finds the image a retried CreateImage already made', async () => {
    fakeEc2();
    const aws = copier();
    const first = await aws.createImage('i-0abc', 'sirsi-m1-db');
    const again = await aws.createImage('i-0abc', 'sirsi-m1-db');
    expect(again).toBe(first);
  });

  it('copies and shares snapshots, polling until completed', async () => {
    const { calls } = fakeEc2();
    const aws = copier();
    await aws.shareSnapshot('snap-0123', '210987654321');
    const id = await aws.copySnapshot('snap-0123', 'orders data disk');
    const seen: string[] = [];
    await aws.waitForSnapshot(id, 'target', (p, state) => {
      seen.push(`${p}:${state}`);
    });
    expect(seen).toEqual([
      '0:pending',
      '40:pending',
      '80:pending',
      '100:completed',
    ]);
    expect(
      calls.find(c => c.action === 'ModifySnapshotAttribute')!.params,
    ).toMatchObject({
      'CreateVolumePermission.Add.1.UserId': '210987654321',
    });
  });

  it('rehearses with DryRun and tells permitted from denied', async () => {
    const { calls } = fakeEc2({ denied: ['CopySnapshot'] });
    const aws = copier();

    const { create } = await aws.rehearseInstanceCopy(
      'i-0abc',
      'sirsi-m1-web-01',
    );
    expect(create).toEqual({
      permitted: true,
      message: 'Request would have succeeded, but DryRun flag is set.',
    });
    expect(await aws.rehearseCopy('image', 'ami-1', 'x')).toMatchObject({
      permitted: true,
    });
    const denied = await aws.rehearseCopy('snapshot', 'snap-1', 'x');
    expect(denied.permitted).toBe(false);
    expect(denied.message).toMatch(/not authorized/);
    expect(calls.filter(c => c.params.DryRun === 'true')).toHaveLength(3);
  });

  describe('removeCopy', () => {
    /** Images an instance and copies the AMI, as the transfer does. */
    async function copied(aws: AwsImageCopier) {
      const imageId = await aws.createImage('i-0abc', 'sirsi-m1-web-01');
      const imageSnapshots = await aws.waitForImage(imageId, 'source');
      const copyId = await aws.copyImage(imageId, 'sirsi-m1-web-01', 't-1');
      const copySnapshots = await aws.waitForImage(copyId, 'target');
      return { imageId, imageSnapshots, copyId, copySnapshots };
    }
    const removals = (calls: Call[]) =>
      calls
        .filter(c => ['DeregisterImage', 'DeleteSnapshot'].includes(c.action))
        .map(
          c =>
            `${c.region} ${c.action} ${
              c.params.ImageId ?? c.params.SnapshotId
            }`,
        );

    it('deregisters the copy and the intermediate image and deletes their snapshots, each in its region', async () => {
      const { calls, images, snapshots } = fakeEc2();
      const aws = copier();
      const { imageId, imageSnapshots, copyId, copySnapshots } = await copied(
        aws,
      );
      expect(images.size).toBe(2);
      expect(snapshots.size).toBe(2);
      calls.length = 0;

      const removed = await aws.removeCopy({
        // The copy's snapshots come from DescribeImages, the intermediate's from the record.
        copy: { imageId: copyId },
        intermediate: { imageId, snapshotIds: imageSnapshots },
        name: 'sirsi-m1-web-01',
      });

      expect(removed).toEqual([
        {
          imageId: copyId,
          region: 'eu-west-1',
          image: 'deregistered',
          deletedSnapshots: copySnapshots,
          goneSnapshots: [],
        },
        {
          imageId,
          region: 'us-east-1',
          image: 'deregistered',
          deletedSnapshots: imageSnapshots,
          goneSnapshots: [],
        },
      ]);
      expect(removals(calls)).toEqual([
        `eu-west-1 DeregisterImage ${copyId}`,
        `eu-west-1 DeleteSnapshot ${copySnapshots[0]}`,
        `us-east-1 DeregisterImage ${imageId}`,
        `us-east-1 DeleteSnapshot ${imageSnapshots[0]}`,
      ]);
      // The snapshots were read before the image was deregistered.
      const describe = calls.findIndex(
        c => c.action === 'DescribeImages' && c.params['ImageId.1'] === copyId,
      );
      const deregister = calls.findIndex(
        c => c.action === 'DeregisterImage' && c.params.ImageId === copyId,
      );
      expect(describe).toBeGreaterThanOrEqual(0);
      expect(describe).toBeLessThan(deregister);
      expect(images.size).toBe(0);
      expect(snapshots.size).toBe(0);
    });

    it('never touches the image a copy was made from', async () => {
      const { calls, images, snapshots } = fakeEc2();
      const aws = copier();
      // An AMI that was there before: copied, not created by the copier.
      const sourceImage = await aws.createImage('i-0abc', 'sirsi-m1-web-01');
      const [sourceSnapshot] = await aws.waitForImage(sourceImage, 'source');
      const copyId = await aws.copyImage(sourceImage, 'sirsi-m1-web-01', 't');
      await aws.waitForImage(copyId, 'target');
      calls.length = 0;

      await aws.removeCopy({ copy: { imageId: copyId } });

      expect(calls.filter(c => c.region === 'us-east-1')).toEqual([]);
      expect(removals(calls)).toHaveLength(2);
      expect(images.has(sourceImage)).toBe(true);
      expect(images.has(copyId)).toBe(false);
      expect(snapshots.has(sourceSnapshot)).toBe(true);
    });

    it('counts images and snapshots that are already gone as removed', async () => {
      const { calls, images, snapshots } = fakeEc2();
      const aws = copier();
      const { imageId, imageSnapshots, copyId, copySnapshots } = await copied(
        aws,
      );
      // A removal that stopped after deregistering the copy: its snapshot is left.
      images.delete(copyId);
      const created = {
        copy: { imageId: copyId, snapshotIds: copySnapshots },
        intermediate: { imageId, snapshotIds: imageSnapshots },
      };

      const first = await aws.removeCopy(created);
      expect(first[0]).toEqual({
        imageId: copyId,
        region: 'eu-west-1',
        image: 'gone',
        deletedSnapshots: copySnapshots,
        goneSnapshots: [],
      });
      expect(first[1]).toMatchObject({ image: 'deregistered' });
      expect(snapshots.size).toBe(0);

      calls.length = 0;
      const again = await aws.removeCopy(created);
      expect(again).toEqual([
        {
          imageId: copyId,
          region: 'eu-west-1',
          image: 'gone',
          deletedSnapshots: [],
          goneSnapshots: copySnapshots,
        },
        {
          imageId,
          region: 'us-east-1',
          image: 'gone',
          deletedSnapshots: [],
          goneSnapshots: imageSnapshots,
        },
      ]);
      // Nothing left to deregister; the snapshots answered InvalidSnapshot.NotFound.
      expect(calls.filter(c => c.action === 'DeregisterImage')).toEqual([]);
      expect(calls.filter(c => c.action === 'DeleteSnapshot')).toHaveLength(2);
    });

    it('counts an unavailable image as gone', async () => {
      fakeEc2({ unavailable: ['ami-gone1'] });
      const removed = await copier().removeCopy({
        copy: { imageId: 'ami-gone1' },
      });
      expect(removed).toEqual([
        {
          imageId: 'ami-gone1',
          region: 'eu-west-1',
          image: 'gone',
          deletedSnapshots: [],
          goneSnapshots: [],
        },
      ]);
    });

    it('leaves an image by another name alone', async () => {
      const { calls, images } = fakeEc2();
      const aws = copier();
      const { copyId } = await copied(aws);
      await expect(
        aws.removeCopy({
          copy: { imageId: copyId },
          name: 'sirsi-m2-web-01',
        }),
      ).rejects.toThrow(/named sirsi-m1-web-01, not sirsi-m2-web-01/);
      expect(removals(calls)).toEqual([]);
      expect(images.has(copyId)).toBe(true);
    });

    it('fails on other errors', async () => {
      fakeEc2({ denied: ['DeregisterImage'] });
      const aws = copier();
      const { copyId } = await copied(aws);
      await expect(
        aws.removeCopy({ copy: { imageId: copyId } }),
      ).rejects.toThrow(/not authorized/);
    });
  });
});
