/**
 * The comparison: the pinned scenarios (A, B, C) beside the current one ("Now"), from the model's
 * `Planner.comparison`: every headline figure, line item and cohort's cost, each with its
 * difference from A, and the inputs that differ, a value that differs from A's marked. Each pin
 * column of the headline table has its "Unpin" button.
 *
 * It follows the estimate in an animation frame while on screen, at most every {@link REDRAW_MS}
 * ({@link visibleFrames}), so a slider tick's figures never wait for it.
 */
import { lineName } from './components';
import { fit, h, setText, type Panel } from './dom';
import type { Comparison, FieldValue, InputRow, Row } from './engine';
import { DASH, money, num, percent } from './format';
import { visibleFrames } from './frame';
import type { Session } from './session';

/**
 * The least time between two redraws, ms: while a control moves the comparison follows ten
 * times a second (each redraw converts the whole comparison; every frame would feed the garbage
 * collector pauses that land in slider ticks).
 */
const REDRAW_MS = 100;

/** The name of the performance measure each redraw leaves (the last one only), for the benchmark. */
export const COMPARE_MEASURE = 'headroom:compare';

/** A value of a row as text. */
function value(row: Row, x: number | null): string {
  if (x === null) return DASH;
  return row.unit === 'cents' ? money(x) : row.unit === 'pct' ? percent(x) : num(x);
}

/** A difference from A as text, signed: `+$12.00`, `−1.5 pt`, `no change`. */
function difference(row: Row, d: number | null): string {
  if (d === null) return DASH;
  if (d === 0) return 'no change';
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  return row.unit === 'cents' ? `${sign}${money(abs)}` : row.unit === 'pct' ? `${sign}${num(abs, 1)} pt` : `${sign}${num(abs)}`;
}

/** An input's value as text. */
function input(v: FieldValue | undefined, unit: string): string {
  if (v === null || v === undefined) return DASH;
  if (typeof v === 'number') return unit ? `${num(v, 3)} ${unit}` : num(v, 3);
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return Array.isArray(v) ? v.join(', ') : v;
}

/** One table of the comparison: a label column, then one column per scenario. */
interface Section<T> {
  caption: string;
  rows: (c: Comparison) => T[];
  label: (row: T) => string;
  /** A cell's text, and its difference from A (none for A's own column). */
  cell: (row: T, column: number) => [string, string | undefined];
  /** Whether column `column`'s cell is marked as changed from A. */
  changed: (row: T, column: number) => boolean;
}

const figures = (caption: string, rows: (c: Comparison) => Row[], label = (r: Row) => r.label): Section<Row> => ({
  caption,
  rows,
  label,
  cell: (r, i) => [value(r, r.values[i] ?? null), i === 0 ? undefined : difference(r, r.differences[i] ?? null)],
  changed: (r, i) => i > 0 && r.differences[i] !== 0,
});

const INPUTS: Section<InputRow> = {
  caption: 'Inputs that differ (a value other than A’s is marked)',
  rows: (c) => c.inputs,
  label: (r) => `${r.label} (${r.path})`,
  cell: (r, i) => [input(r.values[i], r.unit), undefined],
  changed: (r, i) => i > 0 && JSON.stringify(r.values[i]) !== JSON.stringify(r.values[0]),
};

/** A section's table; `render` reuses rows and cells, rebuilding only when the shape changes. */
function sectionTable<T>(section: Section<T>) {
  const head = h('tr');
  const body = h('tbody');
  const element = h(
    'div',
    { className: 'scroll', tabIndex: 0, attrs: { role: 'region', 'aria-label': section.caption } },
    h('table', { className: 'compare' }, h('caption', {}, section.caption), h('thead', {}, head), body),
  );
  const cellOf = () => h('td', { className: 'num' }, h('span', { className: 'value' }), h('span', { className: 'delta' }));
  return {
    element,
    render(c: Comparison, heads: () => HTMLElement[]) {
      if (head.cells.length !== c.columns.length + 1) {
        head.replaceChildren(h('th', { scope: 'col' }, 'What'), ...heads());
        body.replaceChildren();
      }
      const rows = section.rows(c);
      fit(body, rows.length, () => h('tr', {}, h('th', { scope: 'row' }), ...c.columns.map(cellOf)));
      rows.forEach((row, r) => {
        const tr = body.rows[r]!;
        setText(tr.cells[0]!, section.label(row));
        c.columns.forEach((_, i) => {
          const td = tr.cells[i + 1]!;
          const [text, delta] = section.cell(row, i);
          setText(td.firstElementChild!, text);
          setText(td.lastElementChild!, delta ?? '');
          td.classList.toggle('changed', section.changed(row, i));
        });
      });
    },
  };
}

/** Builds the comparison tables in `root`. */
export function createCompare(root: HTMLElement, session: Session): Panel {
  const tables = [
    sectionTable(figures('Headline figures', (c) => c.headline)),
    sectionTable(figures('Line items (a missing line counts as zero)', (c) => c.lineItems, lineName)),
    sectionTable(figures('Each cohort’s share of the monthly cost', (c) => c.customers)),
    sectionTable(INPUTS),
  ];
  const summary = h('p', { className: 'hint' });
  root.append(summary, ...tables.map((t) => t.element));
  /** Column headings: each pin's label and name (in the first table with its "Unpin" button), then "Now". */
  const headsOf = (c: Comparison, buttons: boolean) => () =>
    c.columns.map((column, i) => {
      const th = h('th', { scope: 'col', className: 'num' }, h('span', {}, column), h('span', { className: 'name' }, c.names[i] ?? ''));
      if (buttons && i < c.columns.length - 1) {
        const unpin = h('button', { type: 'button', className: 'unpin', attrs: { 'aria-label': `Unpin ${column}` } }, 'Unpin');
        unpin.addEventListener('click', () => session.unpin(i));
        th.append(unpin);
      }
      return th;
    });
  const draw = () => {
    if (session.pinCount() === 0) return;
    const t0 = performance.now();
    const c = session.comparison();
    tables.forEach((t, k) => t.render(c, headsOf(c, k === 0)));
    // Names change with a scenario's name or a pin removed: keep the headings' names current.
    const names = root.querySelectorAll('thead .name');
    names.forEach((el, k) => setText(el, c.names[k % c.columns.length] ?? ''));
    setText(summary, `Differences are from A. ${c.inputs.length} inputs differ.`);
    performance.clearMeasures(COMPARE_MEASURE);
    performance.measure(COMPARE_MEASURE, { start: t0 });
  };
  const request = visibleFrames(root, draw, REDRAW_MS);
  return { render: () => request() };
}
