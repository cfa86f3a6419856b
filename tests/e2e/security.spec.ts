/**
 * Hostile input and the page's defences: names from links and saved scenarios are shown as text,
 * never run as HTML, and the built page loads under its Content-Security-Policy with no violation.
 */
import { expect, test } from '@playwright/test';
import { Planner } from './model.ts';
import { choose, cspViolations, open, openMenu, section, watchErrors, watchViolations } from './page.ts';

const IMG = '<img src=x onerror=window.__pwned=1>';
const SCRIPT = '<script>window.__pwned=1</script>';

/** A phase 1 link whose scenario name, first cohort and a fixed line carry markup. */
function hostileLink(): string {
  const planner = Planner.fromPreset('phase1-3-customers');
  planner.set('name', IMG);
  planner.set('customers[0].name', SCRIPT);
  planner.edit({ kind: 'addFixedLine', label: IMG, monthlyUsd: 5 });
  const link = planner.link();
  planner.free();
  return link;
}

test('names and labels from a link are shown as text, never run as HTML', async ({ page }) => {
  const errors = watchErrors(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await open(page, hostileLink());
  await section(page, 'Bill');
  await expect(page.getByRole('textbox', { name: 'Scenario name' })).toHaveValue(IMG);
  const cohorts = page.getByRole('table', { name: 'Cost per customer cohort' });
  await expect(cohorts.locator('tbody tr td:first-child').first()).toHaveText(SCRIPT);
  await expect(page.getByRole('table', { name: 'The bill, line by line' }).getByRole('cell', { name: IMG })).toHaveCount(1);
  await page.getByText('Advanced').click();
  await expect(page.getByRole('textbox', { name: 'Name, cohort 1' })).toHaveValue(SCRIPT);
  await expect(page.getByRole('textbox', { name: 'Label, fixed line 2' })).toHaveValue(IMG);
  await openMenu(page, 'Save');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('textbox', { name: `Name of saved scenario "${IMG}"` })).toHaveValue(IMG);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('img')).toHaveCount(0);
  expect(requests.filter((path) => path.endsWith('/x'))).toEqual([]);
  expect(errors).toEqual([]);
});

test('the built page loads under its Content-Security-Policy with no violation', async ({ page }) => {
  await watchViolations(page);
  const errors = watchErrors(page);
  await open(page);
  await choose(page, 'phase2-10-customers');
  await page.getByText('Advanced').click();
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  await page.waitForLoadState('networkidle');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).not.toContain('unsafe-inline');
  expect(await cspViolations(page)).toEqual([]);
  await expect(page.locator('script:not([src])')).toHaveCount(0);
  expect(errors).toEqual([]);
});
