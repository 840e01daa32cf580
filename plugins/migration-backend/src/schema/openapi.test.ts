import fs from 'node:fs';
import path from 'node:path';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ASSESSMENT_RESOURCE_ORDER,
  MIGRATION_STRATEGIES,
  RISK_FACTOR_IDS,
  COMPLIANCE_PROFILES,
  MIGRATION_PHASES,
  MIGRATION_STATUSES,
  RISK_TOLERANCES,
  TARGET_PROVIDERS,
  TASK_STATUSES,
} from '@sirsi-nexus/plugin-migration-common';
import express from 'express';
import request from 'supertest';
import { parse } from 'yaml';
import type { MigrationService } from '../service/MigrationService';
import { createRouter } from '../service/router';
import { spec } from './openapi';

const yaml = parse(
  fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
);
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Operation {
  method: string;
  path: string;
  operation: any;
}

const operations: Operation[] = Object.entries<Record<string, any>>(
  yaml.paths,
).flatMap(([p, item]) =>
  Object.keys(item)
    .filter(method => METHODS.includes(method))
    .map(method => ({ method, path: p, operation: item[method] })),
);

function resolve(node: any): any {
  if (!node?.$ref) return node;
  return resolve(
    node.$ref
      .replace('#/', '')
      .split('/')
      .reduce((n: any, key: string) => n[key], yaml),
  );
}

/**
 * The router with services that allow everything (or as given) and empty dependencies of the
 * handlers: a handler that runs fails with a 500, so only what comes before the handlers answers.
 */
function routerWith(
  options: {
    httpAuth?: ReturnType<typeof mockServices.httpAuth>;
    permissions?: ReturnType<typeof mockServices.permissions>;
    auditor?: ReturnType<typeof mockServices.auditor.mock>;
  } = {},
) {
  return createRouter({
    httpAuth: options.httpAuth ?? mockServices.httpAuth(),
    auth: mockServices.auth(),
    permissions: options.permissions ?? mockServices.permissions(),
    auditor: options.auditor ?? mockServices.auditor.mock(),
    logger: mockServices.logger.mock(),
    service: {} as MigrationService,
    providers: {} as any,
    analysis: {} as any,
    execution: {} as any,
  });
}

/** {@link routerWith} behind Backstage's error handler, which writes the error bodies. */
async function app(options: Parameters<typeof routerWith>[0] = {}) {
  const logger = mockServices.logger.mock();
  const router = await routerWith(options);
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger,
  });
  return express().use(router).use(middleware.error());
}

/** A concrete URL of an operation: valid path parameters but those given. */
function urlOf(op: Operation, values: Record<string, string> = {}) {
  const valid = (name: string) => {
    const parameter = (op.operation.parameters ?? [])
      .map(resolve)
      .find((p: any) => p.name === name);
    return resolve(parameter?.schema)?.enum?.[0] ?? 'x';
  };
  return op.path.replace(
    /\{(\w+)\}/g,
    (_, name) => values[name] ?? valid(name),
  );
}

/** A value that breaks the first constraint of a parameter's schema, if it has one. */
function violating(schema: any): string | undefined {
  const item = resolve(schema.items) ?? schema;
  if (item.enum) return 'not-a-listed-value';
  if (item.pattern) return item.pattern === '\\S' ? '%20' : '..%2Fno-match';
  if (schema.minimum !== undefined) return String(schema.minimum - 1);
  if (item.format) return 'not%20a%20ref';
  return undefined;
}

/**
 * Requests the spec forbids, derived from it: a value outside every enum, pattern and minimum of
 * the parameters, an unknown field in a closed body, an empty body where fields are required.
 */
function forbiddenRequests(op: Operation) {
  const cases: Array<{ field: RegExp; url: string; body?: unknown }> = [];
  const requestBody = resolve(op.operation.requestBody);
  const body = resolve(requestBody?.content?.['application/json']?.schema);
  // A bad parameter is reported once the body is acceptable: the spec's example.
  const valid = requestBody?.required ? body.example : undefined;
  const parameters = (op.operation.parameters ?? []).map(resolve);
  for (const parameter of parameters) {
    const bad = violating(resolve(parameter.schema));
    if (bad === undefined) continue;
    const field = new RegExp(`^${parameter.name}(\\.0)?: `);
    if (parameter.in === 'path') {
      const url = urlOf(op, { [parameter.name]: bad });
      cases.push({ field, url, body: valid });
    } else {
      const url = `${urlOf(op)}?${parameter.name}=${bad}`;
      cases.push({ field, url, body: valid });
    }
  }
  if (body?.required?.length) {
    cases.push({
      field: new RegExp(`^${body.required[0]}: is required$`),
      url: urlOf(op),
      body: {},
    });
  } else if (body?.additionalProperties === false) {
    cases.push({
      field: /^body: unrecognized key\(s\) "unexpected"$/,
      url: urlOf(op),
      body: { unexpected: 1 },
    });
  }
  return cases;
}

describe('openapi.yaml', () => {
  it('is what the generated router serves (node scripts/generate-openapi.js)', () => {
    expect(spec).toEqual(yaml);
  });

  it('has a handler for every operation, and no handler without one', async () => {
    const router: any = await routerWith();
    const handled = router.stack
      .filter(
        (layer: any) => layer.route && layer.route.path !== '/openapi.json',
      )
      .flatMap((layer: any) =>
        Object.keys(layer.route.methods).map(
          method =>
            `${method.toUpperCase()} ${layer.route.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
      )
      .sort();
    expect(handled).toEqual(
      operations.map(op => `${op.method.toUpperCase()} ${op.path}`).sort(),
    );
  });

  describe.each(
    operations
      .map(op => [`${op.method.toUpperCase()} ${op.path}`, op] as const)
      .filter(([, op]) => forbiddenRequests(op).length > 0),
  )('%s', (_name, op) => {
    it('answers what the spec forbids with a 400 naming the field', async () => {
      const server = await app();
      for (const bad of forbiddenRequests(op)) {
        const call = (request(server) as any)[op.method](bad.url);
        const res = await (bad.body === undefined ? call : call.send(bad.body));
        expect([bad.url, res.status, res.body.error?.name]).toEqual([
          bad.url,
          400,
          'InputError',
        ]);
        expect(res.body.error.message).toMatch(bad.field);
      }
    });
  });

  it('authenticates (401) and authorizes (403) before it validates (400)', async () => {
    const invalid = { title: '' };
    const anonymous = await app({
      httpAuth: mockServices.httpAuth({
        defaultCredentials: mockCredentials.none(),
      }),
    });
    expect(
      (await request(anonymous).post('/migrations').send(invalid)).status,
    ).toBe(401);
    const refused = await app({
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    const res = await request(refused).post('/migrations').send(invalid);
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
  });

  it('records every changing call with the auditor, a refused one included', async () => {
    const fail = jest.fn();
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success: jest.fn(), fail })),
    });
    const server = await app({
      auditor,
      permissions: mockServices.permissions({ result: AuthorizeResult.DENY }),
    });
    const changing = operations.filter(op => op.method !== 'get');
    for (const op of changing) {
      const res = await (request(server) as any)[op.method](urlOf(op));
      expect([op.path, res.status]).toEqual([op.path, 403]);
    }
    const eventIds = auditor.createEvent.mock.calls.map(
      ([event]) => event.eventId,
    );
    expect(eventIds).toHaveLength(changing.length);
    expect(eventIds.every(id => id.startsWith('migration-'))).toBe(true);
    expect(fail).toHaveBeenCalledTimes(changing.length);
  });

  it("lists the phase contract's values", () => {
    const schemas = yaml.components.schemas;
    expect(schemas.MigrationTarget.properties.provider.enum).toEqual([
      ...TARGET_PROVIDERS,
    ]);
    expect(schemas.MigrationOptions.properties.complianceProfile.enum).toEqual([
      ...COMPLIANCE_PROFILES,
    ]);
    expect(schemas.MigrationOptions.properties.riskTolerance.enum).toEqual([
      ...RISK_TOLERANCES,
    ]);
    expect(schemas.MigrationPhase.enum).toEqual([...MIGRATION_PHASES]);
    expect(schemas.MigrationStatus.enum).toEqual([...MIGRATION_STATUSES]);
    expect(schemas.TaskStatus.enum).toEqual([...TASK_STATUSES]);
    const resourcesQuery = Object.fromEntries(
      yaml.paths['/migrations/{id}/assessment/resources'].get.parameters
        .filter((p: { in?: string }) => p.in === 'query')
        .map((p: { name: string; schema: any }) => [p.name, p.schema]),
    );
    expect(resourcesQuery.orderBy.enum).toEqual([...ASSESSMENT_RESOURCE_ORDER]);
    expect(resourcesQuery.strategy.items.enum).toEqual([
      ...MIGRATION_STRATEGIES,
    ]);
    expect(resourcesQuery.risk.enum).toEqual([...RISK_FACTOR_IDS]);
  });

  it('declares 401 and 403 on every route that needs a permission', () => {
    for (const { path: p, method, operation } of operations) {
      expect([p, method, Object.keys(operation.responses)]).toEqual([
        p,
        method,
        expect.arrayContaining(p === '/health' ? ['401'] : ['401', '403']),
      ]);
    }
  });
});
