/** Driving the page in tests: opening it, picking a preset, and watching for page errors. */
import { expect, type Page } from '@playwright/test';
import { preset } from './model.ts';

/** Opens the page (with `fragment` as its URL fragment, if given) and waits until every panel is built. */
export async function open(page: Page, fragment = ''): Promise<void> {
  await page.goto(fragment ? `./#${fragment}` : './');
  await expect(page.getByRole('status', { name: 'Monthly cost' })).not.toBeEmpty();
  // The panels below the figures (drop target, pasted links, ...) are built after the chart chunk.
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
}

/** Loads preset `id` through the "Scenario" select, by the name it shows. */
export async function choose(page: Page, id: string): Promise<void> {
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption({ label: preset(id).name });
}

/** Collects uncaught page errors and console errors from now on (the list fills as they come). */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return errors;
}

/** Records Content-Security-Policy violations in every page load from now on (see {@link cspViolations}). */
export async function watchViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { __violations?: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
}

/** The violations recorded in the page's current load, as `directive blocked-URI`. */
export function cspViolations(page: Page): Promise<string[] | undefined> {
  return page.evaluate(() => (window as { __violations?: string[] }).__violations);
}

/** Opens the main area's section `name` ("Overview", "Bill", "Capacity", "Savings", "Growth", "Deal", "Compare") by its tab. */
export async function section(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Opens the top bar's menu `name` ("Save", "Export", "Print"), if it is not open. */
export async function openMenu(page: Page, name: string): Promise<void> {
  const menu = page.locator('details.menu').filter({ has: page.locator('summary', { hasText: new RegExp(`^${name}$`) }) });
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
}
