/** The fixed monthly lines (support plans, licences, ...) as an editing table, with add and remove. */
import { fit, h, type Panel } from './dom';
import { cell, editButton, editTable } from './edittable';
import type { Field } from './engine';
import { labelOf, rowOf, rowsIn, type FieldTable } from './fields';
import { bindInputs, syncInputs } from './inputs';
import type { Session } from './session';

/** Builds the fixed-line table (hidden while there are none) and its "Add fixed line" button in `root`. */
export function createFixedLines(root: HTMLElement, session: Session, table: FieldTable): Panel {
  const columns = rowsIn(table, 'Fixed monthly lines');
  const error = h('p', { className: 'error', attrs: { 'aria-live': 'polite' } });
  const body = h('tbody');
  const lineRow = (i: number) => {
    const path = (row: Field) => row.path.replace('[]', `[${i}]`);
    return h(
      'tr',
      {},
      ...columns.map((row) => cell(row, path(row), `${labelOf(row)}, fixed line ${i + 1}`)),
      h('td', {}, editButton('Remove', `Remove fixed line ${i + 1}`, { kind: 'removeFixedLine', index: i }, session, error)),
    );
  };
  const label = rowOf(table, 'operations.fixedLines[].label').default;
  const usd = rowOf(table, 'operations.fixedLines[].monthlyUsd').default;
  const add = { kind: 'addFixedLine', label: String(label), monthlyUsd: Number(usd) } as const;
  const tableBox = editTable('Fixed monthly lines', [...columns.map(labelOf), ''], body);
  root.append(h('p', {}, editButton('Add fixed line', 'Add fixed line', add, session, error)), error, tableBox);
  bindInputs(root, session);
  return {
    render(_estimate, reset, changed) {
      const length = reset || !changed ? session.scenario().operations.fixedLines.length : changed.get('operations.fixedLines[]');
      if (typeof length === 'number') {
        fit(body, length, lineRow);
        tableBox.hidden = body.rows.length === 0;
      }
      syncInputs(root, (path) => session.get(path), reset, changed);
    },
  };
}
