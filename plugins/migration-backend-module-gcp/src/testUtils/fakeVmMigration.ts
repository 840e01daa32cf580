import { http, HttpResponse } from 'msw';
import type {
  InventoryVm,
  MigratingVm,
  MigrationJob,
  Operation,
} from '../replication/vmMigrationTypes';
import type { FakeCompute } from './fakeCompute';
import { TEST_TOKEN } from './googleTestAuth';

const API = 'https://vmmigration.googleapis.com/v1/';

type Job = MigrationJob & { collection: 'cloneJobs' | 'cutoverJobs' };
type PendingOperation = {
  operation: Operation;
  polls: number;
  done: () => void;
};
type Fault = {
  method: string;
  path: RegExp;
  status: number;
  body: object;
  times: number;
};

const status = (code: number, rpc: string, message: string) => ({
  error: { code, message, status: rpc },
});

/**
 * Migrate to Virtual Machines (REST v1) as far as the replicator uses it, in the service's JSON
 * formats: migrating VMs (paged), the source's inventory, clone and cutover jobs that move
 * PENDING → ACTIVE → SUCCEEDED (or FAILED) one step per read, long-running operations done after
 * `operationPolls` reads, and faults served before any route. Every call is recorded as
 * `METHOD path?query` (without the request id, which is kept in `requestIds`).
 */
export function createFakeVmMigration(options: {
  compute: FakeCompute;
  project: string;
  location: string;
  source: string;
  targetProject: string;
  zone: string;
  pageSize?: number;
}) {
  const base = `projects/${options.project}/locations/${options.location}`;
  const source = `${base}/sources/${options.source}`;
  const vms = new Map<string, MigratingVm>();
  const jobs = new Map<string, Job>();
  const operations = new Map<string, PendingOperation>();
  const byRequestId = new Map<string, Operation>();
  const failJobs = new Map<string, string>();
  const faults: Fault[] = [];
  const calls: string[] = [];
  const requestIds: string[] = [];
  const inventory: InventoryVm[] = [];
  const fake = { operationPolls: 1 };
  let nextOperation = 0;

  const startOperation = (
    response: Record<string, unknown>,
    done: () => void = () => {},
  ) => {
    const operation: Operation = {
      name: `${base}/operations/operation-${++nextOperation}`,
      done: false,
      metadata: {
        '@type':
          'type.googleapis.com/google.cloud.vmmigration.v1.OperationMetadata',
        createTime: new Date().toISOString(),
      },
    };
    operations.set(operation.name, {
      operation,
      polls: 0,
      done: () => {
        operation.done = true;
        operation.response = response;
        done();
      },
    });
    return operation;
  };

  const view = (vm: MigratingVm, full: boolean): MigratingVm => {
    if (!full) return vm;
    const recent = (collection: Job['collection']) =>
      [...jobs.values()]
        .filter(
          j => j.collection === collection && j.name.startsWith(`${vm.name}/`),
        )
        .map(({ collection: _, ...job }) => job);
    return {
      ...vm,
      recentCloneJobs: recent('cloneJobs'),
      recentCutoverJobs: recent('cutoverJobs'),
    };
  };

  /** One step of a job per read, launching its instance when it succeeds. */
  const advance = (job: Job) => {
    const vm = vms.get(
      job.name.slice(0, job.name.indexOf(`/${job.collection}/`)),
    )!;
    if (job.state === 'PENDING') job.state = 'ACTIVE';
    else if (job.state === 'ACTIVE' && failJobs.has(job.name)) {
      job.state = 'FAILED';
      job.error = { code: 9, message: failJobs.get(job.name) };
      if (job.collection === 'cutoverJobs') vm.state = 'ACTIVE';
    } else if (job.state === 'ACTIVE') {
      job.state = 'SUCCEEDED';
      const d = job.computeEngineTargetDetails!;
      options.compute.instances.set(
        `projects/${d.project}/zones/${d.zone}/instances/${d.vmName}`,
        {
          id: d.vmName!,
          networkIP:
            job.collection === 'cloneJobs' ? '10.20.0.9' : '10.20.0.10',
        },
      );
      if (job.collection === 'cutoverJobs') vm.state = 'CUTOVER';
    } else if (job.state === 'CANCELLING') {
      job.state = 'CANCELLED';
      if (job.collection === 'cutoverJobs') vm.state = 'ACTIVE';
    }
    job.stateTime = new Date().toISOString();
  };

  const createJob = (
    vmName: string,
    collection: Job['collection'],
    id: string | null,
  ) => {
    const vm = vms.get(vmName)!;
    const name = `${vmName}/${collection}/${id}`;
    if (jobs.has(name)) {
      return HttpResponse.json(
        status(409, 'ALREADY_EXISTS', `Resource '${name}' already exists`),
        { status: 409 },
      );
    }
    const defaults = vm.computeEngineTargetDefaults ?? {};
    const job: Job = {
      name,
      collection,
      state: 'PENDING',
      createTime: new Date(Date.now() + jobs.size).toISOString(),
      computeEngineTargetDetails: {
        project: options.targetProject,
        zone: defaults.zone ?? options.zone,
        vmName:
          collection === 'cloneJobs'
            ? `${defaults.vmName}-test-clone`
            : defaults.vmName,
      },
    };
    jobs.set(name, job);
    if (collection === 'cutoverJobs') vm.state = 'CUTTING_OVER';
    return HttpResponse.json(startOperation({ ...job }));
  };

  const vmAction = (vmName: string, action: string) => {
    const vm = vms.get(vmName)!;
    if (action === 'finalizeMigration') {
      vm.state = 'FINALIZING';
      return startOperation({}, () => (vm.state = 'FINALIZED'));
    }
    return startOperation({}, () => (vm.state = 'ACTIVE'));
  };

  const patch = async (request: Request, vmName: string, url: URL) => {
    const vm = vms.get(vmName)!;
    const body = (await request.json()) as MigratingVm;
    const defaults: Record<string, unknown> = {
      ...vm.computeEngineTargetDefaults,
    };
    for (const path of url.searchParams.get('updateMask')!.split(',')) {
      const field = path
        .replace('compute_engine_target_defaults.', '')
        .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      defaults[field] = (
        body.computeEngineTargetDefaults as Record<string, unknown>
      )[field];
    }
    vm.computeEngineTargetDefaults = defaults;
    return HttpResponse.json(startOperation({ ...vm }));
  };

  const route = async (request: Request, url: URL, path: string) => {
    const full = url.searchParams.get('view') === 'MIGRATING_VM_VIEW_FULL';
    const method = request.method;
    if (method === 'GET' && path === `${source}/migratingVms`) {
      const all = [...vms.values()];
      const size = options.pageSize ?? 500;
      const from = Number(url.searchParams.get('pageToken') || 0);
      const page = all.slice(from, from + size).map(vm => view(vm, full));
      return HttpResponse.json({
        migratingVms: page,
        ...(from + size < all.length
          ? { nextPageToken: String(from + size) }
          : {}),
      });
    }
    if (method === 'GET' && path === `${source}:fetchInventory`) {
      return HttpResponse.json({
        vmwareVms: { details: inventory },
        updateTime: new Date().toISOString(),
      });
    }
    if (method === 'GET' && operations.has(path)) {
      const pending = operations.get(path)!;
      if (!pending.operation.done && ++pending.polls >= fake.operationPolls)
        pending.done();
      return HttpResponse.json(pending.operation);
    }
    const collection = /^(.+)\/(cloneJobs|cutoverJobs)$/.exec(path);
    if (collection && method === 'POST') {
      return createJob(
        collection[1],
        collection[2] as Job['collection'],
        url.searchParams.get(
          collection[2] === 'cloneJobs' ? 'cloneJobId' : 'cutoverJobId',
        ),
      );
    }
    if (collection && method === 'GET') {
      const list = [...jobs.values()]
        .filter(
          j =>
            j.collection === collection[2] &&
            j.name.startsWith(`${collection[1]}/`),
        )
        .map(({ collection: _, ...job }) => job);
      return HttpResponse.json({ [collection[2]]: list });
    }
    const action = /^(.+):(cancel|finalizeMigration|resumeMigration)$/.exec(
      path,
    );
    if (action && method === 'POST' && action[2] === 'cancel') {
      const job = jobs.get(action[1])!;
      job.state = 'CANCELLING';
      return HttpResponse.json(startOperation({}));
    }
    if (action && method === 'POST')
      return HttpResponse.json(vmAction(action[1], action[2]));
    if (method === 'PATCH' && vms.has(path)) return patch(request, path, url);
    if (method === 'GET' && vms.has(path))
      return HttpResponse.json(view(vms.get(path)!, full));
    if (method === 'GET' && jobs.has(path)) {
      const job = jobs.get(path)!;
      advance(job);
      const { collection: _, ...wire } = job;
      return HttpResponse.json(wire);
    }
    return HttpResponse.json(
      status(404, 'NOT_FOUND', `Resource '${path}' was not found`),
      { status: 404 },
    );
  };

  const handler = http.all(`${API}*`, async ({ request }) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname.slice('/v1/'.length));
    const requestId = url.searchParams.get('requestId');
    if (requestId) requestIds.push(requestId);
    url.searchParams.delete('requestId');
    const query = url.searchParams.toString();
    calls.push(`${request.method} ${path}${query ? `?${query}` : ''}`);
    if (requestId) url.searchParams.set('requestId', requestId);
    if (request.headers.get('authorization') !== `Bearer ${TEST_TOKEN}`) {
      return HttpResponse.json(
        status(
          401,
          'UNAUTHENTICATED',
          'Request is missing required authentication credential.',
        ),
        { status: 401 },
      );
    }
    const fault = faults.find(
      f => f.times > 0 && f.method === request.method && f.path.test(path),
    );
    if (fault) {
      fault.times--;
      return HttpResponse.json(fault.body, { status: fault.status });
    }
    if (requestId && byRequestId.has(requestId))
      return HttpResponse.json(byRequestId.get(requestId));
    const response = await route(request, url, path);
    if (requestId && response.status === 200) {
      byRequestId.set(requestId, (await response.clone().json()) as Operation);
    }
    return response;
  });

  return {
    handler,
    source,
    base,
    vms,
    jobs,
    inventory,
    failJobs,
    faults,
    calls,
    requestIds,
    settings: fake,
    /** Adds a migrating VM `<source>/migratingVms/<id>`. */
    addVm(id: string, vm: Partial<MigratingVm>) {
      const name = `${source}/migratingVms/${id}`;
      vms.set(name, {
        name,
        state: 'ACTIVE',
        computeEngineTargetDefaults: { vmName: id, zone: options.zone },
        ...vm,
      });
      return name;
    },
  };
}

export type FakeVmMigration = ReturnType<typeof createFakeVmMigration>;
