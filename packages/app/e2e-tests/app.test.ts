import { test, expect, Page } from '@playwright/test';
import fs from 'fs';
import path from 'path';

const screenshots = path.resolve(__dirname, '../../../screenshots');
fs.mkdirSync(screenshots, { recursive: true });

async function snap(page: Page, name: string) {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`) });
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
