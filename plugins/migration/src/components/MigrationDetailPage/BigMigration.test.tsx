import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Migration } from '@sirsi-nexus/plugin-migration-common';
import { FakeMigrationApi } from '../../__testUtils__/FakeMigrationApi';
import {
  makeArtifact,
  makeMigration,
  makePhases,
} from '../../__testUtils__/fixtures';
import { bigAssessment, bigSelection } from '../../__testUtils__/bigMigration';
import { renderPage } from '../../__testUtils__/renderPage';
import { Router } from '../Router';
import { PAGE_SIZE } from '../shared/PagedTable';

const COUNT = 5000;

/** The search field of a paged table: the nearest one around it (the waves table has its own). */
function searchFieldOf(table: HTMLElement): HTMLInputElement {
  let box = table.parentElement;
  while (box && !box.querySelector('input[placeholder="Filter"]')) {
    box = box.parentElement;
  }
  return box!.querySelector('input[placeholder="Filter"]')!;
}

/** The first body row of a table (plain DOM: role queries over this page are slow in jsdom). */
const firstRowOf = (table: HTMLElement) => table.querySelector('tbody tr');

/** The pagination bar around a paged table ("1-20 of 5000"). */
function paginationOf(table: HTMLElement): HTMLElement {
  return nextPageOf(table).closest('tr, div[class*="MuiToolbar"]')!
    .parentElement as HTMLElement;
}

/** Opens a Material UI select by id and picks the option with `value`. */
function chooseOption(selectId: string, value: string) {
  fireEvent.mouseDown(document.getElementById(selectId)!);
  const option = document.querySelector(
    `[role="listbox"] li[data-value="${value}"]`,
  );
  fireEvent.click(option!);
}

/** The "Next Page" button of a paged table: the nearest one around it. */
function nextPageOf(table: HTMLElement): HTMLElement {
  let box = table.parentElement;
  while (box && !box.querySelector('button[aria-label="Next Page"]')) {
    box = box.parentElement;
  }
  return box!.querySelector('button[aria-label="Next Page"]')!;
}

/** The Assessment tab of the big migration, once its resources table is there. */
async function openResourcesTable() {
  const api = setup();
  await renderPage(<Router />, {
    api,
    path: '/migrations/mig-1?tab=assessment',
  });
  // Plain DOM queries: role queries over this big page cost seconds each in jsdom.
  const table = await waitFor(
    () => {
      const found = document.querySelector<HTMLElement>(
        'table[aria-label="Resources and strategies"]',
      );
      expect(found?.querySelector('tbody tr')).toBeTruthy();
      return found!;
    },
    { timeout: 60_000 },
  );
  return { api, table };
}

function setup() {
  const api = new FakeMigrationApi();
  const migration = {
    ...makeMigration({
      status: 'awaiting_approval',
      currentPhase: 'build',
      entityRefs: bigSelection(COUNT),
    }),
    resourceCount: COUNT,
  } as Migration;
  api.statuses.set('mig-1', {
    migration,
    phases: makePhases('build'),
    artifacts: [makeArtifact('assessment.json', 'application/json')],
  });
  api.putJson('mig-1', 'assessment.json', bigAssessment(COUNT));
  return api;
}

describe('a migration of 5,000 resources', () => {
  it('summarises the selection in one line instead of a link per resource', async () => {
    // The audit tab: this test is about the header, not the assessment below it.
    await renderPage(<Router />, {
      api: setup(),
      path: '/migrations/mig-1?tab=audit',
    });

    expect(
      await screen.findByText(/Resources: 5,000 resources/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'see the resources table' }),
    ).toHaveAttribute('href', expect.stringContaining('tab=assessment'));
    // No entity links for the selection: only the owner and requester in the header link to the catalog.
    const catalogLinks = screen
      .getAllByRole('link')
      .filter(l => l.getAttribute('href')?.includes('/catalog/'));
    expect(catalogLinks.length).toBeLessThanOrEqual(2);
  }, 120_000);

  it('shows the resources as a paged table: only the first page is in the DOM', async () => {
    const { api, table } = await openResourcesTable();
    const rows = table.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(PAGE_SIZE);
    expect(rows[0]).toHaveTextContent('vm-0000');
    expect(table).not.toHaveTextContent('vm-4999');
    expect(paginationOf(table)).toHaveTextContent(/of 5000/);

    // The page fetched the overview and one page of resources, never the whole assessment.json.
    expect(api.getArtifact).not.toHaveBeenCalled();
    expect(api.listAssessmentResources).toHaveBeenCalledWith(
      'mig-1',
      expect.objectContaining({ offset: 0, limit: PAGE_SIZE }),
    );

    // Sortable on the server: the last resource comes first by name, descending.
    const nameHeader = within(
      table.querySelector('thead') as HTMLElement,
    ).getByRole('button', { name: 'Resource' });
    await userEvent.click(nameHeader);
    await userEvent.click(nameHeader);
    await waitFor(() => expect(firstRowOf(table)).toHaveTextContent('vm-4999'));
    expect(api.listAssessmentResources).toHaveBeenLastCalledWith(
      'mig-1',
      expect.objectContaining({ orderBy: 'name', order: 'desc' }),
    );

    // Searchable: the last resource is one query away.
    fireEvent.change(searchFieldOf(table), { target: { value: 'vm-4999' } });
    await waitFor(() =>
      expect(table.querySelectorAll('tbody tr')).toHaveLength(1),
    );
    expect(firstRowOf(table)).toHaveTextContent('vm-4999');
  }, 120_000);

  it('narrows the resources to a wave and a strategy on the server, back on the first page', async () => {
    const { api, table } = await openResourcesTable();
    fireEvent.click(nextPageOf(table));
    await waitFor(() => expect(firstRowOf(table)).toHaveTextContent('vm-0020'));

    chooseOption('resources-wave-filter', '3');
    await waitFor(() => expect(firstRowOf(table)).toHaveTextContent('vm-0200'));
    expect(api.listAssessmentResources).toHaveBeenLastCalledWith(
      'mig-1',
      expect.objectContaining({ offset: 0, wave: [3] }),
    );
    expect(paginationOf(table)).toHaveTextContent(/of 100\b/);

    chooseOption('resources-strategy-filter', 'rehost');
    await waitFor(() =>
      expect(api.listAssessmentResources).toHaveBeenLastCalledWith(
        'mig-1',
        expect.objectContaining({ wave: [3], strategy: ['rehost'] }),
      ),
    );
  }, 120_000);

  it('lists every resource of a risk factor from the Risks table\'s "N more"', async () => {
    const { api, table } = await openResourcesTable();
    const more = document.querySelector(
      'button[aria-label="Show the 500 resources with End-of-life operating system"]',
    ) as HTMLElement;
    expect(more).toHaveTextContent('492 more');
    fireEvent.click(more);

    await waitFor(() => expect(firstRowOf(table)).toHaveTextContent('vm-0009'));
    expect(api.listAssessmentResources).toHaveBeenLastCalledWith(
      'mig-1',
      expect.objectContaining({ offset: 0, risk: 'os-end-of-life' }),
    );
    expect(paginationOf(table)).toHaveTextContent(/of 500\b/);

    const chip = screen
      .getByText('Risk: End-of-life operating system')
      .closest('[role="button"]') as HTMLElement;
    fireEvent.click(
      chip.querySelector('[class*="MuiChip-deleteIcon"]') as Element,
    );
    await waitFor(() => expect(firstRowOf(table)).toHaveTextContent('vm-0000'));
  }, 120_000);

  it('draws the waves as group nodes with counts and expands one on click', async () => {
    await renderPage(<Router />, {
      api: setup(),
      path: '/migrations/mig-1?tab=assessment',
    });

    const wave3 = await screen.findByRole(
      'button',
      { name: 'Wave 3: 100 resources, expand' },
      { timeout: 60_000 },
    );
    // 50 waves, not 5,000 resources.
    expect(document.querySelectorAll('[data-node^="vm-"]')).toHaveLength(0);
    expect(document.querySelectorAll('[data-node^="wave-"]')).toHaveLength(50);

    await userEvent.click(wave3);

    await waitFor(() =>
      expect(document.querySelectorAll('[data-node^="vm-"]')).toHaveLength(100),
    );
    expect(document.querySelector('[data-node="vm-0200"]')).not.toBeNull();
    expect(
      screen.getByRole('button', { name: 'Wave 3: collapse' }),
    ).toHaveAttribute('aria-expanded', 'true');
  }, 120_000);
});
