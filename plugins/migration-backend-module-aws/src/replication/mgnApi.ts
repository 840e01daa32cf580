import {
  ChangeServerLifeCycleStateCommand,
  DescribeJobLogItemsCommand,
  DescribeJobsCommand,
  DescribeSourceServersCommand,
  FinalizeCutoverCommand,
  GetLaunchConfigurationCommand,
  MarkAsArchivedCommand,
  StartCutoverCommand,
  StartTestCommand,
  TerminateTargetInstancesCommand,
  UpdateLaunchConfigurationCommand,
  type ChangeServerLifeCycleStateSourceServerLifecycleState,
  type DescribeSourceServersRequestFilters,
  type Job,
  type JobLog,
  type LaunchConfiguration,
  type MgnClient,
  type SourceServer,
  type TargetInstanceTypeRightSizingMethod,
} from '@aws-sdk/client-mgn';
import { awsCall } from '../clients/awsServiceError';

/** The service's name in messages. */
export const MGN_SERVICE = 'AWS Application Migration Service';

/**
 * The MGN calls the replicator makes, each with a clear error (credentials, permissions,
 * throttling after the SDK's retries) naming the IAM action.
 */
export class MgnApi {
  constructor(private readonly client: MgnClient, readonly region: string) {}

  private send<T>(
    operation: string,
    run: (options: { abortSignal?: AbortSignal }) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    return awsCall(
      { service: MGN_SERVICE, action: `mgn:${operation}`, region: this.region },
      () => run({ abortSignal: signal }),
    );
  }

  /** Every item of a paginated operation, following `nextToken`. */
  private async all<T>(
    operation: string,
    page: (
      nextToken: string | undefined,
      options: { abortSignal?: AbortSignal },
    ) => Promise<{ items?: T[]; nextToken?: string }>,
    signal?: AbortSignal,
  ): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const current = token;
      const result = await this.send(operation, o => page(current, o), signal);
      items.push(...(result.items ?? []));
      token = result.nextToken || undefined;
    } while (token);
    return items;
  }

  /** All source servers the filters select. */
  sourceServers(
    filters: DescribeSourceServersRequestFilters,
    signal?: AbortSignal,
  ): Promise<SourceServer[]> {
    return this.all(
      'DescribeSourceServers',
      (nextToken, o) =>
        this.client.send(
          new DescribeSourceServersCommand({ filters, nextToken }),
          o,
        ),
      signal,
    );
  }

  async startTest(ids: string[], signal?: AbortSignal): Promise<Job> {
    const { job } = await this.send<{ job?: Job }>(
      'StartTest',
      o => this.client.send(new StartTestCommand({ sourceServerIDs: ids }), o),
      signal,
    );
    return this.required(job, 'StartTest');
  }

  async startCutover(ids: string[], signal?: AbortSignal): Promise<Job> {
    const { job } = await this.send<{ job?: Job }>(
      'StartCutover',
      o =>
        this.client.send(new StartCutoverCommand({ sourceServerIDs: ids }), o),
      signal,
    );
    return this.required(job, 'StartCutover');
  }

  async terminateTargetInstances(
    ids: string[],
    signal?: AbortSignal,
  ): Promise<Job> {
    const { job } = await this.send<{ job?: Job }>(
      'TerminateTargetInstances',
      o =>
        this.client.send(
          new TerminateTargetInstancesCommand({ sourceServerIDs: ids }),
          o,
        ),
      signal,
    );
    return this.required(job, 'TerminateTargetInstances');
  }

  changeLifeCycleState(
    id: string,
    state: ChangeServerLifeCycleStateSourceServerLifecycleState,
    signal?: AbortSignal,
  ): Promise<SourceServer> {
    return this.send(
      'ChangeServerLifeCycleState',
      o =>
        this.client.send(
          new ChangeServerLifeCycleStateCommand({
            sourceServerID: id,
            lifeCycle: { state },
          }),
          o,
        ),
      signal,
    );
  }

  finalizeCutover(id: string, signal?: AbortSignal): Promise<SourceServer> {
    return this.send(
      'FinalizeCutover',
      o =>
        this.client.send(new FinalizeCutoverCommand({ sourceServerID: id }), o),
      signal,
    );
  }

  markAsArchived(id: string, signal?: AbortSignal): Promise<SourceServer> {
    return this.send(
      'MarkAsArchived',
      o =>
        this.client.send(new MarkAsArchivedCommand({ sourceServerID: id }), o),
      signal,
    );
  }

  getLaunchConfiguration(
    id: string,
    signal?: AbortSignal,
  ): Promise<LaunchConfiguration> {
    return this.send(
      'GetLaunchConfiguration',
      o =>
        this.client.send(
          new GetLaunchConfigurationCommand({ sourceServerID: id }),
          o,
        ),
      signal,
    );
  }

  updateRightSizing(
    id: string,
    method: TargetInstanceTypeRightSizingMethod,
    signal?: AbortSignal,
  ): Promise<LaunchConfiguration> {
    return this.send(
      'UpdateLaunchConfiguration',
      o =>
        this.client.send(
          new UpdateLaunchConfigurationCommand({
            sourceServerID: id,
            targetInstanceTypeRightSizingMethod: method,
          }),
          o,
        ),
      signal,
    );
  }

  /** The job, or undefined when MGN does not know it. */
  async job(id: string, signal?: AbortSignal): Promise<Job | undefined> {
    const { items } = await this.send<{ items?: Job[] }>(
      'DescribeJobs',
      o =>
        this.client.send(
          new DescribeJobsCommand({ filters: { jobIDs: [id] } }),
          o,
        ),
      signal,
    );
    return items?.find(j => j.jobID === id);
  }

  /** Every log item of a job. */
  jobLog(id: string, signal?: AbortSignal): Promise<JobLog[]> {
    return this.all(
      'DescribeJobLogItems',
      (nextToken, o) =>
        this.client.send(
          new DescribeJobLogItemsCommand({ jobID: id, nextToken }),
          o,
        ),
      signal,
    );
  }

  private required(job: Job | undefined, operation: string): Job {
    if (!job?.jobID) {
      throw new Error(`${MGN_SERVICE} answered ${operation} without a job id`);
    }
    return job;
  }
}
