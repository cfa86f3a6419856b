/**
 * The first load's size budget (DEVELOPERS.md, issue 20): everything the default page fetches
 * until its figures show and the network is idle (HTML, CSS, JS, the first wasm), each body
 * gzipped at level 9 as a static host would serve it, stays under 150 KB; the tools module
 * (exports, decisions, explanations, the comparison) is not part of it. Sizes, not times: the
 * build decides them, so this cannot fail on a slow day. `node bench/page.mjs` reports the same
 * figure file by file.
 */
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { open } from './page.ts';

/** The budget for the whole first load, gzip bytes. */
const BUDGET_BYTES = 150_000;

test('the first load stays under 150 KB gzip and leaves the tools module for first use', async ({ page }) => {
  const files: Promise<{ name: string; gzip: number }>[] = [];
  page.on('response', (response) => {
    const name = new URL(response.url()).pathname.split('/').pop() || 'index.html';
    files.push(response.body().then((body) => ({ name, gzip: gzipSync(body, { level: 9 }).length })));
  });
  await open(page);
  await page.waitForLoadState('networkidle');
  const loaded = await Promise.all(files);
  const names = loaded.map((f) => f.name);
  expect(names.filter((n) => n.startsWith('headroom_bg'))).toHaveLength(1);
  expect(names.filter((n) => n.startsWith('headroom_tools'))).toEqual([]);
  const total = loaded.reduce((sum, f) => sum + f.gzip, 0);
  expect(total, loaded.map((f) => `${f.name} ${f.gzip}`).join(', ')).toBeLessThan(BUDGET_BYTES);
});
