/**
 * The portal at scale (issue 16 item 8): the page of a real 5,000-resource migration against the
 * catalog's own page, in Debian's Chromium, on the production build the e2e server serves.
 *
 * Runs the Playwright test `packages/app/e2e-tests/migration-at-scale.test.ts` in this run (it
 * builds the app, starts the backend with a generated 5,000-VM estate, requests the migration and
 * loads each page four times; see the test for how it measures) and reads the figures it writes
 * to `test-results/big-migration-metrics.json`. Peer: the catalog page, measured the same way in
 * the same browser. Without Chromium the rows say the peer is unavailable and the run goes on.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { BenchRow, BenchSuite } from '../lib';

const ROOT = path.resolve(__dirname, '../..');
const METRICS = path.join(ROOT, 'test-results/big-migration-metrics.json');
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH ?? '/usr/bin/chromium';

interface ScaleMetrics {
  resources: number;
  timeToInteractiveMs: Record<'catalog' | 'small' | 'big', number[]>;
  longestTaskMs: Record<'catalog' | 'small' | 'big', number>;
}

/** Most the big page may take, as a multiple of the 13-resource page's time (see the e2e test). */
const SMALL_PAGE_RATIO = 1.5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

function unavailable(why: string): BenchRow[] {
  return [
    {
      name: '5,000-resource migration page, time to interactive',
      value: NaN,
      unit: 'ms',
      peer: { name: 'catalog page', unavailable: why, better: 'lower' },
    },
  ];
}

function runScaleTest(): string | undefined {
  fs.rmSync(METRICS, { force: true });
  const run = spawnSync(
    'yarn',
    ['playwright', 'test', 'migration-at-scale.test.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, CI: 'true' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0 || !fs.existsSync(METRICS)) {
    return `the Playwright scale test failed (exit ${run.status}): ${(
      run.stdout + run.stderr
    )
      .trim()
      .split('\n')
      .slice(-5)
      .join(' | ')}`;
  }
  return undefined;
}

const suite: BenchSuite = {
  name: 'portal-scale',
  async run() {
    if (!fs.existsSync(CHROMIUM)) {
      return unavailable(
        `no Chromium at ${CHROMIUM} (Debian: apt-get install chromium)`,
      );
    }
    const failure = runScaleTest();
    if (failure) return unavailable(failure);
    const m = JSON.parse(fs.readFileSync(METRICS, 'utf8')) as ScaleMetrics;
    const tti = {
      big: median(m.timeToInteractiveMs.big),
      small: median(m.timeToInteractiveMs.small),
      catalog: median(m.timeToInteractiveMs.catalog),
    };
    return [
      {
        name: `${m.resources.toLocaleString(
          'en-US',
        )}-resource migration page, time to interactive`,
        value: tti.big,
        unit: 'ms',
        baseline: { name: '13-resource migration page', value: tti.small },
        peer: { name: 'catalog page', value: tti.catalog, better: 'lower' },
        // Within twice the catalog page's time: at least 0.5× "as fast as" the peer.
        target: { op: '>=', value: 0.5, of: 'peer' },
        notes: `medians of 3 full loads (${m.timeToInteractiveMs.big.join(
          ' / ',
        )} ms); stepper and the resources table's first page visible`,
      },
      {
        // Issue 15 item 4: the big page within the small page's budget. Both medians come from
        // the same run, loaded in turn in the same browser.
        name: `${m.resources.toLocaleString(
          'en-US',
        )}-resource page's time to interactive, × the 13-resource page's`,
        value: Math.round((tti.big / tti.small) * 100) / 100,
        unit: '×',
        target: { op: '<=', value: SMALL_PAGE_RATIO },
        notes: `${tti.big} ms / ${tti.small} ms; the resources table pages from the backend`,
      },
      {
        name: `${m.resources.toLocaleString(
          'en-US',
        )}-resource migration page, longest main-thread task`,
        value: m.longestTaskMs.big,
        unit: 'ms',
        baseline: {
          name: '13-resource migration page',
          value: m.longestTaskMs.small,
        },
        peer: {
          name: 'catalog page',
          value: m.longestTaskMs.catalog,
          better: 'lower',
        },
        target: { op: '<=', value: 2000 },
        notes: 'PerformanceObserver longtask, all loads',
      },
    ];
  },
};

export default suite;
