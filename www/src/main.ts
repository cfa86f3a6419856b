/**
 * Wiring: loads the model, opens the scenario of the URL fragment (or the first preset) and shows
 * its headline figures, then (once the chart's chunk is in) builds the other panels. The only
 * state is the Planner handle, in the {@link Session}; every panel renders from the one estimate
 * it is given.
 */
import { createAdvanced } from './advanced';
import { createAlert } from './alert';
import { createControls } from './controls';
import { createCurrency } from './currency';
import { byId } from './dom';
import { fields, loadEngine, Planner, preset, presetIds, priceBooks, tools } from './engine';
import { createExport } from './export';
import { fieldTable } from './fields';
import { createFindings } from './findings';
import { createHeadline } from './headline';
import { createPins } from './pins';
import { createPrintNotes } from './printnotes';
import { lazyPanel } from './frame';
import { createReprice } from './reprice';
import { createSaved } from './saved';
import { Session } from './session';
import { createShare, openFragment } from './share';
import { createSizing } from './sizing';
import './style.css';

await loadEngine();
const ids = presetIds();
const fallback = () => Planner.fromPreset(ids[0]!);
const opened = location.hash;
const { planner, refused } = openFragment(opened, fallback);
const session = new Session(planner);

const headline = createHeadline(byId('figures'));
headline.render(session.estimate(), true);
performance.mark('headroom:first-figures');

// The chart library (in its own chunk) is fetched and evaluated after the first figures.
const { createBreakdown } = await import('./breakdown');
const table = fieldTable(fields());
const books = priceBooks();
const alert = createAlert(byId('link-alert'));
session.show([
  headline,
  createBreakdown(byId('breakdown')),
  createPins(byId('pin-bar'), byId('compare-section'), byId('compare'), session),
  // The growth charts' and the deal view's code come when they are scrolled near (they are below
  // the first screen), keeping the first load under 150 KB gzip.
  lazyPanel(byId('growth'), async () => (await import('./growth')).createGrowth(byId('growth'), session, await tools())),
  lazyPanel(byId('timeline'), async () => (await import('./timeline')).createTimeline(byId('timeline'), session, await tools())),
  lazyPanel(byId('deal'), async () => (await import('./deal')).createDeal(byId('deal'), session, await tools())),
  // The savings finder and the tornado (issue 10), lazily too.
  lazyPanel(byId('savings'), async () => (await import('./savings')).createSavings(byId('savings'), session, await tools())),
  lazyPanel(byId('tornado'), async () => (await import('./tornado')).createTornado(byId('tornado'), session, await tools())),
  createSizing(byId('sizing')),
  createFindings(byId('findings') as HTMLUListElement, byId('no-findings')),
  createReprice(byId('reprice'), session, books),
  createControls(byId('controls'), session, table, ids.map((id) => [id, preset(id).name])),
  createCurrency(byId('currency'), session, table),
  createAdvanced(byId('advanced') as HTMLDetailsElement, session, table, books),
  createShare(byId('share'), alert, session, fallback, opened, refused),
  createExport(byId('exports'), session, alert),
  createSaved(byId('saved'), session),
  createPrintNotes(byId('print-notes'), session, table, books),
]);
// Every panel listens now (links pasted, files dropped): tests and scripts wait for this.
document.body.dataset.ready = 'true';
