import { expect, type Page } from '@playwright/test';

/** The password every test person signs up with. */
export const PASSWORD = 'correct horse battery';

/** Signs up through the inbox's form, as a person would, and goes on from the welcome screen to the inbox. */
export async function signUp(page: Page, base: string, number: string, name: string) {
  await page.goto(`${base}/sign-up`);
  await page.getByLabel('Your number (optional)').fill(number);
  await page.getByLabel('Display name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to your inbox' }).click();
  await expect(page).toHaveURL(/\/$/);
}
