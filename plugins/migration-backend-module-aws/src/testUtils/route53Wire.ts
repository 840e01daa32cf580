/*
 * Route 53 as it answers on the wire: REST-XML on route53.amazonaws.com under /2013-04-01/,
 * in the https://route53.amazonaws.com/doc/2013-04-01/ namespace; errors as
 * `<ErrorResponse><Error><Type>Sender</Type><Code>…</Code>` with HTTP 400.
 */
import { http, HttpResponse } from 'msw';
import { CallLog, Script } from './scriptedService';

const NS = 'https://route53.amazonaws.com/doc/2013-04-01/';

function xml(body: string, status = 200) {
  return new HttpResponse(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { 'Content-Type': 'text/xml' },
  });
}

const ROOT: Record<string, string> = {
  ListResourceRecordSets: 'ListResourceRecordSetsResponse',
  ChangeResourceRecordSets: 'ChangeResourceRecordSetsResponse',
  GetChange: 'GetChangeResponse',
};

export function route53Script(log: CallLog) {
  const script = new Script('route53', log, (inner, op) =>
    xml(`<${ROOT[op]} xmlns="${NS}">${inner}</${ROOT[op]}>`),
  );
  const base = 'https://route53.amazonaws.com/2013-04-01';
  const handlers = [
    http.get(`${base}/hostedzone/:zone/rrset`, ({ request, params }) => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      return script.respond('ListResourceRecordSets', {
        zone: params.zone,
        ...query,
      });
    }),
    // The API reference writes `rrset/`; the SDK sends `rrset`.
    http.post(
      /^https:\/\/route53\.amazonaws\.com\/2013-04-01\/hostedzone\/([^/]+)\/rrset\/?$/,
      async ({ request }) =>
        script.respond('ChangeResourceRecordSets', {
          zone: new URL(request.url).pathname.split('/')[3],
          body: await request.text(),
        }),
    ),
    http.get(`${base}/change/:id`, ({ params }) =>
      script.respond('GetChange', { id: params.id }),
    ),
  ];
  return { script, handlers };
}

export function route53Error(code: string, message: string, status = 400) {
  return xml(
    `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>9f1ba1d2-0000-4000-8000-000000000001</RequestId></ErrorResponse>`,
    status,
  );
}

export function recordSets(
  sets: Array<{
    name: string;
    type: string;
    ttl?: number;
    values?: string[];
    alias?: string;
  }>,
  next?: { name: string; type: string },
) {
  return `<ResourceRecordSets>${sets
    .map(
      s =>
        `<ResourceRecordSet><Name>${s.name}</Name><Type>${s.type}</Type>${
          s.alias
            ? `<AliasTarget><HostedZoneId>Z32O12XQLNTSW2</HostedZoneId><DNSName>${s.alias}</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>`
            : `<TTL>${s.ttl}</TTL><ResourceRecords>${(s.values ?? [])
                .map(
                  v => `<ResourceRecord><Value>${v}</Value></ResourceRecord>`,
                )
                .join('')}</ResourceRecords>`
        }</ResourceRecordSet>`,
    )
    .join('')}</ResourceRecordSets><IsTruncated>${!!next}</IsTruncated>${
    next
      ? `<NextRecordName>${next.name}</NextRecordName><NextRecordType>${next.type}</NextRecordType>`
      : ''
  }<MaxItems>1</MaxItems>`;
}

export function changeInfo(id: string, status: 'PENDING' | 'INSYNC') {
  return `<ChangeInfo><Id>/change/${id}</Id><Status>${status}</Status><SubmittedAt>2025-03-02T22:00:01.000Z</SubmittedAt><Comment>SirsiNexus Migrate DNS cutover</Comment></ChangeInfo>`;
}
