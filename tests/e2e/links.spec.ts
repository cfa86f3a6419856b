/**
 * Share links: the scenario in the URL fragment. A copied link reopens the same scenario in a
 * fresh browser; bad links show the model's message and the default scenario; the address bar
 * follows the controls without adding history entries.
 */
import { expect, test, type Page } from '@playwright/test';
import { cents, decodeLink, encodeLink, evaluate, expectHeadline, Planner, preset, presetIds, shownHeadline } from './model.ts';
import { choose, open, watchErrors } from './page.ts';

/** The default scenario's estimate (the page without a fragment). */
const defaultEstimate = () => evaluate(preset(presetIds()[0]!));

/** `body` (`v1.` and pairs) closed with its checksum, FNV-1a over its UTF-8 bytes, as the model signs links. */
function sign(body: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(body)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return `${body}~${hash.toString(16).padStart(8, '0')}`;
}

/** The model's message refusing `fragment`. */
function refusal(fragment: string): string {
  try {
    Planner.fromLink(fragment).free();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`the link was accepted: ${fragment.slice(0, 80)}`);
}

/** The bill's amounts, in cents, as the page shows them. */
async function bill(page: Page): Promise<number[]> {
  const cells = page.getByRole('table', { name: 'The bill, line by line' }).locator('tbody tr td:last-child');
  return (await cells.allInnerTexts()).map(cents);
}

/** The phase 2 preset's link, made by the model from the scenario. */
const phase2 = () => encodeLink(preset('phase2-10-customers'));

test('a copied link opens in a fresh browser with the same figures to the cent', async ({ browser }) => {
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  await open(page);
  await choose(page, 'phase2-10-customers');
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  await page.getByRole('spinbutton', { name: 'Peak QPS per customer' }).fill('61.25');
  await page.getByRole('textbox', { name: 'Scenario name' }).fill('Phase 2 & a prospect #1 — 100%');
  await page.getByRole('textbox', { name: 'Scenario name' }).press('Tab');
  await page.getByText('Advanced').click();
  await page.getByRole('button', { name: 'Add cohort' }).click();
  await page.getByRole('spinbutton', { name: 'Override, Cloud Run requests, request-based' }).fill('0.5');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText('Link copied')).toBeVisible();
  const url = await page.evaluate(() => navigator.clipboard.readText());
  expect(url).toBe(page.url());
  const figures = await shownHeadline(page);
  const amounts = await bill(page);
  await context.close();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  const errors = watchErrors(other);
  await other.goto(url);
  await expect(other.getByRole('status', { name: 'Monthly cost' })).toHaveText(figures['Monthly cost']!);
  expect(await shownHeadline(other)).toEqual(figures);
  await expect.poll(() => bill(other)).toEqual(amounts);
  await expect(other.getByRole('textbox', { name: 'Scenario name' })).toHaveValue('Phase 2 & a prospect #1 — 100%');
  expect(decodeLink(new URL(url).hash).name).toBe('Phase 2 & a prospect #1 — 100%');
  const model = Planner.fromLink(new URL(url).hash);
  await expectHeadline(other, model.estimate());
  model.free();
  await expect(other.getByRole('alert')).toHaveText('');
  expect(errors).toEqual([]);
  await fresh.close();
});

test('when the clipboard is refused, the link is selected for copying by hand', async ({ page }) => {
  await page.addInitScript(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
  });
  await open(page);
  await page.getByRole('slider', { name: 'Customers' }).press('ArrowRight');
  await page.getByRole('button', { name: 'Copy link' }).click();
  const field = page.getByRole('textbox', { name: 'Link to this scenario' });
  await expect(field).toBeVisible();
  await expect(field).toHaveValue(page.url());
  await expect(page.getByRole('status').filter({ hasText: /Link copied|copy it with Ctrl\+C/ })).toBeVisible();
});

const BAD: [what: string, fragment: () => string, says: RegExp][] = [
  ['truncated', () => phase2().slice(0, 150), /cut short or changed/],
  ['corrupted (one character flipped)', () => phase2().replace('&25=2&', '&25=4&'), /cut short or changed/],
  ['from a newer version', () => `v9${phase2().slice(2)}`, /made by a newer version of headroom/],
  ['with an absurd value', () => sign('v1.3=gcp-us-central1-2026-11&44=2'), /network\.cdnHitRatio = 2: allowed a number from 0 to 1/],
  ['with an unknown field', () => sign('v1.3=gcp-us-central1-2026-11&999=1'), /field 999/],
  ['huge (over 100,000 characters)', () => `v1.3=${'a'.repeat(120_000)}`, /at most 100000 characters/],
  ['not a headroom link', () => 'hello', /a headroom link/],
];

for (const [what, fragment, says] of BAD) {
  test(`a link ${what} shows what is wrong and opens the default scenario`, async ({ page }) => {
    const link = fragment();
    const message = refusal(`#${link}`);
    expect(message).toMatch(says);
    const errors = watchErrors(page);
    await open(page, link);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(`This link could not be opened: ${message}`);
    await expect(alert).toContainText('Showing the default scenario instead.');
    await expectHeadline(page, defaultEstimate());
    await expect(page.getByRole('slider', { name: 'Customers' })).toBeEnabled();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await expect(alert).toHaveText('');
    expect(errors).toEqual([]);
  });
}

test('a link pasted into the same tab opens; a bad one leaves the scenario on screen', async ({ page }) => {
  const errors = watchErrors(page);
  await open(page);
  const link = phase2();
  await page.evaluate((fragment) => (location.hash = fragment), link);
  await expectHeadline(page, evaluate(preset('phase2-10-customers')));
  await page.evaluate((fragment) => (location.hash = fragment), link.slice(0, -1));
  await expect(page.getByRole('alert')).toContainText(`This link could not be opened: ${refusal(link.slice(0, -1))}`);
  await expect(page.getByRole('alert')).toContainText('The scenario on screen is unchanged.');
  await expectHeadline(page, evaluate(preset('phase2-10-customers')));
  expect(errors).toEqual([]);
});

test('the address bar follows a slider, Back does not step through its ticks, and a reload keeps the scenario', async ({ page }) => {
  const model = Planner.fromPreset(presetIds()[0]!);
  await page.goto('about:blank');
  await open(page);
  const entries = await page.evaluate(() => history.length);
  const slider = page.getByRole('slider', { name: 'Customers' });
  for (let i = 0; i < 6; i++) {
    await slider.press('ArrowRight');
    model.set('customers', Number(await slider.inputValue()));
  }
  await expect.poll(() => new URL(page.url()).hash).toBe(`#${model.link()}`);
  expect(await page.evaluate(() => history.length)).toBe(entries);
  await page.reload();
  await expectHeadline(page, model.estimate());
  await expect(slider).toHaveValue(String(model.get('customers')));
  await page.goBack();
  expect(page.url()).toBe('about:blank');
  model.free();
});
