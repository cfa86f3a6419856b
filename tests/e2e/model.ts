/**
 * The model on the Node side of the tests: the same wasm modules the page runs, loaded from pkg/, and
 * the headline figures as the page must show them, written by the tests' own formatting
 * (written.ts), not the page's.
 */
import { expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { loadEngineSync, type Estimate } from '../../www/src/engine.ts';
import { money, moneyOrDash, percent } from './written.ts';

import { loadToolsSync } from '../../www/src/tools.ts';

loadEngineSync(readFileSync(new URL('../../pkg/headroom_bg.wasm', import.meta.url)));
/** The tools module (exports, growth, deals), as the page loads it on first use. */
export const tools = loadToolsSync(readFileSync(new URL('../../pkg/tools/headroom_tools_bg.wasm', import.meta.url)));

export { decodeLink, Planner, preset, presetIds } from '../../www/src/engine.ts';
/** Sizes and prices a scenario object (the tools module's). */
export const evaluate = tools.evaluate;
/** A scenario object's share link (the tools module's). */
export const encodeLink = tools.encodeLink;

/** Accessible names of the headline figures. */
export const FIGURES = ['Monthly cost', 'Cost per customer', 'Cost as % of ACV', 'Gross margin'] as const;

/** The four headline figures the page must show for `estimate`, by accessible name. */
export function headline(estimate: Estimate): Record<(typeof FIGURES)[number], string> {
  const t = estimate.totals;
  return {
    'Monthly cost': money(t.monthlyCostCents),
    'Cost per customer': moneyOrDash(t.costPerCustomerCents),
    'Cost as % of ACV': percent(t.costPctOfAcv),
    'Gross margin': percent(t.grossMarginPct),
  };
}

/** Asserts the page's headline figures are `estimate`'s. */
export async function expectHeadline(page: Page, estimate: Estimate): Promise<void> {
  for (const [name, text] of Object.entries(headline(estimate))) {
    await expect(page.getByRole('status', { name }), name).toHaveText(text);
  }
}

/** The page's headline figures as text, by name. */
export async function shownHeadline(page: Page): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const name of FIGURES) shown[name] = await page.getByRole('status', { name }).innerText();
  return shown;
}

/** Cents from money text such as `$1,234.56` or `-$4.32`. */
export function cents(text: string): number {
  const match = /^(-?)\$([\d,]+)\.(\d\d)$/.exec(text.trim());
  if (!match) throw new Error(`not money: ${text}`);
  const [, sign, dollars, rest] = match;
  return (sign ? -1 : 1) * (Number(dollars!.replaceAll(',', '')) * 100 + Number(rest));
}
