// Screenshots of the built page (www/dist) in Debian's headless Chromium, on the Phase 2 preset:
// every section at 1440 x 900 and at 390 x 844 (the phone also with its inputs sheet open), and
// the two print layouts as PDF. The README's two pictures are docs/screenshots/wide.png and
// phone.png; the rest go to OUT (default /tmp/headroom-shots) for looking at a change.
// Run after `scripts/build.sh`: `node scripts/screenshots.mjs [OUT]`.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from '../tests/e2e/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'www/dist');
const DOCS = path.join(ROOT, 'docs/screenshots');
const OUT = process.argv[2] ?? '/tmp/headroom-shots';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const SECTIONS = ['overview', 'bill', 'capacity', 'savings', 'growth', 'deal', 'quote', 'compare'];
const PRESET = "phase2-10-customers";

const server = createServer(async (req, res) => {
  const rel = new URL(req.url, 'http://127.0.0.1').pathname.slice(1) || 'index.html';
  const file = path.join(DIST, path.normalize(decodeURIComponent(rel)));
  try {
    if (!file.startsWith(DIST)) throw new Error('outside');
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const base = `http://127.0.0.1:${server.address().port}/`;
await mkdir(OUT, { recursive: true });
await mkdir(DOCS, { recursive: true });

const browser = await chromium.launch(CHROMIUM);
/** Opens the page at `width` x `height` on the Phase 2 preset. */
async function open(width, height) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(base);
  await page.locator('body[data-ready="true"]').waitFor();
  await page.getByRole('combobox', { name: 'Scenario' }).selectOption(PRESET);
  return page;
}
for (const [name, width, height] of [['wide', 1440, 900], ['phone', 390, 844]]) {
  const page = await open(width, height);
  for (const id of SECTIONS) {
    await page.getByRole('tab', { name: new RegExp(`^${id}$`, 'i') }).click();
    if (id === 'compare') {
      // A pin, then a change: the comparison at work.
      await page.getByRole('button', { name: 'Pin as A' }).click();
      if (name === 'phone') await page.getByRole('button', { name: 'Inputs' }).click();
      await page.getByRole('spinbutton', { name: 'Customers' }).fill('14');
      if (name === 'phone') await page.getByRole('button', { name: 'Close inputs' }).click();
    }
    await page.waitForTimeout(id === 'overview' || id === 'bill' || id === 'capacity' ? 200 : 1500);
    await page.screenshot({ path: path.join(OUT, `${name}-${id}.png`) });
    if (id === 'overview') await page.screenshot({ path: path.join(DOCS, `${name}.png`) });
  }
  if (name === 'phone') {
    await page.getByRole('tab', { name: 'Overview' }).click();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: 'Inputs' }).click();
    await page.screenshot({ path: path.join(OUT, 'phone-inputs.png') });
  } else {
    await page.locator('#advanced > summary').click();
    await page.screenshot({ path: path.join(OUT, 'wide-advanced.png') });
  }
  await page.close();
}
const page = await open(1440, 900);
for (const layout of ['summary', 'full']) {
  await page.evaluate(() => (window.print = () => document.body.setAttribute('data-printed', 'true')));
  await page.locator('details.menu', { hasText: 'Print' }).locator('summary').click();
  await page.getByRole('button', { name: layout === 'full' ? 'Print full report' : 'Print summary' }).click();
  await page.locator('body[data-printed="true"]').waitFor();
  await page.evaluate(() => document.body.removeAttribute('data-printed'));
  await page.pdf({ path: path.join(OUT, `print-${layout}.pdf`), format: 'A4', printBackground: true });
}
await browser.close();
server.close();
console.log(`screenshots in ${OUT} and ${DOCS}`);
