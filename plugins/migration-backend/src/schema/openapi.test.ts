import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { createRouter } from '../service/router';
import { createAnalysisRouter } from '../service/createAnalysisRouter';
import { createExecutionRouter } from '../service/execution/createExecutionRouter';
import type { MigrationService } from '../service/MigrationService';

/** `METHOD /path/{param}` of every route an express router registers. */
function registeredRoutes(router: any): string[] {
  const routes: string[] = [];
  for (const layer of router.stack) {
    if (!layer.route) {
      continue;
    }
    for (const method of Object.keys(layer.route.methods)) {
      routes.push(
        `${method.toUpperCase()} ${layer.route.path.replace(
          /:(\w+)/g,
          '{$1}',
        )}`,
      );
    }
  }
  return routes.sort();
}

describe('openapi.yaml', () => {
  const spec = parse(
    fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
  );
  const documented: string[] = Object.entries<Record<string, unknown>>(
    spec.paths,
  )
    .flatMap(([p, ops]) =>
      Object.keys(ops)
        .filter(k => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
        .map(method => `${method.toUpperCase()} ${p}`),
    )
    .sort();

  it('documents exactly the routes the plugin registers', async () => {
    const common = {
      httpAuth: mockServices.httpAuth(),
      auth: mockServices.auth(),
      permissions: mockServices.permissions(),
      logger: mockServices.logger.mock(),
      auditor: mockServices.auditor.mock(),
    };
    const routers = [
      await createRouter({ service: {} as MigrationService, ...common }),
      await createAnalysisRouter({
        ...common,
        catalog: {} as any,
        providers: { get: () => undefined, list: () => [] },
        assessContext: () => ({} as any),
        advisor: () => undefined,
      }),
      await createExecutionRouter({
        ...common,
        access: {} as any,
        store: {} as any,
        config: {} as any,
        notifications: {} as any,
      }),
    ];
    const routes = routers.flatMap(registeredRoutes).sort();
    expect(routes.length).toBeGreaterThanOrEqual(23);
    expect(routes).toEqual(documented);
  });

  it('declares 401 and 403 on every route that needs a permission', () => {
    for (const [p, ops] of Object.entries<Record<string, any>>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        expect([p, method, Object.keys(op.responses)]).toEqual([
          p,
          method,
          expect.arrayContaining(p === '/health' ? ['401'] : ['401', '403']),
        ]);
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(spec).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const target = ref.slice(8, -1).replace('#/', '').split('/');
      let node: any = spec;
      for (const part of target) {
        node = node?.[part];
      }
      expect([ref, node]).toEqual([ref, expect.anything()]);
    }
  });
});
