import { http, HttpResponse } from 'msw';

type RRSet = {
  kind?: string;
  name: string;
  type: string;
  ttl: number;
  rrdatas: string[];
};
type Change = {
  kind: 'dns#change';
  id: string;
  status: 'pending' | 'done';
  startTime: string;
  additions: RRSet[];
  deletions: RRSet[];
  polls: number;
};
type Fault = {
  method: string;
  path: RegExp;
  status: number;
  body: object;
  times: number;
};

const legacyError = (code: number, reason: string, message: string) => ({
  error: { code, message, errors: [{ message, domain: 'global', reason }] },
});

const same = (a: RRSet, b: RRSet) =>
  a.ttl === b.ttl &&
  JSON.stringify([...a.rrdatas].sort()) ===
    JSON.stringify([...b.rrdatas].sort());

/**
 * Cloud DNS v1 as the cutover uses it, in its JSON format: record sets by name and type,
 * atomic changes whose deletions must match the zone exactly (412 `conditionNotMet`) and whose
 * additions must not exist (409 `alreadyExists`), `pending` until read `pendingPolls` times.
 */
export function createFakeCloudDns(project: string, managedZones: string[]) {
  const zones = new Map(
    managedZones.map(zone => [
      zone,
      {
        rrsets: new Map<string, RRSet>(),
        changes: [
          {
            kind: 'dns#change',
            id: '0',
            status: 'done',
            startTime: '2024-01-01T00:00:00.000Z',
            additions: [],
            deletions: [],
            polls: 0,
          } as Change,
        ],
      },
    ]),
  );
  const calls: string[] = [];
  const faults: Fault[] = [];
  const settings = { pendingPolls: 1 };
  const wire = ({ polls: _, ...change }: Change) => change;

  const createChange = (
    zone: NonNullable<ReturnType<typeof zones.get>>,
    body: { additions?: RRSet[]; deletions?: RRSet[] },
  ) => {
    const deletions = body.deletions ?? [];
    const additions = body.additions ?? [];
    for (const [i, set] of deletions.entries()) {
      const current = zone.rrsets.get(`${set.name} ${set.type}`);
      if (!current || !same(current, set)) {
        const message = `Precondition not met for 'entity.change.deletions[${i}]'`;
        return HttpResponse.json(legacyError(412, 'conditionNotMet', message), {
          status: 412,
        });
      }
    }
    const deleted = new Set(deletions.map(s => `${s.name} ${s.type}`));
    for (const [i, set] of additions.entries()) {
      if (
        zone.rrsets.has(`${set.name} ${set.type}`) &&
        !deleted.has(`${set.name} ${set.type}`)
      ) {
        const message = `The resource 'entity.change.additions[${i}]' named '${set.name} (${set.type})' already exists`;
        return HttpResponse.json(legacyError(409, 'alreadyExists', message), {
          status: 409,
        });
      }
    }
    for (const key of deleted) zone.rrsets.delete(key);
    for (const set of additions) {
      zone.rrsets.set(`${set.name} ${set.type}`, {
        kind: 'dns#resourceRecordSet',
        name: set.name,
        type: set.type,
        ttl: set.ttl,
        rrdatas: set.rrdatas,
      });
    }
    const change: Change = {
      kind: 'dns#change',
      id: String(zone.changes.length),
      status: 'pending',
      startTime: new Date().toISOString(),
      additions,
      deletions,
      polls: 0,
    };
    zone.changes.push(change);
    return HttpResponse.json(wire(change));
  };

  const handler = http.all(
    'https://dns.googleapis.com/dns/v1/projects/*',
    async ({ request }) => {
      const url = new URL(request.url);
      const path = url.pathname.slice('/dns/v1/'.length);
      calls.push(`${request.method} ${path}${url.search}`);
      const fault = faults.find(
        f => f.times > 0 && f.method === request.method && f.path.test(path),
      );
      if (fault) {
        fault.times--;
        return HttpResponse.json(fault.body, { status: fault.status });
      }
      const match =
        /^projects\/([^/]+)\/managedZones\/([^/]+)\/(rrsets|changes)(?:\/([^/]+))?$/.exec(
          path,
        );
      const zone =
        match && match[1] === project ? zones.get(match[2]) : undefined;
      if (!match || !zone) {
        return HttpResponse.json(
          legacyError(
            404,
            'notFound',
            `The 'parameters.managedZone' resource named '${match?.[2]}' does not exist.`,
          ),
          { status: 404 },
        );
      }
      if (match[3] === 'rrsets') {
        const name = url.searchParams.get('name');
        const type = url.searchParams.get('type');
        const rrsets = [...zone.rrsets.values()].filter(
          s => (!name || s.name === name) && (!type || s.type === type),
        );
        return HttpResponse.json({
          kind: 'dns#resourceRecordSetsListResponse',
          rrsets,
        });
      }
      if (request.method === 'POST')
        return createChange(
          zone,
          (await request.json()) as {
            additions?: RRSet[];
            deletions?: RRSet[];
          },
        );
      if (match[4]) {
        const change = zone.changes.find(c => c.id === match[4]);
        if (!change)
          return HttpResponse.json(
            legacyError(
              404,
              'notFound',
              `The 'parameters.changeId' resource named '${match[4]}' does not exist.`,
            ),
            { status: 404 },
          );
        if (
          change.status === 'pending' &&
          ++change.polls >= settings.pendingPolls
        )
          change.status = 'done';
        return HttpResponse.json(wire(change));
      }
      const sorted = [...zone.changes].reverse();
      return HttpResponse.json({
        kind: 'dns#changesListResponse',
        changes: sorted
          .slice(0, Number(url.searchParams.get('maxResults') ?? 100))
          .map(wire),
      });
    },
  );

  return { handler, zones, calls, faults, settings };
}
