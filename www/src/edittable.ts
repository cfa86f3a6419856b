/** Pieces of the editing tables (cohorts, fixed lines, prices): cells, the table, list buttons. */
import { h, setText } from './dom';
import { messageOf, type Field, type ListChange } from './engine';
import { errorFor, inputFor } from './inputs';
import type { Session } from './session';

/**
 * A cell editing `path` of `row`, named `name` (table cells have no visible label of their own);
 * `clearable` when emptying it clears the value (price overrides).
 */
export function cell(row: Field, path: string, name: string, clearable = false): HTMLTableCellElement {
  return h('td', {}, inputFor(row, path, { name, clearable }), errorFor(path));
}

/** An editing table in its own scrolling container. */
export function editTable(caption: string, heads: string[], body: HTMLTableSectionElement, ...rest: HTMLElement[]): HTMLElement {
  const head = h('thead', {}, h('tr', {}, ...heads.map((text) => h('th', { scope: 'col' }, text))));
  return h(
    'div',
    { className: 'scroll', tabIndex: 0, attrs: { role: 'region', 'aria-label': caption } },
    h('table', { className: 'edit' }, h('caption', {}, caption), head, body, ...rest),
  );
}

/**
 * A button that applies `change` with `session.edit`, showing a refusal in `error`. A list change
 * re-renders every panel with `reset`, so rows follow the lists.
 */
export function editButton(text: string, name: string, change: ListChange, session: Session, error: HTMLElement): HTMLButtonElement {
  const button = h('button', { type: 'button', attrs: { 'aria-label': name } }, text);
  button.addEventListener('click', () => {
    try {
      session.edit(change);
      setText(error, '');
    } catch (e) {
      setText(error, messageOf(e));
    }
  });
  return button;
}
