import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { sleep, type RetrySettings } from '@sirsi-nexus/plugin-migration-node';
import { callGoogle } from '../google/googleRetry';
import type {
  FetchInventoryResponse,
  InventoryVm,
  MigratingVm,
  MigrationJob,
  Operation,
} from './vmMigrationTypes';

/**
 * What makes authenticated HTTP calls: google-auth-library's `GoogleAuth` or any of its clients.
 *
 * @public
 */
export interface GoogleRequester {
  request<T>(options: {
    url: string;
    method?: string;
    params?: Record<string, string | number | boolean | undefined>;
    data?: unknown;
    signal?: AbortSignal;
  }): Promise<{ data: T }>;
}

/**
 * The error of a failed operation (a `google.rpc.Status`), as the Backstage error of its code:
 * INVALID_ARGUMENT 3, NOT_FOUND 5, ALREADY_EXISTS 6, PERMISSION_DENIED 7, FAILED_PRECONDITION 9,
 * ABORTED 10, UNAUTHENTICATED 16.
 */
export function rpcStatusError(
  status: { code?: number; message?: string },
  prefix: string,
): Error {
  const text = `${prefix}: ${status.message ?? `code ${status.code}`}`;
  switch (status.code) {
    case 3:
      return new InputError(text);
    case 5:
      return new NotFoundError(text);
    case 6:
    case 9:
    case 10:
      return new ConflictError(text);
    case 7:
      return new NotAllowedError(text);
    case 16:
      return new AuthenticationError(text);
    default:
      return new ServiceUnavailableError(text);
  }
}

/** The job collections of a migrating VM. */
export type JobCollection = 'cloneJobs' | 'cutoverJobs';

const SERVICE = 'Migrate to Virtual Machines';

/** Options of {@link VmMigrationApi}. */
export interface VmMigrationApiOptions {
  auth: GoogleRequester;
  /** Default `https://vmmigration.googleapis.com`. */
  endpoint?: string;
  retry: RetrySettings;
  /** Between polls of a long-running operation (default 2000 ms). */
  pollIntervalMs?: number;
  /** How long a start call waits for its operation (default 10 minutes). */
  operationTimeoutMs?: number;
}

type Params = Record<string, string | number | boolean | undefined>;

/**
 * The REST v1 calls of Migrate to Virtual Machines this package makes — there is no maintained
 * Node client, so they go through google-auth-library's authenticated `request`. Every call is
 * retried on rate limits and transient failures and fails with a message naming it.
 */
export class VmMigrationApi {
  private readonly endpoint: string;

  constructor(private readonly options: VmMigrationApiOptions) {
    this.endpoint = (
      options.endpoint ?? 'https://vmmigration.googleapis.com'
    ).replace(/\/+$/, '');
  }

  private async call<T>(
    what: string,
    method: string,
    path: string,
    args: { params?: Params; body?: unknown; signal?: AbortSignal } = {},
  ): Promise<T> {
    const response = await callGoogle(
      `${SERVICE}: ${what}`,
      () =>
        this.options.auth.request<T>({
          url: `${this.endpoint}/v1/${path}`,
          method,
          params: args.params,
          data: args.body,
          signal: args.signal,
        }),
      { retry: this.options.retry, signal: args.signal },
    );
    return response.data;
  }

  /** Every migrating VM of a source, page by page (`view=MIGRATING_VM_VIEW_FULL` adds recent jobs). */
  async listMigratingVms(
    source: string,
    signal?: AbortSignal,
    view:
      | 'MIGRATING_VM_VIEW_BASIC'
      | 'MIGRATING_VM_VIEW_FULL' = 'MIGRATING_VM_VIEW_BASIC',
  ): Promise<MigratingVm[]> {
    const vms: MigratingVm[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call<{
        migratingVms?: MigratingVm[];
        nextPageToken?: string;
      }>(`list migrating VMs of ${source}`, 'GET', `${source}/migratingVms`, {
        params: { pageSize: 500, pageToken, view },
        signal,
      });
      vms.push(...(page.migratingVms ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return vms;
  }

  getMigratingVm(name: string, signal?: AbortSignal) {
    return this.call<MigratingVm>(`read ${name}`, 'GET', name, {
      params: { view: 'MIGRATING_VM_VIEW_FULL' },
      signal,
    });
  }

  /** The VMs the source (vCenter, AWS, Azure) reports, from the service's cache. */
  async fetchInventory(
    source: string,
    signal?: AbortSignal,
  ): Promise<InventoryVm[]> {
    const vms: InventoryVm[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call<FetchInventoryResponse>(
        `fetch the inventory of ${source}`,
        'GET',
        `${source}:fetchInventory`,
        { params: { pageToken }, signal },
      );
      for (const list of [page.vmwareVms, page.awsVms, page.azureVms]) {
        vms.push(...(list?.details ?? []));
      }
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return vms;
  }

  /** The recent clone or cutover jobs of a migrating VM (the service keeps the 25 newest). */
  async listJobs(
    vm: string,
    collection: JobCollection,
    signal?: AbortSignal,
  ): Promise<MigrationJob[]> {
    const jobs: MigrationJob[] = [];
    let pageToken: string | undefined;
    do {
      const page = await this.call<
        Partial<Record<JobCollection, MigrationJob[]>> & {
          nextPageToken?: string;
        }
      >(`list ${collection} of ${vm}`, 'GET', `${vm}/${collection}`, {
        params: { pageToken },
        signal,
      });
      jobs.push(...(page[collection] ?? []));
      pageToken = page.nextPageToken || undefined;
    } while (pageToken);
    return jobs;
  }

  getJob(name: string, signal?: AbortSignal) {
    return this.call<MigrationJob>(`read ${name}`, 'GET', name, { signal });
  }

  /** Creates a clone or cutover job under a caller-chosen id; the request id makes a repeat harmless. */
  createJob(
    vm: string,
    collection: JobCollection,
    jobId: string,
    requestId: string,
    signal?: AbortSignal,
  ) {
    const idParam = collection === 'cloneJobs' ? 'cloneJobId' : 'cutoverJobId';
    return this.call<Operation>(
      `create ${collection}/${jobId} of ${vm}`,
      'POST',
      `${vm}/${collection}`,
      { params: { [idParam]: jobId, requestId }, body: {}, signal },
    );
  }

  cancelJob(name: string, signal?: AbortSignal) {
    return this.call<Operation>(`cancel ${name}`, 'POST', `${name}:cancel`, {
      body: {},
      signal,
    });
  }

  finalizeMigration(vm: string, signal?: AbortSignal) {
    return this.call<Operation>(
      `finalize ${vm}`,
      'POST',
      `${vm}:finalizeMigration`,
      { body: {}, signal },
    );
  }

  resumeMigration(vm: string, signal?: AbortSignal) {
    return this.call<Operation>(
      `resume the replication of ${vm}`,
      'POST',
      `${vm}:resumeMigration`,
      { body: {}, signal },
    );
  }

  /** Patches the fields of `updateMask` (comma-separated field paths). */
  patchMigratingVm(
    vm: string,
    patch: Partial<MigratingVm>,
    updateMask: string,
    requestId: string,
    signal?: AbortSignal,
  ) {
    return this.call<Operation>(`update ${vm}`, 'PATCH', vm, {
      params: { updateMask, requestId },
      body: patch,
      signal,
    });
  }

  getOperation(name: string, signal?: AbortSignal) {
    return this.call<Operation>(`read operation ${name}`, 'GET', name, {
      signal,
    });
  }

  /**
   * Polls an operation until it is done; throws with the service's message when it ended with
   * an error, or when it does not finish within the operation timeout.
   */
  async waitForOperation(
    operation: Operation,
    what: string,
    signal?: AbortSignal,
  ): Promise<Operation> {
    const interval = this.options.pollIntervalMs ?? 2000;
    const deadline = Date.now() + (this.options.operationTimeoutMs ?? 600_000);
    let current = operation;
    while (!current.done) {
      if (Date.now() > deadline) {
        throw new ServiceUnavailableError(
          `${SERVICE}: ${what} did not finish in time (operation ${current.name})`,
        );
      }
      await sleep(interval, signal);
      current = await this.getOperation(current.name, signal);
    }
    if (current.error) {
      throw rpcStatusError(current.error, `${SERVICE}: ${what} failed`);
    }
    return current;
  }
}
