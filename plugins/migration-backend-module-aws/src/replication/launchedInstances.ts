import {
  DescribeInstancesCommand,
  type EC2Client,
  type Instance,
} from '@aws-sdk/client-ec2';
import type { LaunchedInstance } from '@sirsi-nexus/plugin-migration-node';
import { awsCall } from '../clients/awsServiceError';

const GONE = new Set(['terminated', 'shutting-down']);

function addresses(instance: Instance): string[] {
  const privateIps = [
    instance.PrivateIpAddress,
    ...(instance.NetworkInterfaces ?? []).flatMap(n =>
      (n.PrivateIpAddresses ?? []).map(a => a.PrivateIpAddress),
    ),
  ];
  const publicIps = [
    instance.PublicIpAddress,
    ...(instance.NetworkInterfaces ?? []).map(n => n.Association?.PublicIp),
  ];
  return [
    ...new Set([...privateIps, ...publicIps].filter((a): a is string => !!a)),
  ];
}

/**
 * The EC2 instances MGN launched, with their addresses (private first) for validation to probe.
 * Terminated instances and ids EC2 no longer knows are left out: a filter on `instance-id`
 * instead of `InstanceIds`, which fails the whole call for one unknown id.
 */
export async function describeLaunchedInstances(
  ec2: EC2Client,
  region: string,
  ids: string[],
  signal?: AbortSignal,
): Promise<Map<string, LaunchedInstance>> {
  const found = new Map<string, LaunchedInstance>();
  const unique = [...new Set(ids)];
  if (unique.length === 0) return found;
  let nextToken: string | undefined;
  do {
    const token = nextToken;
    const page = await awsCall(
      { service: 'Amazon EC2', action: 'ec2:DescribeInstances', region },
      () =>
        ec2.send(
          new DescribeInstancesCommand({
            Filters: [{ Name: 'instance-id', Values: unique }],
            NextToken: token,
          }),
          { abortSignal: signal },
        ),
    );
    for (const instance of (page.Reservations ?? []).flatMap(
      r => r.Instances ?? [],
    )) {
      if (!instance.InstanceId || GONE.has(instance.State?.Name ?? ''))
        continue;
      found.set(instance.InstanceId, {
        id: instance.InstanceId,
        addresses: addresses(instance),
      });
    }
    nextToken = page.NextToken || undefined;
  } while (nextToken);
  return found;
}
