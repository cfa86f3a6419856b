/**
 * The Deal view: the prospect in a sales rep's terms (dealform.ts, the scenario's `deal.*`
 * fields) and one answer first: its cost under the scenario's own allocation rule, with the
 * incremental cost (total with it less total without it) beneath it, the margin at its ACV and the
 * lowest ACV for the target margin; then the findings and price steps it brings, the cost under
 * every rule, and the scenario without and with it (the internal deal sheet). "Add to the
 * scenario" makes the prospect a cohort once (rounded figures), says what it changed, and can be
 * undone like a saving; from then on the deal is that cohort, never priced on top of itself.
 *
 * Pricing takes the whole scenario across the wasm boundary and evaluates it a few times, so it
 * follows the estimate at most every {@link REDRAW_MS} and only while on screen ({@link visibleFrames}).
 */
import { createDealForm, rounded } from './dealform';
import { dealHeadline, RULES, usd } from './dealtext';
import { h, setText, table, type Panel } from './dom';
import { messageOf, type Scenario } from './engine';
import type { FieldTable } from './fields';
import { money, percent, unitPrice } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import { bindInputs } from './inputs';
import type { Session } from './session';
import type { ShowSection } from './shell/sections';
import type { Deal, Tools } from './tools';
import { createUndo } from './undo';

/** One row of the detail table: a basis, its cost a month, the margin on it and the lowest ACV. */
interface Row {
  basis: string;
  cents: number;
  margin: number | null;
  lowest: string;
}

/** One row of the comparison: a figure without and with the prospect. */
interface Compared {
  figure: string;
  without: string;
  with: string;
}

/** The detail table's rows: incremental, then each rule (the scenario's own marked). */
function rowsOf(d: Deal): Row[] {
  const lowest = (x: number | null) => (x === null ? 'Any ACV: the cost follows the ACV' : usd(x));
  return [
    { basis: 'Incremental (total with it less total without it)', cents: d.incrementalMonthlyCents, margin: d.incrementalMarginPct, lowest: usd(d.minAcvIncrementalUsd) },
    ...d.allocated.map((s) => ({
      basis: s.rule === d.headlineRule ? `${RULES[s.rule]} (the scenario's rule)` : RULES[s.rule],
      cents: s.allocatedMonthlyCents,
      margin: s.grossMarginPct,
      lowest: lowest(s.minAcvUsd),
    })),
  ];
}

/** The scenario without and with the prospect. */
function comparedOf(d: Deal): Compared[] {
  const [a, b] = [d.without, d.with];
  return [
    { figure: 'Monthly cost', without: money(a.monthlyCostCents), with: money(b.monthlyCostCents) },
    { figure: 'Monthly revenue', without: money(a.monthlyRevenueCents), with: money(b.monthlyRevenueCents) },
    { figure: 'Gross margin', without: percent(a.grossMarginPct), with: percent(b.grossMarginPct) },
    { figure: 'Customers', without: String(a.customerCount), with: String(b.customerCount) },
  ];
}

/** What the prospect brings: its findings, then the price steps it crosses. */
function broughtOf(d: Deal): string[] {
  const steps = d.priceSteps.map((s) =>
    s.unitPriceBeforeUsd === null ? `New on the bill: ${s.label}.` : `Crosses a price step: ${s.label} from ${unitPrice(s.unitPriceBeforeUsd)} to ${unitPrice(s.unitPriceUsd)} a unit.`,
  );
  return [...d.findingsAdded.map((f) => f.message), ...steps];
}

/** The cohort the prospect becomes: one customer, its profile rounded as the controls show it, live from month 1. */
function cohortOf(d: Deal) {
  const p = d.profile;
  const profile = {
    ...p,
    peakQps: rounded(p.peakQps, 2),
    avgQps: rounded(p.avgQps, 2),
    firestoreReadsPerDay: rounded(p.firestoreReadsPerDay, 0),
    firestoreWritesPerDay: rounded(p.firestoreWritesPerDay, 0),
    firestoreDeletesPerDay: rounded(p.firestoreDeletesPerDay, 0),
    storedGb: rounded(p.storedGb, 2),
    egressGbPerMonth: rounded(p.egressGbPerMonth, 2),
    cpuMsPerRequest: rounded(p.cpuMsPerRequest, 2),
  };
  return { name: d.name, count: 1, profile, goLiveMonth: 1, rampMonths: 0 };
}

/** Builds the Deal view in `root`: the form over `table`'s deal fields, priced with `tools`; `show` opens the Quote. */
export function createDeal(root: HTMLElement, session: Session, tools: Tools, fields: FieldTable, show: ShowSection): Panel {
  const form = createDealForm(session, fields);
  bindInputs(form.element, session);
  const headline = h('p', { className: 'deal-headline', attrs: { 'aria-live': 'polite' } });
  const state = h('p', { className: 'deal-state', attrs: { 'aria-live': 'polite' } });
  const add = h('button', { type: 'button' }, 'Add to the scenario');
  const quote = h('button', { type: 'button' }, 'Show the quote');
  const added = h('p', { className: 'deal-added', attrs: { role: 'status' } });
  const undo = createUndo(session, added, () => price());
  const broughtTitle = h('h3', { id: 'deal-brought-title' }, 'What the deal brings');
  const brought = h('ul', { className: 'findings deal-brought', attrs: { 'aria-labelledby': broughtTitle.id } });
  const rules = table<Row>('The deal by basis: cost a month, margin and lowest ACV for the target margin', [
    { head: 'Basis', cell: (r) => r.basis },
    { head: 'Cost / month', cell: (r) => money(r.cents), numeric: true },
    { head: 'Gross margin', cell: (r) => percent(r.margin), numeric: true },
    { head: 'Lowest ACV', cell: (r) => r.lowest, numeric: true },
  ]);
  const compared = table<Compared>('The scenario without and with the prospect', [
    { head: 'Figure', cell: (r) => r.figure },
    { head: 'Without', cell: (r) => r.without, numeric: true },
    { head: 'With', cell: (r) => r.with, numeric: true },
  ]);
  const answer = h(
    'div',
    { className: 'deal-answer', hidden: true },
    headline,
    state,
    h('div', { className: 'deal-actions' }, add, quote, undo.button),
    added,
    broughtTitle,
    brought,
    rules.element,
    compared.element,
  );
  const empty = h('p', { className: 'hint' }, "Give the prospect's name to price the deal.");
  root.append(h('div', { className: 'deal-layout' }, form.element, h('div', {}, empty, answer)));

  /** Prices the scenario's deal; on a refusal the message shows and the last answer stays. */
  const price = () => {
    const scenario = session.scenario();
    let d: Deal | null;
    try {
      d = tools.deal(session.link());
    } catch (error) {
      setText(state, `Not priced: ${messageOf(error)}`);
      return;
    }
    form.show(d, scenario);
    empty.hidden = d !== null;
    answer.hidden = d === null;
    if (!d) return;
    setText(headline, dealHeadline(d));
    setText(state, d.inScenario ? `${d.name} is in the scenario as a cohort: these are its own figures, not priced on top of itself. Change its usage in the cohorts table.` : '');
    add.hidden = d.inScenario;
    add.textContent = `Add ${d.name} to the scenario`;
    const items = broughtOf(d);
    brought.replaceChildren(...(items.length ? items : ['No new finding and no price step.']).map((text) => h('li', {}, text)));
    rules.render(rowsOf(d));
    compared.render(comparedOf(d));
  };
  const request = visibleFrames(root, price, REDRAW_MS);

  add.addEventListener('click', () => {
    const scenario: Scenario = session.scenario();
    let d: Deal | null;
    try {
      d = tools.deal(session.link());
      // Priced afresh: a second click, or a deal already in, adds nothing.
      if (!d || d.inScenario) return;
      const before = session.link();
      session.replaceWithLink(tools.encodeLink({ ...scenario, customers: [...scenario.customers, cohortOf(d)] }));
      undo.remember(before);
    } catch (error) {
      setText(added, `Not added: ${messageOf(error)}`);
      return;
    }
    const now = session.estimate().totals.monthlyCostCents;
    const was = d.without.monthlyCostCents;
    setText(added, `${d.name} added: cost +${money(now - was)} a month, from ${money(was)} to ${money(now)}. Undo returns to the scenario before it, dropping any change made since.`);
    price();
  });
  quote.addEventListener('click', () => show('quote'));

  return {
    render: (_estimate, reset) => {
      form.sync(reset);
      request();
    },
  };
}
