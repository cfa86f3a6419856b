/**
 * "Advanced": the rest of the scenario, opened from the rail as a panel over the main area (the
 * summary strip and the rail stay in view beside it). A fieldset per group of the field table
 * (Cloud Run, Firestore, ...), then the cohort, fixed-line and price tables. While it is closed
 * only whole scenario changes (`reset`) reach it; opening it brings it up to date.
 */
import { h, type Changes, type Panel } from './dom';
import type { Estimate, PriceBook } from './engine';
import { createCohorts } from './cohorts';
import { HEADLINE_PATHS } from './controls';
import { rowsIn, type FieldTable } from './fields';
import { createFixedLines } from './fixedlines';
import { bindInputs, fieldFor, syncInputs } from './inputs';
import { createPrices } from './prices';
import type { Session } from './session';

/** Groups with panels of their own (or, for "Scenario", fields shown with the headline inputs). */
const OWN_PANELS = new Set(['Scenario', 'Customer cohorts', 'New-customer template', 'Fixed monthly lines', 'Prices', 'Currency', 'Deal']);

/** A fieldset for each remaining group of the table, in table order. */
function groups(table: FieldTable): HTMLElement {
  const names = [...new Set([...table.values()].map((row) => row.group))].filter((group) => !OWN_PANELS.has(group));
  const fieldset = (group: string) => {
    const rows = rowsIn(table, group).filter((row) => !HEADLINE_PATHS.has(row.path));
    return h('fieldset', {}, h('legend', {}, group), ...rows.map((row) => fieldFor(row, row.path)));
  };
  return h('div', { className: 'groups' }, ...names.map(fieldset));
}

/** Builds Advanced inside the `<details>` `root`. */
export function createAdvanced(root: HTMLDetailsElement, session: Session, table: FieldTable, books: readonly PriceBook[]): Panel {
  const fields = groups(table);
  const [cohorts, fixedLines, prices] = [h('div'), h('div'), h('div')];
  const close = h('button', { type: 'button', className: 'close' }, 'Close');
  close.addEventListener('click', () => {
    root.open = false;
    root.querySelector('summary')?.focus();
  });
  const title = h('h2', { id: 'advanced-title' }, 'All inputs and prices');
  root.append(h('section', { className: 'advanced-panel', attrs: { 'aria-labelledby': title.id } }, h('div', { className: 'panel-head' }, title, close), fields, cohorts, fixedLines, prices));
  bindInputs(fields, session);
  const panels: Panel[] = [
    { render: (_estimate, reset, changed) => syncInputs(fields, (path) => session.get(path), reset, changed) },
    createCohorts(cohorts, session, table),
    createFixedLines(fixedLines, session, table),
    createPrices(prices, session, table, books),
  ];
  const render = (estimate: Estimate, reset: boolean, changed?: Changes) => {
    if (reset || root.open) panels.forEach((panel) => panel.render(estimate, reset, changed));
  };
  // Changes made while closed are not known here: opening reads every value.
  root.addEventListener('toggle', () => root.open && render(session.estimate(), false));
  return { render };
}
