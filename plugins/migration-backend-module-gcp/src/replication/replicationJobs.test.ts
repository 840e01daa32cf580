import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import type {
  ReplicatedServer,
  ReplicationJob,
  ServerReplicator,
} from '@sirsi-nexus/plugin-migration-node';
import { deterministicRequestId } from '../google/requestIds';
import { googleErrors } from '../testUtils/googleTestAuth';
import {
  LOCATION,
  PROJECT,
  TARGET_PROJECT,
  ZONE,
  replicatorSetup,
} from '../testUtils/replicatorSetup';

jest.setTimeout(30_000);

const server = setupServer();
registerMswTestHooks(server);

const OPS = `projects/${PROJECT}/locations/${LOCATION}/operations`;

/** Polls a job as the transfer phase would, until it is no longer running. */
async function settle(replicator: ServerReplicator, job: ReplicationJob) {
  for (let i = 0; i < 20; i++) {
    const status = await replicator.job(job);
    if (status.state !== 'running') return status;
  }
  throw new Error('job did not settle');
}

function setup() {
  const env = replicatorSetup(server);
  const vm = env.m2vm.addVm('web', { displayName: 'web', sourceVmId: 'vm-7' });
  const web: ReplicatedServer = {
    entityRef: 'resource:default/web',
    name: 'web',
    serverId: vm,
  };
  return { ...env, vm, web };
}

describe('test clones', () => {
  it('creates a clone job, waits for its operation, polls the job and reports the instance', async () => {
    const { m2vm, compute, replicator, vm, web } = setup();
    m2vm.settings.operationPolls = 2;

    const job = await replicator.startTest([web]);
    expect(job).toEqual({
      id: `${vm}/cloneJobs/sirsi-test-1`,
      kind: 'test',
      serverIds: [vm],
    });
    const status = await settle(replicator, job);

    expect(status).toEqual({
      state: 'succeeded',
      instances: {
        [vm]: {
          id: `projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web-test-clone`,
          addresses: ['10.20.0.9'],
        },
      },
    });
    expect(m2vm.calls).toEqual([
      `GET ${vm}/cloneJobs`,
      `POST ${vm}/cloneJobs?cloneJobId=sirsi-test-1`,
      `GET ${OPS}/operation-1`,
      `GET ${OPS}/operation-1`,
      `GET ${vm}/cloneJobs/sirsi-test-1`,
      `GET ${vm}/cloneJobs/sirsi-test-1`,
    ]);
    expect(m2vm.requestIds).toEqual([
      deterministicRequestId(`${vm}/cloneJobs/sirsi-test-1`),
    ]);
    expect(compute.calls).toEqual([
      `GET projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web-test-clone`,
    ]);
  });

  it('a repeated start finds the clone it started instead of starting another', async () => {
    const { m2vm, replicator, vm, web } = setup();
    const first = await replicator.startTest([web]);
    await settle(replicator, first);
    m2vm.calls.length = 0;

    const again = await replicator.startTest([web]);

    expect(again).toEqual(first);
    expect(m2vm.calls).toEqual([`GET ${vm}/cloneJobs`]);
  });

  it('cleans up: deletes the clone instance in Compute Engine, then the next test is a new clone', async () => {
    const { m2vm, compute, replicator, vm, web } = setup();
    await settle(replicator, await replicator.startTest([web]));
    compute.calls.length = 0;
    m2vm.calls.length = 0;

    const cleanup = await replicator.cleanupTest([web]);
    const instance = `projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web-test-clone`;
    expect(cleanup).toEqual({
      id: `${vm}/cloneJobs/sirsi-test-1,${instance}`,
      kind: 'cleanup',
      serverIds: [vm],
    });
    expect(await settle(replicator, cleanup)).toEqual({
      state: 'succeeded',
      instances: {},
    });
    expect(compute.calls).toEqual([`DELETE ${instance}`, `GET ${instance}`]);
    expect(compute.instances.has(instance)).toBe(false);

    const next = await replicator.startTest([web]);
    expect(next.id).toBe(`${vm}/cloneJobs/sirsi-test-2`);
  });

  it('cancels a clone that is still running', async () => {
    const { m2vm, replicator, vm, web } = setup();
    await replicator.startTest([web]);
    m2vm.calls.length = 0;

    const cleanup = await replicator.cleanupTest([web]);
    expect(await settle(replicator, cleanup)).toMatchObject({
      state: 'succeeded',
    });
    expect(m2vm.calls).toEqual([
      `GET ${vm}/cloneJobs`,
      `POST ${vm}/cloneJobs/sirsi-test-1:cancel`,
      `GET ${vm}/cloneJobs/sirsi-test-1`,
    ]);
    expect(m2vm.jobs.get(`${vm}/cloneJobs/sirsi-test-1`)!.state).toBe(
      'CANCELLED',
    );
  });

  it('fails with the service message of a failed clone job', async () => {
    const { m2vm, replicator, vm, web } = setup();
    m2vm.failJobs.set(
      `${vm}/cloneJobs/sirsi-test-1`,
      'OS adaptation failed: the boot disk has no supported operating system.',
    );
    const status = await settle(replicator, await replicator.startTest([web]));
    expect(status).toEqual({
      state: 'failed',
      message: `${vm}/cloneJobs/sirsi-test-1 FAILED: OS adaptation failed: the boot disk has no supported operating system.`,
      instances: {},
    });
  });

  it('retries a legacy 403 rateLimitExceeded on the create call', async () => {
    const { m2vm, replicator, vm, web } = setup();
    m2vm.faults.push({
      method: 'POST',
      path: /cloneJobs$/,
      status: 403,
      body: googleErrors.rateLimit403(),
      times: 1,
    });
    await replicator.startTest([web]);
    expect(m2vm.calls.slice(0, 3)).toEqual([
      `GET ${vm}/cloneJobs`,
      `POST ${vm}/cloneJobs?cloneJobId=sirsi-test-1`,
      `POST ${vm}/cloneJobs?cloneJobId=sirsi-test-1`,
    ]);
    // Both attempts carried the same request id, so the service can tell the repeat.
    expect(new Set(m2vm.requestIds).size).toBe(1);
  });
});

describe('cutover, finalize and revert', () => {
  it('cuts over, then finalizes', async () => {
    const { m2vm, replicator, vm, web } = setup();
    const cutover = await replicator.startCutover([web]);
    const status = await settle(replicator, cutover);
    expect(status).toEqual({
      state: 'succeeded',
      instances: {
        [vm]: {
          id: `projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web`,
          addresses: ['10.20.0.10'],
        },
      },
    });
    expect(m2vm.vms.get(vm)!.state).toBe('CUTOVER');

    const finalize = await replicator.finalize([web]);
    expect(finalize).toEqual({
      id: `${OPS}/operation-2`,
      kind: 'finalize',
      serverIds: [vm],
    });
    expect(await settle(replicator, finalize)).toMatchObject({
      state: 'succeeded',
    });
    expect(m2vm.vms.get(vm)!.state).toBe('FINALIZED');
    expect(m2vm.calls).toEqual([
      `GET ${vm}?view=MIGRATING_VM_VIEW_FULL`,
      `GET ${vm}/cutoverJobs`,
      `POST ${vm}/cutoverJobs?cutoverJobId=sirsi-cutover-1`,
      `GET ${OPS}/operation-1`,
      `GET ${vm}/cutoverJobs/sirsi-cutover-1`,
      `GET ${vm}/cutoverJobs/sirsi-cutover-1`,
      `GET ${vm}?view=MIGRATING_VM_VIEW_FULL`,
      `POST ${vm}:finalizeMigration`,
      `GET ${OPS}/operation-2`,
      `GET ${vm}?view=MIGRATING_VM_VIEW_FULL`,
    ]);

    // Finalizing again starts nothing.
    m2vm.calls.length = 0;
    expect((await replicator.finalize([web])).id).toBe('');
    expect(m2vm.calls).toEqual([`GET ${vm}?view=MIGRATING_VM_VIEW_FULL`]);
  });

  it('reverts a cutover before finalization: replication resumes and the cutover instance goes', async () => {
    const { m2vm, compute, replicator, vm, web } = setup();
    await settle(replicator, await replicator.startCutover([web]));
    m2vm.calls.length = 0;
    compute.calls.length = 0;

    const revert = await replicator.revert([web]);
    const instance = `projects/${TARGET_PROJECT}/zones/${ZONE}/instances/web`;
    expect(revert.id).toBe(`${OPS}/operation-2,${instance}`);
    expect(await settle(replicator, revert)).toMatchObject({
      state: 'succeeded',
    });
    expect(m2vm.vms.get(vm)!.state).toBe('ACTIVE');
    expect(m2vm.calls).toEqual([
      `GET ${vm}?view=MIGRATING_VM_VIEW_FULL`,
      `GET ${vm}/cutoverJobs`,
      `POST ${vm}:resumeMigration`,
      `GET ${OPS}/operation-2`,
      `GET ${vm}?view=MIGRATING_VM_VIEW_FULL`,
    ]);
    expect(compute.calls).toEqual([`DELETE ${instance}`, `GET ${instance}`]);

    // A second cutover is a new job, not the reverted one.
    expect((await replicator.startCutover([web])).id).toBe(
      `${vm}/cutoverJobs/sirsi-cutover-2`,
    );
  });

  it('refuses to revert a finalized migration', async () => {
    const { m2vm, replicator, web } = setup();
    m2vm.vms.get(web.serverId)!.state = 'FINALIZED';
    await expect(replicator.revert([web])).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'web was finalized in Migrate to Virtual Machines; a finalized migration cannot be reverted — restore DNS and keep the source running',
    });
  });

  it('fails a cutover job with the service message', async () => {
    const { m2vm, replicator, vm, web } = setup();
    m2vm.failJobs.set(
      `${vm}/cutoverJobs/sirsi-cutover-1`,
      'Failed to shut down the source VM: VMware Tools are not running.',
    );
    const status = await settle(
      replicator,
      await replicator.startCutover([web]),
    );
    expect(status.state).toBe('failed');
    expect(status.message).toBe(
      `${vm}/cutoverJobs/sirsi-cutover-1 FAILED: Failed to shut down the source VM: VMware Tools are not running.`,
    );
    expect(m2vm.vms.get(vm)!.state).toBe('ACTIVE');
  });
});
