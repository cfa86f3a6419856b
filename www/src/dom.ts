/** Small DOM helpers. Text always goes in as text nodes, never as HTML. */

import type { Estimate, FieldValue } from './engine';

/**
 * What moved since the last render, by path, with the new values (`Planner.set`'s `changed`):
 * fields, the headline knobs, `customers[]` and `operations.fixedLines[]` for a list's new
 * length, and `pins` when the pins changed. Empty when only something outside the scenario did.
 */
export type Changes = ReadonlyMap<string, FieldValue>;

/** A part of the page that shows one estimate. */
export interface Panel {
  /**
   * Shows `estimate`. `reset` is true when inputs must all show the model's values again and
   * drop their marks: a whole scenario was opened, or a list (cohorts, fixed lines) changed.
   * `changed`, when given, is everything that moved (so only those inputs need the model's
   * values); without it, anything may have.
   */
  render(estimate: Estimate, reset: boolean, changed?: Changes): void;
}

/** True when `path` may have moved: `changed` lists it, or nothing says what moved. */
export const moved = (path: string, changed?: Changes): boolean => !changed || changed.has(path);

type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'style' | 'dataset'>> & {
  /** Attributes set with `setAttribute` (aria-*, data-*, ...). */
  attrs?: Record<string, string>;
};

/** Creates an element with properties, attributes and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const { attrs = {}, ...rest } = props;
  const el = Object.assign(document.createElement(tag), rest);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

/** Sets an element's text, in place and only when it differs, so unchanged figures cost nothing. */
export function setText(el: Element, text: string): void {
  const node = el.firstChild;
  if (node instanceof Text && node === el.lastChild) {
    if (node.data !== text) node.data = text;
  } else el.textContent = text;
}

/** The element with `id` in the page (the static skeleton of index.html). */
export function byId(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el;
}

/** Adds children made by `make(index)` or removes the last ones until `parent` has `count`. */
export function fit(parent: Element, count: number, make: (index: number) => Element): void {
  while (parent.children.length < count) parent.append(make(parent.children.length));
  while (parent.children.length > count) parent.lastElementChild!.remove();
}

/** A column of a {@link table}: its heading and how a row's cell reads. */
export interface Column<T> {
  head: string;
  cell: (row: T) => string;
  /** Right-aligned, tabular figures. */
  numeric?: boolean;
}

/**
 * How a table fits a phone: `stack` turns each row into a block (the first and last columns on
 * its first line, the others under them, each with its column's name); `stack-item` does the
 * same with the second column first (a bill line's item), the first under it with its name;
 * `sideways` keeps the first column in place while the others scroll sideways behind a shadow
 * that says there is more.
 */
export type Narrow = 'stack' | 'stack-item' | 'sideways';

/** The table's classes for `narrow` (style.css). */
const NARROW_CLASSES: Record<Narrow, string> = { stack: 'stack', 'stack-item': 'stack item-first', sideways: 'sideways' };

/**
 * A table in its own scrolling container that reuses its rows: `render` adds or removes rows
 * only when the count changes and otherwise rewrites changed cell text. Rows whose `negative`
 * returns true get the class `neg`. `narrow` says how it fits a phone; `explain` gives a row the id
 * of the figure whose explanation it opens (www/src/explain/hook.ts).
 */
export function table<T>(
  caption: string,
  columns: Column<T>[],
  negative: (row: T) => boolean = () => false,
  narrow: Narrow = 'stack',
  explain?: (row: T) => string,
): { element: HTMLElement; render(rows: readonly T[]): void; foot: HTMLTableSectionElement } {
  const body = h('tbody');
  const foot = h('tfoot');
  const head = h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', className: c.numeric ? 'num' : '' }, c.head)));
  const element = h(
    'div',
    { className: 'scroll', tabIndex: 0, attrs: { role: 'region', 'aria-label': caption } },
    h('table', { className: NARROW_CLASSES[narrow] }, h('caption', {}, caption), h('thead', {}, head), body, foot),
  );
  const newRow = () => h('tr', {}, ...columns.map((c) => h('td', { className: c.numeric ? 'num' : '', attrs: { 'data-label': c.head } })));
  return {
    element,
    foot,
    render(rows) {
      fit(body, rows.length, newRow);
      rows.forEach((row, i) => {
        const tr = body.rows[i]!;
        tr.classList.toggle('neg', negative(row));
        // A row that opens its figure's explanation (www/src/explain/hook.ts).
        if (explain) Object.assign(tr, { tabIndex: 0 }).dataset.explain = explain(row);
        columns.forEach((c, j) => setText(tr.cells[j]!, c.cell(row)));
      });
    },
  };
}

/**
 * "Show all" for a long list: `take(rows)` gives the first `limit` rows, or all of them once the
 * button (hidden while the list is short) is pressed; `redraw` shows the list again after a press.
 */
export function showAll(noun: string, limit: number, redraw: () => void): { button: HTMLButtonElement; take<T>(rows: readonly T[]): readonly T[] } {
  let all = false;
  const button = h('button', { type: 'button', className: 'show-all', attrs: { 'aria-expanded': 'false' } });
  button.addEventListener('click', () => {
    all = !all;
    button.setAttribute('aria-expanded', String(all));
    redraw();
  });
  return {
    button,
    take(rows) {
      button.hidden = rows.length <= limit;
      setText(button, all ? `Show the first ${limit} ${noun}` : `Show all ${rows.length} ${noun}`);
      return all ? rows : rows.slice(0, limit);
    },
  };
}
