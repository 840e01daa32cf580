import { randomUUID } from 'node:crypto';
import {
  ARM,
  faultResponse,
  http,
  HttpResponse,
  SUBSCRIPTION,
  type ArmFaults,
} from './arm';

export const DNS_RG = 'rg-dns';

type Json = Record<string, any>;

/** The `properties` of a record set as Azure DNS stores them (`TTL`, `ARecords`, …). */
export type RecordProperties = Json;

/** Azure DNS record sets of some zones behind msw (API 2018-05-01), with etags. */
export function createFakeAzureDns() {
  const sets = new Map<string, { etag: string; properties: Json }>();
  const calls: string[] = [];
  const headers: Array<Record<string, string | null>> = [];
  const faults: ArmFaults = { throttle: 0, expired: false };
  const path = `${ARM}/subscriptions/:sub/resourceGroups/${DNS_RG}/providers/Microsoft.Network/dnsZones/:zone/:type/:name`;

  const key = (zone: string, type: string, name: string) =>
    `${zone}/${type}/${name}`.toLowerCase();

  const body = (zone: string, type: string, name: string) => {
    const set = sets.get(key(zone, type, name))!;
    return {
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${DNS_RG}/providers/Microsoft.Network/dnszones/${zone}/${type}/${name}`,
      name,
      type: `Microsoft.Network/dnszones/${type}`,
      etag: set.etag,
      properties: {
        ...set.properties,
        fqdn: `${name === '@' ? '' : `${name}.`}${zone}.`,
        provisioningState: 'Succeeded',
        targetResource: {},
      },
    };
  };

  const notFound = (name: string) =>
    HttpResponse.json(
      {
        error: {
          code: 'NotFound',
          message: `The resource record '${name}' does not exist in resource group '${DNS_RG}' of subscription '${SUBSCRIPTION}'.`,
        },
      },
      { status: 404 },
    );

  const preconditionFailed = () =>
    HttpResponse.json(
      {
        error: {
          code: 'PreconditionFailed',
          message:
            'The Resource was modified since it was read (the etag given in If-Match does not match).',
        },
      },
      { status: 412 },
    );

  const handlers = [
    http.get(path, ({ params: { zone, type, name } }) => {
      calls.push(`GET ${type} ${name}`);
      const fault = faultResponse(faults, 'GET');
      if (fault) return fault;
      const z = String(zone);
      if (!sets.has(key(z, String(type), String(name))))
        return notFound(String(name));
      return HttpResponse.json(body(z, String(type), String(name)));
    }),
    http.put(path, async ({ params: { zone, type, name }, request }) => {
      calls.push(`PUT ${type} ${name}`);
      headers.push({
        'if-match': request.headers.get('if-match'),
        'if-none-match': request.headers.get('if-none-match'),
      });
      const fault = faultResponse(faults, 'PUT');
      if (fault) return fault;
      const k = key(String(zone), String(type), String(name));
      const existing = sets.get(k);
      const ifMatch = request.headers.get('if-match');
      if (
        (ifMatch && ifMatch !== existing?.etag) ||
        (request.headers.get('if-none-match') === '*' && existing)
      ) {
        return preconditionFailed();
      }
      const { properties } = (await request.json()) as Json;
      sets.set(k, { etag: randomUUID(), properties });
      const created = !existing;
      return HttpResponse.json(body(String(zone), String(type), String(name)), {
        status: created ? 201 : 200,
        headers: { ETag: sets.get(k)!.etag },
      });
    }),
    http.delete(path, ({ params: { zone, type, name }, request }) => {
      calls.push(`DELETE ${type} ${name}`);
      headers.push({ 'if-match': request.headers.get('if-match') });
      const fault = faultResponse(faults, 'DELETE');
      if (fault) return fault;
      const k = key(String(zone), String(type), String(name));
      const ifMatch = request.headers.get('if-match');
      if (ifMatch && ifMatch !== sets.get(k)?.etag) return preconditionFailed();
      const existed = sets.delete(k);
      return new HttpResponse(null, { status: existed ? 200 : 204 });
    }),
  ];

  return {
    handlers,
    calls,
    headers,
    faults,
    /** Puts a record set into the zone as if someone had made it. */
    seed(zone: string, type: string, name: string, properties: Json) {
      const etag = randomUUID();
      sets.set(key(zone, type, name), { etag, properties });
      return etag;
    },
    stored: (zone: string, type: string, name: string) =>
      sets.get(key(zone, type, name)),
  };
}

export type FakeAzureDns = ReturnType<typeof createFakeAzureDns>;
