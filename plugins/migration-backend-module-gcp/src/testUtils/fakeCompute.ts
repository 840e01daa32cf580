import { http, HttpResponse } from 'msw';

const API = 'https://compute.googleapis.com/compute/v1/';
const LINK = 'https://www.googleapis.com/compute/v1/';

/** An instance Migrate to Virtual Machines launched: `projects/p/zones/z/instances/n`. */
export interface FakeInstance {
  id: string;
  networkIP: string;
  natIP?: string;
}

const notFound = (path: string) =>
  HttpResponse.json(
    {
      error: {
        code: 404,
        message: `The resource '${path}' was not found`,
        errors: [
          {
            message: `The resource '${path}' was not found`,
            domain: 'global',
            reason: 'notFound',
          },
        ],
      },
    },
    { status: 404 },
  );

/**
 * Compute Engine's REST API as the migration uses it: instances (read, delete) and subnetworks
 * (read), in its JSON format. Calls are recorded as `METHOD path`.
 */
export function createFakeCompute() {
  const instances = new Map<string, FakeInstance>();
  const subnetworks = new Map<string, string>();
  const calls: string[] = [];
  let operation = 0;
  const handler = http.all(`${API}*`, ({ request }) => {
    const url = new URL(request.url);
    const path = url.pathname.slice('/compute/v1/'.length);
    calls.push(`${request.method} ${path}`);
    if (path.includes('/subnetworks/')) {
      const network = subnetworks.get(path);
      if (!network) return notFound(path);
      return HttpResponse.json({
        kind: 'compute#subnetwork',
        name: path.split('/').pop(),
        network: `${LINK}${network}`,
        selfLink: `${LINK}${path}`,
      });
    }
    const instance = instances.get(path);
    if (!instance) return notFound(path);
    if (request.method === 'DELETE') {
      instances.delete(path);
      const [, project, , zone] = path.split('/');
      operation++;
      return HttpResponse.json({
        kind: 'compute#operation',
        id: String(operation),
        name: `operation-${operation}`,
        operationType: 'delete',
        status: 'RUNNING',
        zone: `${LINK}projects/${project}/zones/${zone}`,
        targetLink: `${LINK}${path}`,
        selfLink: `${LINK}projects/${project}/zones/${zone}/operations/operation-${operation}`,
      });
    }
    return HttpResponse.json({
      kind: 'compute#instance',
      name: path.split('/').pop(),
      status: 'RUNNING',
      networkInterfaces: [
        {
          kind: 'compute#networkInterface',
          name: 'nic0',
          networkIP: instance.networkIP,
          accessConfigs: instance.natIP
            ? [{ kind: 'compute#accessConfig', natIP: instance.natIP }]
            : [],
        },
      ],
      selfLink: `${LINK}${path}`,
    });
  });
  return { handler, instances, subnetworks, calls };
}

export type FakeCompute = ReturnType<typeof createFakeCompute>;
