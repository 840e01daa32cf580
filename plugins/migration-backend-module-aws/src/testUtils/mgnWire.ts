/*
 * Application Migration Service as it answers on the wire: REST-JSON, `POST /<Operation>` on
 * mgn.<region>.amazonaws.com, errors named by the `x-amzn-ErrorType` header with a `message`
 * body (throttling: HTTP 429 with `Retry-After`). Shapes from the MGN API reference
 * (SourceServer, Job, JobLog, LaunchConfiguration).
 */
import { http, HttpResponse } from 'msw';
import { CallLog, Script } from './scriptedService';

export function mgnScript(log: CallLog, region = 'eu-west-1') {
  const script = new Script('mgn', log, value =>
    HttpResponse.json(value as Record<string, unknown>, {
      headers: { 'x-amzn-RequestId': 'f1c3c6a1-0000-4000-8000-000000000001' },
    }),
  );
  const handler = http.post(
    new RegExp(`^https://mgn\\.${region}\\.amazonaws\\.com/([A-Za-z]+)$`),
    async ({ request }) => {
      const op = new URL(request.url).pathname.slice(1);
      const text = await request.text();
      return script.respond(op, text ? JSON.parse(text) : {});
    },
  );
  return { script, handler };
}

/** An MGN error response. */
export function mgnError(
  type: string,
  status: number,
  message: string,
  headers: Record<string, string> = {},
) {
  return HttpResponse.json(
    { message },
    {
      status,
      headers: {
        'x-amzn-ErrorType': type,
        'x-amzn-RequestId': 'f1c3c6a1-0000-4000-8000-0000000000ee',
        ...headers,
      },
    },
  );
}

export const GiB = 1024 ** 3;

interface ServerSpec {
  id: string;
  hostname?: string;
  fqdn?: string;
  ips?: string[];
  awsInstanceID?: string;
  lifeCycle?: string;
  replication?: string;
  disks?: Array<{ total: number; replicated: number; backlog?: number }>;
  lagDuration?: string;
  etaDateTime?: string;
  error?: { error: string; rawError?: string };
  launched?: { ec2InstanceID: string; jobID: string; firstBoot?: string };
  lastTestJob?: string;
  lastCutoverJob?: string;
  finalized?: boolean;
  isArchived?: boolean;
}

/** A SourceServer as DescribeSourceServers returns it. */
export function sourceServer(spec: ServerSpec) {
  return {
    sourceServerID: spec.id,
    arn: `arn:aws:mgn:eu-west-1:111122223333:source-server/${spec.id}`,
    isArchived: spec.isArchived ?? false,
    replicationType: 'AGENT_BASED',
    tags: {},
    dataReplicationInfo: {
      dataReplicationState: spec.replication ?? 'CONTINUOUS',
      lagDuration: spec.lagDuration,
      etaDateTime: spec.etaDateTime,
      lastSnapshotDateTime: '2025-03-01T10:00:00Z',
      dataReplicationError: spec.error,
      replicatedDisks: (
        spec.disks ?? [{ total: 100 * GiB, replicated: 100 * GiB }]
      ).map((d, i) => ({
        deviceName:
          i === 0 ? '/dev/sda' : `/dev/sd${String.fromCharCode(98 + i)}`,
        totalStorageBytes: d.total,
        replicatedStorageBytes: d.replicated,
        rescannedStorageBytes: 0,
        backloggedStorageBytes: d.backlog ?? 0,
      })),
    },
    launchedInstance: spec.launched,
    lifeCycle: {
      addedToServiceDateTime: '2025-02-20T08:00:00Z',
      elapsedReplicationDuration: 'P8DT2H',
      lastSeenByServiceDateTime: '2025-03-01T10:00:00Z',
      state: spec.lifeCycle ?? 'READY_FOR_TEST',
      lastTest: spec.lastTestJob
        ? {
            initiated: {
              apiCallDateTime: '2025-03-01T10:05:00Z',
              jobID: spec.lastTestJob,
            },
          }
        : undefined,
      lastCutover: spec.lastCutoverJob
        ? {
            initiated: {
              apiCallDateTime: '2025-03-02T22:00:00Z',
              jobID: spec.lastCutoverJob,
            },
            finalized: spec.finalized
              ? { apiCallDateTime: '2025-03-03T08:00:00Z' }
              : undefined,
          }
        : undefined,
    },
    sourceProperties: {
      lastUpdatedDateTime: '2025-03-01T09:00:00Z',
      recommendedInstanceType: 'm5.large',
      identificationHints: {
        hostname: spec.hostname,
        fqdn: spec.fqdn,
        awsInstanceID: spec.awsInstanceID,
      },
      networkInterfaces: [
        {
          macAddress: '00:50:56:9a:01:02',
          ips: spec.ips ?? [],
          isPrimary: true,
        },
      ],
      disks: [{ deviceName: '/dev/sda', bytes: 100 * GiB }],
      cpus: [{ cores: 4, modelName: 'Intel(R) Xeon(R) Gold 6248' }],
      ramBytes: 16 * GiB,
      os: { fullString: 'Ubuntu 22.04.4 LTS' },
    },
  };
}

/** A Job as StartTest / StartCutover / TerminateTargetInstances / DescribeJobs return it. */
export function job(spec: {
  id: string;
  type?: 'LAUNCH' | 'TERMINATE';
  initiatedBy?: string;
  status?: 'PENDING' | 'STARTED' | 'COMPLETED';
  servers: Array<{ id: string; launchStatus?: string; instance?: string }>;
}) {
  return {
    jobID: spec.id,
    arn: `arn:aws:mgn:eu-west-1:111122223333:job/${spec.id}`,
    type: spec.type ?? 'LAUNCH',
    initiatedBy: spec.initiatedBy ?? 'START_TEST',
    creationDateTime: '2025-03-01T10:05:00Z',
    endDateTime:
      spec.status === 'COMPLETED' ? '2025-03-01T10:25:00Z' : undefined,
    status: spec.status ?? 'PENDING',
    participatingServers: spec.servers.map(s => ({
      sourceServerID: s.id,
      launchStatus: s.launchStatus ?? 'PENDING',
      launchedEc2InstanceID: s.instance,
    })),
    tags: {},
  };
}
