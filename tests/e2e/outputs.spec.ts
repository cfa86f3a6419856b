/**
 * Every figure the page shows is labelled by the model's output rows (`outputs()` from the wasm
 * module, read here in Node): the summary strip's labels, the bill's and the cohorts' column
 * headings, the sizing list's terms, the timeline's columns and the comparison's figure rows are
 * the rows' labels exactly, in order. The figures are the model's, written here by the tests' own
 * formatting.
 */
import { expect, test } from '@playwright/test';
import { encodeLink, evaluate, preset, tools } from './model.ts';
import { outputs } from '../../www/src/engine.ts';
import { money } from './written.ts';
import { open, section } from './page.ts';

const labels = (rows: readonly { label: string }[]) => rows.map((r) => r.label);

test('the strip, bill, cohorts, sizing, timeline and comparison are labelled by the output rows', async ({ page }) => {
  const o = outputs();
  await open(page);
  await expect(page.locator('#figures .figure-label')).toHaveText(labels(o.strip));
  const estimate = evaluate(preset('week9-baseline'));
  await expect(page.getByRole('status', { name: o.strip[0]!.label })).toHaveText(money(estimate.totals.monthlyCostCents));

  await section(page, 'Bill');
  const heads = (name: string) => page.getByRole('table', { name }).locator('thead th');
  await expect(heads('The bill, line by line')).toHaveText(labels(o.bill));
  await expect(heads('Cost per customer cohort')).toHaveText(labels(o.customers));

  await section(page, 'Capacity');
  await expect(page.locator('#sizing dt')).toHaveText(labels(o.sizing));
  // A count and a rate of the sizing, written here: regions, and the peak to one decimal.
  const dd = (label: string) => page.locator('#sizing div').filter({ has: page.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) }) }).locator('dd');
  await expect(dd('Regions')).toHaveText(String(estimate.sizing.regions));

  await section(page, 'Growth');
  const months = page.getByRole('table', { name: '12-month timeline' });
  await months.scrollIntoViewIfNeeded();
  await expect(months.locator('thead th')).toHaveText(labels(o.timeline));
  await expect(months.locator('tbody tr').first().locator('td').nth(2)).toHaveText(money(tools.timeline(encodeLink(preset('week9-baseline'))).months[0]!.monthlyCostCents));

  await section(page, 'Compare');
  await page.getByRole('button', { name: 'Pin as A' }).click();
  // The comparison follows in an animation frame: wait for its rows.
  const figureRows = (caption: string) => page.getByRole('table', { name: caption }).locator('tbody th').allInnerTexts();
  await expect.poll(async () => [...(await figureRows('Headline figures')), ...(await figureRows('Capacity at peak'))]).toEqual(labels(o.comparison));
});
