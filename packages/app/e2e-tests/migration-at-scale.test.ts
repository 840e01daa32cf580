import fs from 'node:fs';
import { test, expect, Browser, Page } from '@playwright/test';

/**
 * Big migrations stay usable (issue 15 item 4): a real migration of 5,000 resources (the `scale`
 * estate that scripts/e2e-server.sh generates and discovery puts in the catalog), requested
 * through the API, against one of 13 resources of the same estate and the catalog page, each
 * loaded in full and measured the same way:
 *
 * - time to interactive: from navigation start until the phase stepper and the first page of the
 *   resources table are visible (for the catalog: its entity table);
 * - the longest main-thread task, from a PerformanceObserver on 'longtask' installed before the
 *   app's scripts run.
 *
 * Each page is loaded four times in turn; the first round only warms the browser's cache of the
 * app's code, the medians of the other three are compared.
 *
 * What the test asserts: no task blocks the main thread for more than 2 s (where a page stops
 * answering clicks long enough that people click again), and the 5,000-resource page is
 * interactive within twice the 13-resource page's time. Measured 1.27–1.43× (2.3–4.0 s against
 * 1.8–2.8 s, load average 3–6); `yarn bench portalScale` holds it to 1.5× (issue 15 item 4: the
 * same budget as the small page), the test leaves room for a shared machine's noise while still
 * failing on a return to downloading the whole assessment. The page no longer downloads the 17 MB
 * assessment.json: it fetches the assessment's overview (`GET /migrations/{id}/assessment`,
 * without the per-resource blocks) and the resources table's first page
 * (`/assessment/resources?offset=0&limit=20`), both served from an assessment the backend parsed
 * once. Before that change the big page took 2.1–2.6× the small one's time. `yarn bench
 * portalScale` prints the figures against their targets. Ratios, not absolute times: the machine
 * is shared.
 */

const COUNT = 5000;
const SMALL = 13;
/** The big page's time to interactive, at most this many times the small page's. */
const RATIO_TO_SMALL = 2;
const SCREENSHOTS = 'docs/screenshots';
const ref = (i: number) =>
  `resource:default/scale-vm-${String(i).padStart(4, '0')}`;

declare global {
  interface Window {
    longTasks: number[];
  }
}

async function signInAsGuest(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver(list => {
      for (const entry of list.getEntries()) {
        window.longTasks.push(entry.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', err => errors.push(err.message));
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(page.getByText('SirsiNexus Catalog')).toBeVisible();
  return { page, errors };
}

/** The signed-in guest's Backstage token, for API calls next to the browser's. */
async function guestToken(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const response = await fetch('/api/auth/guest/refresh', {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    const body = await response.json();
    return body.backstageIdentity.token as string;
  });
}

async function api(page: Page, token: string, path: string, data?: object) {
  const headers = { authorization: `Bearer ${token}` };
  const response = data
    ? await page.request.post(path, { headers, data })
    : await page.request.get(path, { headers });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

async function requestMigration(
  page: Page,
  token: string,
  title: string,
  entityRefs: string[],
): Promise<string> {
  const migration = await api(page, token, '/api/migration/migrations', {
    title,
    sourceEnvironmentId: 'scale',
    target: { provider: 'aws', region: 'eu-central-1' },
    entityRefs,
    options: { justification: 'Measuring the portal on a big estate.' },
    policyAcknowledged: true,
  });
  return migration.id;
}

/** Waits until the migration stops at its first gate (plan and specify done). */
async function untilAwaitingApproval(page: Page, token: string, id: string) {
  await expect
    .poll(
      async () =>
        (
          await api(page, token, `/api/migration/migrations/${id}`)
        ).status,
      { timeout: 150_000, intervals: [1000, 2000] },
    )
    .toBe('awaiting_approval');
}

interface Load {
  timeToInteractiveMs: number;
  longestTaskMs: number;
}

/** A full load of `path`, until `ready` holds; the time from navigation start and the longest task. */
async function measure(
  page: Page,
  path: string,
  ready: () => Promise<void>,
): Promise<Load> {
  await page.goto(path);
  await ready();
  return page.evaluate(() => ({
    timeToInteractiveMs: Math.round(performance.now()),
    longestTaskMs: Math.round(Math.max(0, ...window.longTasks)),
  }));
}

function migrationReady(page: Page) {
  return async () => {
    await expect(page.getByLabel('Migration phases')).toBeVisible();
    const table = page.getByRole('table', { name: 'Resources and strategies' });
    await expect(
      table.getByRole('cell', { name: /vm-0000/ }).first(),
    ).toBeVisible();
  };
}

const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('a migration of 5,000 resources pages its resources and never blocks the main thread for 2 s', async ({
  browser,
}) => {
  test.setTimeout(540_000);
  const { page, errors } = await signInAsGuest(browser);
  const token = await guestToken(page);

  // Discovery puts the generated estate in the catalog shortly after the server starts.
  await expect
    .poll(
      async () =>
        (
          await api(
            page,
            token,
            '/api/catalog/entities/by-query?limit=1&filter=kind=resource,metadata.annotations.sirsi-nexus.io/environment=scale',
          )
        ).totalItems,
      // About 15–25 entities a second on this shared machine's SQLite; in the full suite the
      // catalog takes them in while the migration flow runs.
      { timeout: 300_000, intervals: [2000] },
    )
    .toBe(COUNT);

  const stamp = Date.now();
  const big = await requestMigration(
    page,
    token,
    `Big estate to AWS ${stamp}`,
    Array.from({ length: COUNT }, (_, i) => ref(i)),
  );
  const small = await requestMigration(
    page,
    token,
    `Thirteen servers to AWS ${stamp}`,
    Array.from({ length: SMALL }, (_, i) => ref(i)),
  );
  await untilAwaitingApproval(page, token, small);
  await untilAwaitingApproval(page, token, big);

  const loads = {
    catalog: [] as Load[],
    small: [] as Load[],
    big: [] as Load[],
  };
  // A first round warms the browser's cache of the app's code for all three (not counted), then
  // three rounds alternate the pages; the median of each is compared.
  for (let run = 0; run < 4; run++) {
    const catalog = await measure(page, '/catalog', () =>
      expect(
        page.getByRole('link', { name: 'Web Shop frontend' }),
      ).toBeVisible(),
    );
    const smallLoad = await measure(
      page,
      `/migrations/${small}`,
      migrationReady(page),
    );
    const bigLoad = await measure(
      page,
      `/migrations/${big}`,
      migrationReady(page),
    );
    if (run === 0) continue;
    loads.catalog.push(catalog);
    loads.small.push(smallLoad);
    loads.big.push(bigLoad);
  }

  // The page says what it moves in one line, and the table pages through all 5,000.
  await expect(page.getByText(/Resources: 5,000 resources/)).toBeVisible();
  // (material-table renders its pager caption twice, one of them hidden at this width)
  await expect(page.getByText('1-20 of 5000')).not.toHaveCount(0);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/big-migration-page.png` });
  // The Assessment tab's resources table, its first page fetched from the backend.
  await page
    .locator('#resources')
    .evaluate(el => el.scrollIntoView({ block: 'start' }));
  await page.screenshot({
    path: `${SCREENSHOTS}/big-migration-assessment.png`,
  });
  // The graph: waves as group nodes with their counts; one expands into its resources.
  const graph = page.getByLabel('Migration waves');
  await graph.evaluate(el => el.scrollIntoView({ block: 'start' }));
  // The window, not the element: the graph's box spans the page's scroll height.
  await page.screenshot({ path: `${SCREENSHOTS}/big-migration-graph.png` });
  await page
    .getByRole('button', { name: /^Wave 2: .* resources, expand$/ })
    .click();
  await expect(
    page.getByRole('button', { name: 'Wave 2: collapse' }),
  ).toBeVisible();

  const tti = (xs: Load[]) => median(xs.map(l => l.timeToInteractiveMs));
  const longest = (xs: Load[]) => Math.max(...xs.map(l => l.longestTaskMs));
  const metrics = {
    resources: COUNT,
    timeToInteractiveMs: {
      catalog: loads.catalog.map(l => l.timeToInteractiveMs),
      small: loads.small.map(l => l.timeToInteractiveMs),
      big: loads.big.map(l => l.timeToInteractiveMs),
    },
    longestTaskMs: {
      catalog: longest(loads.catalog),
      small: longest(loads.small),
      big: longest(loads.big),
    },
    bigToSmallRatio:
      Math.round((tti(loads.big) / tti(loads.small)) * 100) / 100,
    bigToCatalogRatio:
      Math.round((tti(loads.big) / tti(loads.catalog)) * 100) / 100,
    budget: { ratioToSmall: RATIO_TO_SMALL, longestTaskMs: 2000 },
  };
  fs.mkdirSync('test-results', { recursive: true });
  fs.writeFileSync(
    'test-results/big-migration-metrics.json',
    `${JSON.stringify(metrics, null, 2)}\n`,
  );
  // eslint-disable-next-line no-console
  console.log(`Big migration: ${JSON.stringify(metrics)}`);

  // The figures against their targets are also `yarn bench portalScale`'s rows.
  expect(tti(loads.big)).toBeLessThanOrEqual(RATIO_TO_SMALL * tti(loads.small));
  expect(longest(loads.big)).toBeLessThanOrEqual(2000);
  expect(errors).toEqual([]);
});
