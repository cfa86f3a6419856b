/**
 * The customer cohorts as an editing table (one row per cohort, one column per field of the
 * "Customer cohorts" group), the new-customer template as its footer, and buttons that add a
 * prospect cohort or remove one.
 */
import { fit, h, type Panel } from './dom';
import { cell, editButton, editTable } from './edittable';
import type { Field } from './engine';
import { labelOf, rowsIn, type FieldTable } from './fields';
import { bindInputs, syncInputs } from './inputs';
import type { Session } from './session';

const COHORT_PREFIX = 'customers[].';
const PROFILE_PREFIX = 'customers[].profile.';
const TEMPLATE_PREFIX = 'typicalCustomer.';

/** Builds the cohort table in `root`. */
export function createCohorts(root: HTMLElement, session: Session, table: FieldTable): Panel {
  const columns = rowsIn(table, 'Customer cohorts');
  const template = new Map(rowsIn(table, 'New-customer template').map((row) => [row.path.slice(TEMPLATE_PREFIX.length), row]));
  const error = h('p', { className: 'error', attrs: { 'aria-live': 'polite' } });
  const body = h('tbody');
  const cohortRow = (i: number) => {
    const what = `cohort ${i + 1}`;
    const path = (row: Field) => row.path.replace('[]', `[${i}]`);
    return h(
      'tr',
      {},
      ...columns.map((row) => cell(row, path(row), `${labelOf(row)}, ${what}`)),
      h('td', {}, editButton('Remove', `Remove ${what}`, { kind: 'removeCohort', index: i }, session, error)),
    );
  };
  /** The template's cell under a cohort column: its profile field, a heading, or nothing. */
  const templateCell = (row: Field) => {
    const own = row.path.startsWith(PROFILE_PREFIX) ? template.get(row.path.slice(PROFILE_PREFIX.length)) : undefined;
    if (own) return cell(own, own.path, `${labelOf(own)}, new-customer template`);
    return row.path === `${COHORT_PREFIX}name` ? h('th', { scope: 'row' }, 'Template for new customers') : h('td', {}, '—');
  };
  const foot = h('tfoot', {}, h('tr', {}, ...columns.map(templateCell), h('td')));
  const caption = 'Customer cohorts; customers added with the Customers control follow the template';
  root.append(
    editTable(caption, [...columns.map(labelOf), ''], body, foot),
    h('p', {}, editButton('Add cohort', 'Add cohort', { kind: 'addCohort', name: 'Prospect' }, session, error)),
    error,
  );
  bindInputs(root, session);
  return {
    render(_estimate, reset, changed) {
      // The Customers knob can add a cohort (customers[] says the list's new length); without
      // `changed` (Advanced opened after changes made while it was closed) the list is read.
      const length = reset || !changed ? session.scenario().customers.length : changed.get('customers[]');
      if (typeof length === 'number') fit(body, length, cohortRow);
      syncInputs(root, (path) => session.get(path), reset, changed);
    },
  };
}
