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
function fakeEc2(options: { denied?: string[] } = {}) {
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
            const found = params['ImageId.1']
              ? [images.get(params['ImageId.1'])]
                  .filter(Boolean)
                  .map(i => [params['ImageId.1'], i!] as const)
              : [...images.entries()].filter(
                  ([, i]) => i.name === params['Filter.1.Value.1'],
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
  return { calls };
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
});
