import { test, expect, Page } from '@playwright/test';
// Playwright runs from the repository root; screenshots/ is git-ignored.
async function snap(page: Page, name: string) {
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: true });
}

async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
}

test('a guest signs in, browses the catalog and opens Migrations', async ({
  page,
}) => {
  const consoleErrors: string[] = [];
  page.on('pageerror', err => consoleErrors.push(err.message));

  await signInAsGuest(page);

  await expect(page.getByText('SirsiNexus Catalog')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Web Shop frontend' }),
  ).toBeVisible();
  await snap(page, '01-catalog');

  await page.getByRole('link', { name: 'Migrations' }).click();
  await expect(page).toHaveURL(/\/migrations$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Migrations' }),
  ).toBeVisible();
  await snap(page, '02-migrations');

  expect(consoleErrors).toEqual([]);
});
