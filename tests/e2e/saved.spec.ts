/**
 * Saved scenarios in localStorage: save, reload, reopen, rename, delete; and storage that is
 * full, disabled or damaged gives a message and loses nothing already saved.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { cents, evaluate, expectHeadline, preset, shownHeadline } from './model.ts';
import { choose, open, openMenu, watchErrors } from './page.ts';

const KEY = 'headroom.savedScenarios';

/** The stored list, as text. */
const stored = (page: Page) => page.evaluate((key) => localStorage.getItem(key), KEY);

/** Saves the current scenario as `name` (in the Save menu). */
async function save(page: Page, name: string): Promise<void> {
  await openMenu(page, 'Save');
  await page.getByRole('textbox', { name: 'Save as' }).fill(name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

test('save, reload, reopen, rename and delete a scenario', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  await choose(page, 'phase2-10-customers');
  const figures = await shownHeadline(page);
  await save(page, 'Phase 2 plan');
  await expect(page.getByText('Saved "Phase 2 plan".')).toBeVisible();
  const item = page.getByRole('listitem').filter({ has: page.getByRole('textbox', { name: 'Name of saved scenario "Phase 2 plan"' }) });
  await expect(item).toContainText(`${figures['Monthly cost']} / month`);
  await expect(item.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);

  await choose(page, 'week9-baseline');
  await page.reload();
  await openMenu(page, 'Save');
  await expectHeadline(page, evaluate(preset('week9-baseline')));
  await page.getByRole('button', { name: 'Open "Phase 2 plan"' }).click();
  await expectHeadline(page, evaluate(preset('phase2-10-customers')));
  await expect(page.getByText('Opened "Phase 2 plan".')).toBeVisible();

  const name = page.getByRole('textbox', { name: 'Name of saved scenario "Phase 2 plan"' });
  await name.fill('Phase 2, ten customers');
  await name.press('Tab');
  await expect(page.getByText('Renamed "Phase 2 plan" to "Phase 2, ten customers".')).toBeVisible();
  await page.reload();
  await openMenu(page, 'Save');
  await expect(page.getByRole('textbox', { name: 'Name of saved scenario "Phase 2, ten customers"' })).toHaveValue('Phase 2, ten customers');
  await expectHeadline(page, evaluate(preset('phase2-10-customers')));

  await page.getByRole('button', { name: 'Delete "Phase 2, ten customers"' }).click();
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(0);
  expect(JSON.parse((await stored(page))!)).toEqual([]);
  expect(errors).toEqual([]);
});

test('full storage says so and keeps what was saved', async ({ page }) => {
  await open(page);
  await save(page, 'Kept');
  const before = await stored(page);
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.reload();
  await openMenu(page, 'Save');
  await choose(page, 'phase1-3-customers');
  await save(page, 'Too much');
  await expect(page.getByText(/Browser storage is full, so this was not saved\. Your saved scenarios are unchanged/)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Open "Kept"' })).toBeVisible();
  expect(await stored(page)).toBe(before);
  const name = page.getByRole('textbox', { name: 'Name of saved scenario "Kept"' });
  await name.fill('Renamed');
  await name.press('Tab');
  await expect(page.getByText(/Browser storage is full/)).toBeVisible();
  expect(await stored(page)).toBe(before);
});

test('disabled storage says so, and the page works', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const errors = watchErrors(page);
  await open(page);
  await openMenu(page, 'Save');
  await expect(page.getByText(/does not let the page store anything/)).toBeVisible();
  await save(page, 'Nowhere');
  await expect(page.getByText(/does not let the page store anything/)).toBeVisible();
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  expect(cents(await page.getByRole('status', { name: 'Monthly cost' }).innerText())).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});

test('a damaged saved entry is skipped with a message; the others stay', async ({ page }) => {
  await open(page);
  await save(page, 'Good');
  await page.evaluate((key) => {
    const list = JSON.parse(localStorage.getItem(key)!);
    localStorage.setItem(key, JSON.stringify([{ name: 5, link: null }, ...list, 'junk']));
  }, KEY);
  await page.reload();
  await openMenu(page, 'Save');
  await expect(page.getByText('2 saved scenarios could not be read (damaged) and are not listed.')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(1);
  await save(page, 'Another');
  const list = JSON.parse((await stored(page))!);
  expect(list).toHaveLength(4);
  expect(list[0]).toEqual({ name: 5, link: null });
  await page.evaluate((key) => localStorage.setItem(key, '{not json'), KEY);
  await page.reload();
  await openMenu(page, 'Save');
  await expect(page.getByText('The saved scenarios could not be read: the stored list is damaged.')).toBeVisible();
});

test('with a link alert and saved scenarios on show, axe finds no serious problem and 375 px does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await open(page, `v9.${'x'.repeat(300)}`);
  await save(page, `A long name ${'without-any-space-'.repeat(6)}`);
  await save(page, 'Short');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('alert')).toContainText('newer version');
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(375);
});
