// Page benchmark: sizes, first load, the XLSX chunk (not in the first load) and its first export,
// first figures (the default page and a share link), slider-to-figures (also with the growth
// chart on screen, and its redraw), evaluate(), growth() and decodeLink() through the
// wasm boundary, in Debian's headless Chromium against the built page (www/dist).
// Run after `vite build`: `node bench/page.mjs` (npm run bench:page); `node bench/page.mjs
// --sliders` runs only the slider rows (with the growth chart and the comparison on screen too).
//
// Boundary calls: the slider pages are loaded with an init script that wraps every function the
// wasm modules export (wasm-bindgen's own allocation and table helpers, named `__…`, aside, as
// they serve the call that uses them), so a tick's calls into the model are counted without
// anything in the page's code.
//
// The page is served by a small static server on 127.0.0.1. Loads are timed as any static host
// serves the page; the slider and evaluate() timings run in a second copy served with COOP/COEP
// headers, so the page is cross-origin isolated and performance.now() ticks in 5 µs steps
// instead of 100 µs (isolation itself costs a fresh load about 50 ms, so loads are not timed there).
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CHROMIUM } from '../tests/e2e/chromium.mjs';
import * as headroom from '../pkg/headroom.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'www/dist');
const PKG = path.join(ROOT, 'pkg');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const LOADS = 20;
const MOVES = 200;
const CALLS = 200;
/** The link whose first figures are timed beside the default page's. */
const LINK_PRESET = 'phase2-10-customers';
/** Usage ranges on every dimension, for the slider timed with ranges on. */
const RANGES = ['peakQps', 'avgQps', 'egressGb', 'firestoreOps', 'storedGb', 'cpuMsPerRequest'].flatMap((d) => [
  { path: `ranges.${d}LowPct`, value: 80 },
  { path: `ranges.${d}HighPct`, value: 150 },
]);
/** Slider moves whose calls into the wasm are counted (after the timed moves). */
const COUNTED = 50;
const SLIDERS_ONLY = process.argv.includes('--sliders');
/** Characters of the fragment decodeLink() is timed on (the model refuses it unread, over 100,000). */
const HUGE_FRAGMENT = 1_000_000;

/**
 * Serves www/dist at / and pkg/ at /__bench/pkg/ (evaluate() is timed from pkg's own module),
 * cross-origin isolated when `isolated`.
 */
function serve(isolated) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const [base, rel] = url.pathname.startsWith('/__bench/pkg/')
      ? [PKG, url.pathname.slice('/__bench/pkg/'.length)]
      : [DIST, url.pathname === '/' ? 'index.html' : url.pathname.slice(1)];
    const file = path.join(base, path.normalize(decodeURIComponent(rel)));
    try {
      if (!file.startsWith(base)) throw new Error('outside');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        ...(isolated && { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' }),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
}

/**
 * Runs in the page before its scripts: wraps the exports of every wasm module it instantiates so
 * that `globalThis.__wasmCalls` counts the calls into each (by export name; wasm-bindgen's `__…`
 * helpers are not counted).
 */
function countWasmCalls() {
  const calls = (globalThis.__wasmCalls = new Map());
  const wrap = (instance) => {
    const exports = {};
    for (const [name, value] of Object.entries(instance.exports)) {
      exports[name] =
        typeof value !== 'function' || name.startsWith('__')
          ? value
          : (...args) => {
              calls.set(name, (calls.get(name) ?? 0) + 1);
              return value(...args);
            };
    }
    return { exports };
  };
  const streaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (...args) => {
    const { instance, module } = await streaming(...args);
    return { instance: wrap(instance), module };
  };
}

/**
 * Opens the page in a fresh context; returns it, with every response body it fetched when
 * `record` (reading bodies slows the load, so timed loads do not record). With `counted`, calls
 * into the wasm are counted ({@link countWasmCalls}).
 */
async function freshLoad(browser, url, record = false, counted = false) {
  const context = await browser.newContext();
  if (counted) await context.addInitScript(countWasmCalls);
  const page = await context.newPage();
  const bodies = [];
  const keep = (response) => bodies.push(response.body().then((body) => ({ url: response.url(), body })));
  if (record) page.on('response', keep);
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('headroom:first-figures').length > 0);
  await page.waitForLoadState('networkidle');
  page.off('response', keep);
  const firstFigures = await page.evaluate(() => performance.getEntriesByName('headroom:first-figures')[0].startTime);
  return { context, page, firstFigures, responses: await Promise.all(bodies) };
}

/**
 * In the page: sets the slider `path` to alternating far-apart values and times each input event;
 * then counts the calls into the wasm over `counted` more moves.
 */
function timeSlider([path, moves, counted]) {
  const slider = document.querySelector(`input[type=range][data-path="${path}"]`);
  const figure = document.querySelector('#figures output');
  const max = Number(slider.max);
  const value = (i) => String(Math.round((i % 2 ? 0.6 : 0.1) * max) + ((i >> 1) % 50));
  const time = (i, layout) => {
    const before = figure.textContent;
    const t0 = performance.now();
    slider.value = value(i);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    if (layout) void document.body.offsetHeight;
    const t1 = performance.now();
    if (figure.textContent === before) throw new Error(`${path} = ${slider.value} left the figures unchanged`);
    return t1 - t0;
  };
  for (let i = 0; i < 20; i++) time(i, true);
  const out = {
    sync: Array.from({ length: moves }, (_, i) => time(i, false)),
    layout: Array.from({ length: moves }, (_, i) => time(i + 1, true)),
  };
  globalThis.__wasmCalls.clear();
  for (let i = 0; i < counted; i++) time(i + 1, false);
  out.calls = [...globalThis.__wasmCalls].map(([name, n]) => [name, n / counted]);
  return out;
}

/** In the page: opens Advanced and waits until its inputs are built. */
async function openAdvanced() {
  const advanced = document.getElementById('advanced');
  advanced.open = true;
  for (let wait = 0; wait < 300 && !advanced.querySelector('.groups [data-path]'); wait++) {
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
  if (!advanced.querySelector('.groups [data-path]')) throw new Error('Advanced never opened');
}

/** Calls into the wasm per move, `[name, per move][]`, as "total (name n, ...)". */
function callsText(calls) {
  const total = calls.reduce((sum, [, n]) => sum + n, 0);
  const each = [...calls].sort((a, b) => b[1] - a[1]).map(([name, n]) => `${name} ${Number(n.toFixed(2))}`);
  return `${Number(total.toFixed(2))} (${each.join(', ')})`;
}

/**
 * In the page, with the Growth section open (or, with `pin`, the scenario pinned as A and the
 * Compare section open instead: one section is shown at a time): the Customers slider moved `moves` times, one move a frame as a drag does; per move the input
 * handler alone, then with style and layout; and every redraw of the growth panel (its
 * `headroom:growth` measure) and of the comparison (`headroom:compare`); each redraws at most
 * every 100 ms while the slider moves; and the calls into the wasm per move, those redraws' included.
 */
async function timeSliderWithGrowth([moves, pin]) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()));
  if (pin) {
    document.getElementById('tab-compare').click();
    document.querySelector('button.pin').click();
    for (let wait = 0; wait < 60 && !document.querySelector('table.compare'); wait++) await frame();
  } else document.getElementById('tab-growth').click();
  const slider = document.querySelector('input[type=range][data-path="customers"]');
  const figure = document.querySelector('#figures output');
  const max = Number(slider.max);
  const out = { sync: [], layout: [], redraw: [], compare: [] };
  // Until the panel has drawn once (its code fetched, its IntersectionObserver has seen it on screen).
  if (!pin) for (let wait = 0; wait < 300 && !performance.getEntriesByName('headroom:growth').length; wait++) await frame();
  for (let i = 0; i < 20 + 2 * moves; i++) {
    if (i === 20) globalThis.__wasmCalls.clear();
    const layout = i >= 20 + moves;
    const before = figure.textContent;
    performance.clearMeasures('headroom:growth');
    performance.clearMeasures('headroom:compare');
    const t0 = performance.now();
    slider.value = String(Math.round((i % 2 ? 0.6 : 0.1) * max) + ((i >> 1) % 50) + 1);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    if (layout) void document.body.offsetHeight;
    const t1 = performance.now();
    if (figure.textContent === before) throw new Error(`customers = ${slider.value} left the figures unchanged`);
    await frame();
    const drawn = performance.getEntriesByName('headroom:growth')[0];
    const compared = performance.getEntriesByName('headroom:compare')[0];
    if (i < 20) continue;
    out[layout ? 'layout' : 'sync'].push(t1 - t0);
    if (drawn) out.redraw.push(drawn.duration);
    if (compared) out.compare.push(compared.duration);
  }
  out.calls = [...globalThis.__wasmCalls].map(([name, n]) => [name, n / (2 * moves)]);
  if (!pin && !out.redraw.length) throw new Error('the growth panel never redrew');
  if (pin && !out.compare.length) throw new Error('the comparison never redrew');
  return out;
}

/**
 * In the page: ms per 200-point `growth` (counts from growthCounts(1000, 200)) in the tools
 * module, per preset, as the growth panel calls it: the first module's planner's link, read by
 * the second.
 */
async function timeGrowth(calls) {
  const wasm = await import('/__bench/pkg/headroom.js');
  const tools = await import('/__bench/pkg/tools/headroom_tools.js');
  await Promise.all([wasm.default(), tools.default()]);
  const counts = tools.growthCounts(1000, 200);
  return wasm.presetIds().map((id) => {
    const planner = wasm.Planner.fromPreset(id);
    for (let i = 0; i < 10; i++) tools.growth(planner.link(), counts);
    const ms = Array.from({ length: calls }, () => {
      const t0 = performance.now();
      tools.growth(planner.link(), counts);
      return performance.now() - t0;
    });
    planner.free();
    return { id, ms };
  });
}

/**
 * In the page: µs per evaluate(preset(id)) and per evaluate(scenario) (the tools module's, which
 * reads scenario objects; the presets come from the first module), for each preset.
 */
async function timeEvaluate(calls) {
  const first = await import('/__bench/pkg/headroom.js');
  const wasm = await import('/__bench/pkg/tools/headroom_tools.js');
  await Promise.all([first.default(), wasm.default()]);
  const micros = (f) => {
    for (let i = 0; i < 20; i++) f();
    return Array.from({ length: calls }, () => {
      const t0 = performance.now();
      f();
      return (performance.now() - t0) * 1000;
    });
  };
  return first.presetIds().map((id) => {
    const scenario = first.preset(id);
    return { id, withPreset: micros(() => wasm.evaluate(first.preset(id))), evaluateOnly: micros(() => wasm.evaluate(scenario)) };
  });
}

/** In the page: ms per decodeLink() of a fragment `chars` long (refused for its length). */
async function timeHugeLink([chars, calls]) {
  const wasm = await import('/__bench/pkg/headroom.js');
  await wasm.default();
  const fragment = `v1.3=${'a'.repeat(chars - 5)}`;
  return Array.from({ length: calls }, () => {
    const t0 = performance.now();
    try {
      wasm.decodeLink(fragment);
    } catch {
      // refused for its length, as expected
    }
    return performance.now() - t0;
  });
}

/** Milliseconds from a click on `button` to the download it starts. */
async function timeDownload(page, button) {
  const menu = page.locator('details.menu').filter({ has: page.locator('summary', { hasText: /^Export$/ }) });
  if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
  const t0 = performance.now();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).click()]);
  return performance.now() - t0;
}

/**
 * The XLSX chunk (the workbook writer): its size, proof that the first load neither fetched
 * nor preloaded it, and the first and second "Export XLSX" on the loaded page `load`.
 */
async function xlsxRows(load) {
  const name = (await readdir(path.join(DIST, 'assets'))).find((f) => /^xlsx-[\w-]+\.js$/.test(f));
  if (!name) throw new Error('no XLSX chunk in www/dist/assets');
  const chunk = await readFile(path.join(DIST, 'assets', name));
  const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
  if (load.responses.some(({ url: u }) => u.endsWith(name)) || html.includes(name)) throw new Error(`${name} is part of the first load`);
  const first = await timeDownload(load.page, 'Export XLSX');
  const second = await timeDownload(load.page, 'Export XLSX');
  return [
    [`XLSX chunk ${name}, fetched on the first "Export XLSX" only`, `${kb(chunk.length)} raw, ${kb(gzip(chunk))} gzip -9`, 'not in the first load (checked)'],
    ['  "Export XLSX" to download, first (fetch, compile, build) / second', `${first.toFixed(0)} ms / ${second.toFixed(0)} ms`, ''],
  ];
}

/** The share link of preset `id`, from the model in Node. */
async function linkOf(id, changes = []) {
  headroom.initSync({ module: await readFile(path.join(PKG, 'headroom_bg.wasm')) });
  const planner = headroom.Planner.fromPreset(id);
  if (changes.length) planner.setAll(changes);
  const link = planner.link();
  planner.free();
  return link;
}

const loadAverage = os.loadavg().map((x) => x.toFixed(2)).join(' ');
const [plain, isolated] = [await serve(false), await serve(true)];
const url = `http://127.0.0.1:${plain.address().port}/`;
const browser = await chromium.launch(CHROMIUM);
try {
  const rows = [];
  let load;
  if (!SLIDERS_ONLY) {
    const pkgWasm = await readFile(path.join(PKG, 'headroom_bg.wasm'));
    const distName = (await readdir(path.join(DIST, 'assets'))).find((f) => f.startsWith('headroom_bg') && f.endsWith('.wasm'));
    const distWasm = await readFile(path.join(DIST, 'assets', distName));
    rows.push(['wasm, pkg/headroom_bg.wasm', `${kb(pkgWasm.length)} raw, ${kb(gzip(pkgWasm))} gzip -9`, '']);
    rows.push([`wasm, www/dist/assets/${distName}`, `${kb(distWasm.length)} raw, ${kb(gzip(distWasm))} gzip -9`, '']);
    const toolsWasm = await readFile(path.join(PKG, 'tools/headroom_tools_bg.wasm'));
    rows.push(['tools module, pkg/tools/headroom_tools_bg.wasm', `${kb(toolsWasm.length)} raw, ${kb(gzip(toolsWasm))} gzip -9`, 'fetched on first use']);

    load = await freshLoad(browser, url, true);
    const total = load.responses.reduce((sum, { body }) => sum + gzip(body), 0);
    const files = load.responses.map(({ url: u, body }) => `${new URL(u).pathname.split('/').pop() || 'index.html'} ${kb(gzip(body))}`);
    rows.push([`whole first load, ${load.responses.length} requests, gzip -9`, kb(total), '< 150 KB']);
    rows.push(['  of which', files.join(', '), '']);
    rows.push(...(await xlsxRows(load)));
    // The default page and the link alternate, so both see the same machine load.
    const linkUrl = `${url}#${await linkOf(LINK_PRESET)}`;
    const firstFigures = { plain: [], link: [] };
    for (let i = 0; i < 2 * LOADS; i++) {
      await load.context.close();
      const kind = i % 2 ? 'link' : 'plain';
      load = await freshLoad(browser, kind === 'link' ? linkUrl : url);
      firstFigures[kind].push(load.firstFigures);
    }
    const spread = (xs) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
    rows.push([`navigation to first figures, default page, median of ${LOADS} fresh loads`, spread(firstFigures.plain), '< 300 ms']);
    rows.push([`  the same, ${LINK_PRESET} share link (${linkUrl.length - url.length - 1} chars)`, spread(firstFigures.link), 'same as default']);
    await load.context.close();
  }
  load = await freshLoad(browser, `http://127.0.0.1:${isolated.address().port}/`, false, true);
  const stats = (xs) => `median ${median(xs).toFixed(2)} ms, p95 ${quantile(xs, 0.95).toFixed(2)} ms`;
  for (const [label, p] of [['Customers', 'customers'], ['Peak QPS per customer', 'peakQpsPerCustomer']]) {
    const { sync, layout, calls } = await load.page.evaluate(timeSlider, [p, MOVES, COUNTED]);
    rows.push([`${label} slider to figures, ${MOVES} moves`, stats(sync), 'p95 < 8 ms']);
    rows.push(['  the same, with style and layout', stats(layout), '']);
    rows.push(['  calls into the wasm per move', callsText(calls), '']);
  }
  {
    // Advanced open: every field of the scenario is an input on the page.
    await load.page.evaluate(openAdvanced);
    const { sync, layout, calls } = await load.page.evaluate(timeSlider, ['customers', MOVES, COUNTED]);
    rows.push([`Customers slider to figures with Advanced open, ${MOVES} moves`, stats(sync), '']);
    rows.push(['  the same, with style and layout', stats(layout), '']);
    rows.push(['  calls into the wasm per move', callsText(calls), '']);
  }
  {
    // With usage ranges every tick evaluates three scenarios in full (typical, low and high).
    await load.context.close();
    load = await freshLoad(browser, `http://127.0.0.1:${isolated.address().port}/#${await linkOf(LINK_PRESET, RANGES)}`, false, true);
    const { sync, layout, calls } = await load.page.evaluate(timeSlider, ['customers', MOVES, COUNTED]);
    rows.push([`Customers slider to figures with usage ranges (3 evaluations), ${LINK_PRESET}, ${MOVES} moves`, stats(sync), 'p95 < 4 ms']);
    rows.push(['  the same, with style and layout', stats(layout), '']);
    rows.push(['  calls into the wasm per move', callsText(calls), '']);
    await load.context.close();
    load = await freshLoad(browser, `http://127.0.0.1:${isolated.address().port}/`, false, true);
  }
  for (const pin of [false, true]) {
    // One section is on screen at a time: the growth charts, then the comparison (A pinned).
    const { sync, layout, redraw, compare, calls } = await load.page.evaluate(timeSliderWithGrowth, [MOVES, pin]);
    const what = pin ? 'the comparison (A pinned) on screen' : 'growth chart on screen';
    rows.push([`Customers slider to figures, ${what}, ${MOVES} moves, one a frame`, stats(sync), 'p95 < 4 ms']);
    rows.push(['  the same, with style and layout', stats(layout), 'p95 < 16 ms']);
    if (!pin) rows.push([`  growth redraws in a later frame (growth, 3 charts, markers), ${redraw.length} of them`, stats(redraw), '']);
    if (pin) rows.push([`  comparison redraws in a later frame (5 tables), ${compare.length} of them`, stats(compare), '']);
    rows.push(['  calls into the wasm per move, redraws included', callsText(calls), '']);
  }
  if (!SLIDERS_ONLY) {
    for (const { id, ms } of await load.page.evaluate(timeGrowth, CALLS)) {
      rows.push([`growth(planner.link(), growthCounts(1000, 200)), ${id}, ${CALLS} calls`, `median ${median(ms).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms`, 'median < 2 ms']);
    }
    // Savings finder and tornado: savings() and sensitivity() in the tools module, per preset, as
    // their panels call them (the planner's link sent to the second module); and
    // their panels' chunks, which a fresh load must not fetch (they come when their section opens).
    const timeDecide = async (calls) => {
      const wasm = await import('/__bench/pkg/headroom.js');
      const tools = await import('/__bench/pkg/tools/headroom_tools.js');
      await Promise.all([wasm.default(), tools.default()]);
      const ms = (f) => {
        for (let i = 0; i < 10; i++) f();
        return Array.from({ length: calls }, () => {
          const t0 = performance.now();
          f();
          return performance.now() - t0;
        });
      };
      return wasm.presetIds().map((id) => {
        const planner = wasm.Planner.fromPreset(id);
        const out = { id, savings: ms(() => tools.savings(planner.link())), sensitivity: ms(() => tools.sensitivity(planner.link())) };
        planner.free();
        return out;
      });
    };
    for (const { id, savings, sensitivity } of await load.page.evaluate(timeDecide, CALLS)) {
      rows.push([`savings(planner.link()), ${id}, ${CALLS} calls`, stats(savings), 'median < 3 ms']);
      rows.push([`sensitivity(planner.link()), ${id}, ${CALLS} calls`, stats(sensitivity), 'median < 2 ms']);
    }
    {
      const fresh = await freshLoad(browser, url, true);
      const lazy = (await readdir(path.join(DIST, 'assets'))).filter((f) => /^(savings|tornado)-[\w-]+\.js$/.test(f));
      const html = await readFile(path.join(DIST, 'index.html'), 'utf8');
      await fresh.context.close();
      if (lazy.length !== 2) throw new Error(`expected the savings and tornado chunks in www/dist/assets, found ${lazy.join(', ')}`);
      const early = lazy.filter((name) => html.includes(name) || fresh.responses.some(({ url: u }) => u.endsWith(name)));
      if (early.length) throw new Error(`${early.join(', ')} part of the first load`);
      const sizes = await Promise.all(lazy.map(async (name) => `${name} ${kb(gzip(await readFile(path.join(DIST, 'assets', name))))}`));
      rows.push(['  savings and sensitivity panel chunks, gzip -9', sizes.join(', '), 'not in the first load (checked)']);
    }
    // The 12-month timeline panel's call (www/src/timeline.ts): the first module's planner's link,
    // read by the second, then 12 evaluations, per preset.
    const timeTimeline = async (calls) => {
      const wasm = await import('/__bench/pkg/headroom.js');
      const tools = await import('/__bench/pkg/tools/headroom_tools.js');
      await Promise.all([wasm.default(), tools.default()]);
      return wasm.presetIds().map((id) => {
        const planner = wasm.Planner.fromPreset(id);
        for (let i = 0; i < 10; i++) tools.timeline(planner.link());
        const ms = Array.from({ length: calls }, () => {
          const t0 = performance.now();
          tools.timeline(planner.link());
          return performance.now() - t0;
        });
        planner.free();
        return { id, ms };
      });
    };
    for (const { id, ms } of await load.page.evaluate(timeTimeline, CALLS)) {
      rows.push([`timeline(planner.link()), ${id}, ${CALLS} calls`, `median ${median(ms).toFixed(2)} ms, p95 ${quantile(ms, 0.95).toFixed(2)} ms`, 'median < 2 ms']);
    }
    for (const { id, withPreset, evaluateOnly } of await load.page.evaluate(timeEvaluate, CALLS)) {
      rows.push([`evaluate(preset('${id}')), ${CALLS} calls`, `median ${median(withPreset).toFixed(0)} µs (evaluate alone ${median(evaluateOnly).toFixed(0)} µs)`, '']);
    }

    const huge = await load.page.evaluate(timeHugeLink, [HUGE_FRAGMENT, 50]);
    rows.push([`decodeLink() of a ${HUGE_FRAGMENT.toLocaleString('en-US')}-character fragment, 50 calls`, `median ${median(huge).toFixed(2)} ms, max ${Math.max(...huge).toFixed(2)} ms`, 'refused at once']);
  }

  if (!(await load.page.evaluate(() => crossOriginIsolated))) throw new Error('the page is not cross-origin isolated: coarse timer');
  const cpus = os.cpus();
  console.log(`headroom page benchmark: ${cpus[0].model}, ${cpus.length} cores (load average ${loadAverage} at start), Chromium ${browser.version()}, Node ${process.version}\n`);
  const widths = [0, 1, 2].map((c) => Math.max(...[['what', 'measured', 'budget'], ...rows].map((r) => r[c].length)));
  const line = (r) => `| ${r.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log([line(['what', 'measured', 'budget']), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
} finally {
  await browser.close();
  plain.close();
  isolated.close();
}
