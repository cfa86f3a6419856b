/**
 * Wiring: loads the model, opens the scenario of the URL fragment (or the first preset) and shows
 * its summary strip, then builds the workspace: the top bar's
 * picker and actions, the inputs rail, and the sections of the main area. The only state is the
 * Planner handle, in the {@link Session}; every panel renders from the one estimate it is given.
 */
import { createAlert } from './alert';
import { createBill, createBreakdown } from './breakdown';
import { createControls } from './controls';
import { createCurrency } from './currency';
import { byId, h } from './dom';
import { fields, loadEngine, Planner, preset, presetIds, priceBooks, tools } from './engine';
import { createExplainHook } from './explain/hook';
import { createExport } from './export';
import { fieldTable } from './fields';
import { createFindings } from './findings';
import { lazyPanel, onOpen } from './frame';
import { createHeadline } from './headline';
import { createPins } from './pins';
import { createPrintNotes } from './printnotes';
import { createReprice } from './reprice';
import { Session } from './session';
import { createShare, openFragment } from './share';
import { closeMenusOnLeave, menu } from './shell/menus';
import { createPicker } from './shell/picker';
import { createPrint } from './shell/print';
import { createRailToggle } from './shell/rail';
import { createSections } from './shell/sections';
import { createSizing } from './sizing';
import { createWarnings } from './warnings';
import './style.css';

await loadEngine();
const ids = presetIds();
const fallback = () => Planner.fromPreset(ids[0]!);
const opened = location.hash;
const { planner, refused } = openFragment(opened, fallback);
const session = new Session(planner);

const show = createSections(byId('sections'));
const headline = createHeadline(byId('figures'), () => show('overview', 'findings-title'));
headline.render(session.estimate(), true);
performance.mark('headroom:first-figures');

const table = fieldTable(fields());
const books = priceBooks();
const alert = createAlert(byId('link-alert'));

// The top bar: Copy link, then the Save, Export and Print menus and Import.
const [share, importRoot] = [h('div', { className: 'bar-share' }), h('div', { className: 'bar-import' })];
const [saved, exports, printing] = [menu('Save'), menu('Export'), menu('Print')];
byId('actions').append(share, saved.element, exports.element, importRoot, printing.element);
closeMenusOnLeave();
saved.body.classList.add('lazy');
const advanced = byId('advanced') as HTMLDetailsElement;
createRailToggle(byId('inputs-toggle'), byId('rail'));

// Panels whose code is fetched when their section first opens (or a full report is printed),
// keeping the first load under 150 KB gzip.
const lazy = [
  lazyPanel(byId('savings'), async () => (await import('./savings')).createSavings(byId('savings'), session, await tools())),
  lazyPanel(byId('tornado'), async () => (await import('./tornado')).createTornado(byId('tornado'), session, await tools())),
  lazyPanel(byId('growth'), async () => (await import('./growth')).createGrowth(byId('growth'), session, await tools())),
  lazyPanel(byId('timeline'), async () => (await import('./timeline')).createTimeline(byId('timeline'), session, await tools())),
  lazyPanel(byId('deal'), async () => (await import('./deal')).createDeal(byId('deal'), session, await tools(), table, show)),
  lazyPanel(byId('quote'), async () => (await import('./quote')).createQuote(byId('quote'), session, await tools(), books, show)),
];
createPrint(printing.body, lazy);
session.show([
  headline,
  createBreakdown(byId('chart')),
  createBill(byId('bill')),
  createPins(byId('pin-bar'), byId('compare-section'), byId('compare'), session),
  ...lazy,
  createSizing(byId('sizing')),
  createFindings(byId('findings') as HTMLUListElement, byId('no-findings')),
  createPicker(byId('picker'), session, ids.map((id) => [id, preset(id).name])),
  createReprice(byId('reprice'), session, books),
  createControls(byId('controls'), session, table),
  createCurrency(byId('currency'), session, table),
  // Advanced and the saved list: built when first opened.
  lazyPanel(advanced, async () => (await import('./advanced')).createAdvanced(advanced, session, table, books), onOpen(advanced)),
  createShare(share, alert, session, fallback, opened, refused),
  createExport(exports.body, importRoot, session, alert),
  lazyPanel(saved.body, async () => (await import('./saved')).createSaved(saved.body, session), onOpen(saved.element)),
  createPrintNotes(byId('print-notes'), session, table, books),
  createExplainHook(session, tools),
  createWarnings(session),
]);
// Every panel listens now (links pasted, files dropped): tests and scripts wait for this.
document.body.dataset.ready = 'true';
