import { ReactElement } from 'react';
import { Route, Routes } from 'react-router-dom';
import { SWRConfig } from 'swr';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import {
  AlertApi,
  alertApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { migrationApiRef } from '../api';
import { rootRouteRef, selectedTemplateRouteRef } from '../routes';
import { FakeMigrationApi } from './FakeMigrationApi';
import { FakeSignalApi } from './FakeSignalApi';

/** Options of {@link renderPage}. */
export interface RenderPageOptions {
  api: FakeMigrationApi;
  /** Permission names the user holds; all when omitted. */
  permissions?: string[];
  /** Omit to simulate an app without signals. */
  signals?: FakeSignalApi;
  /** Where the router starts, e.g. `/migrations/mig-1`. */
  path?: string;
  /** The signed-in user. */
  userEntityRef?: string;
  /** Receives the alerts the page posts. */
  alertApi?: FakeAlertApi;
  /** More APIs (ref and implementation), e.g. an entity presentation API. */
  extraApis?: [any, any][];
}

/** An alert API that records what was posted. */
export type FakeAlertApi = AlertApi & { post: jest.Mock };

/** Creates a {@link FakeAlertApi}. */
export function createFakeAlertApi(): FakeAlertApi {
  return {
    post: jest.fn(),
    alert$: jest.fn(),
  } as unknown as FakeAlertApi;
}

/**
 * Renders an element in a Backstage test app with the fake migration API, a permission API that
 * allows only `permissions`, optional signals, and the app's routes mounted as in the real app.
 * When `path` starts with `/migrations`, the element is mounted below `/migrations/*`.
 */
export async function renderPage(
  element: ReactElement,
  options: RenderPageOptions,
) {
  const permissionApi = mockApis.permission({
    authorize: request =>
      !options.permissions ||
      options.permissions.includes(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });
  const apis: [any, any][] = [
    [migrationApiRef, options.api],
    [permissionApiRef, permissionApi],
    [
      identityApiRef,
      mockApis.identity({
        userEntityRef: options.userEntityRef ?? 'user:default/bob',
      }),
    ],
    [alertApiRef, options.alertApi ?? createFakeAlertApi()],
  ];
  if (options.signals) apis.push([signalApiRef, options.signals]);
  apis.push(...(options.extraApis ?? []));

  const path = options.path ?? '/migrations';
  const content = path.startsWith('/migrations') ? (
    <Routes>
      <Route path="/migrations/*" element={element} />
    </Routes>
  ) : (
    element
  );

  // usePermission caches answers in SWR's global cache; each render gets its own so one test's
  // permissions never leak into the next.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider apis={apis}>{content}</TestApiProvider>
    </SWRConfig>,
    {
      routeEntries: [path],
      mountedRoutes: {
        '/migrations': rootRouteRef,
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/create/templates/:namespace/:templateName': selectedTemplateRouteRef,
      },
    },
  );
}
