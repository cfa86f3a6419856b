/**
 * The prospect deal view: the "Add prospect" form, and what the prospect costs priced by the
 * model's `deal`: its incremental monthly cost (total with it less total without it), its share
 * under each allocation rule, the margin both ways and the lowest ACV that keeps the target
 * margin. A refused input is marked next to its field and the last good result stays. "Add as a
 * cohort" puts the prospect into the scenario.
 *
 * Pricing takes the whole scenario across the wasm boundary and evaluates it twice or more, so
 * it follows the estimate at most every {@link REDRAW_MS} and only while on screen
 * ({@link visibleFrames}); "Price the deal" prices at once.
 */
import { createDealForm } from './dealform';
import { h, setText, table, type Panel } from './dom';
import { messageOf } from './engine';
import { money, percent } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import type { Allocation } from './generated/Scenario';
import type { Session } from './session';
import type { Deal, Tools } from './tools';

/** One row of the result: the cost a month, the margin on it and the lowest safe ACV. */
interface Row {
  basis: string;
  cents: number;
  margin: number | null;
  minAcvUsd: number;
}


const RULES: Record<Allocation, string> = { equal: 'Equal share', byUsage: 'Share by usage', byAcv: 'Share by ACV' };

/** USD as money to the cent. */
const usd = (x: number) => money(Math.round(x * 100));

/** The result's rows: incremental, then one per allocation rule. */
function rowsOf(d: Deal): Row[] {
  return [
    { basis: 'Incremental (total with it less total without it)', cents: d.incrementalMonthlyCents, margin: d.incrementalMarginPct, minAcvUsd: d.minAcvIncrementalUsd },
    ...d.allocated.map((s) => ({ basis: RULES[s.rule], cents: s.allocatedMonthlyCents, margin: s.grossMarginPct, minAcvUsd: s.minAcvUsd })),
  ];
}

/** Builds the deal view in `root`, pricing with `tools`. */
export function createDeal(root: HTMLElement, session: Session, tools: Tools): Panel {
  const form = createDealForm(session.scenario().typicalCustomer);
  const summary = h('p', { className: 'deal-summary', attrs: { 'aria-live': 'polite' } });
  const result = table<Row>('Prospect deal: cost a month, margin and lowest ACV for the target margin', [
    { head: 'Basis', cell: (r) => r.basis },
    { head: 'Cost / month', cell: (r) => money(r.cents), numeric: true },
    { head: 'Gross margin', cell: (r) => percent(r.margin), numeric: true },
    { head: 'Lowest ACV', cell: (r) => usd(r.minAcvUsd), numeric: true },
  ]);
  const addError = h('p', { className: 'error', attrs: { 'aria-live': 'polite' } });
  const add = h('button', { type: 'button' }, 'Add the prospect to the scenario as a cohort');
  root.append(form.element, summary, result.element, h('p', {}, add), addError);

  /**
   * Prices the prospect against the planner's scenario (the form reads its cohorts and typical
   * customer; the tools module is given the link); marks the form and keeps the last result when
   * refused.
   */
  const price = () => {
    const scenario = session.scenario();
    form.cohorts(scenario.customers.map((c) => c.name));
    const { prospect, targetMarginPct } = form.read(scenario);
    let d: Deal;
    try {
      d = tools.deal(session.link(), prospect, targetMarginPct);
    } catch (error) {
      form.refuse(error);
      return;
    }
    form.clear();
    setText(
      summary,
      `${d.name}: revenue ${money(d.monthlyRevenueCents)} a month (ACV ${usd(d.acvUsd)}); lowest ACVs keep a ${percent(d.targetMarginPct)} margin.`,
    );
    result.render(rowsOf(d));
  };
  const request = visibleFrames(root, price, REDRAW_MS);
  form.element.addEventListener('input', request);
  form.element.addEventListener('change', request);
  form.element.addEventListener('submit', (event) => {
    event.preventDefault();
    price();
  });
  add.addEventListener('click', () => {
    const scenario = session.scenario();
    const { prospect } = form.read(scenario);
    try {
      const profile = form.profile(scenario);
      // Live from the first month of the timeline, at full load.
      const cohort = { name: prospect.name, count: 1, profile, goLiveMonth: 1, rampMonths: 0 };
      session.replaceWithLink(tools.encodeLink({ ...scenario, customers: [...scenario.customers, cohort] }));
      setText(addError, '');
    } catch (error) {
      setText(addError, messageOf(error));
    }
  });
  return { render: () => request() };
}
