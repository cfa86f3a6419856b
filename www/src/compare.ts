/**
 * The comparison: the pinned scenarios (A, B, C) beside the current one ("Now"), from the tools
 * module's `comparison` of the planner's link (pins included), each column headed "A: <name>": first the inputs that differ, a value
 * that differs from A's marked; then every headline figure, the capacity at peak (headroom, what
 * binds, p95, CPU, the worst finding), line item and cohort's cost, each with its difference
 * from A (the first inputs only until "Show all"). In the first table each pin's name is a text box (renaming the pin: its scenario's
 * name, carried by the link) beside its "Unpin" button.
 *
 * It follows the estimate in an animation frame while on screen, at most every {@link REDRAW_MS}
 * ({@link visibleFrames}), so a slider tick's figures never wait for it.
 */
import { lineName, outputOf } from './components';
import { explainable } from './explain/hook';
import { fit, h, setText, type Panel } from './dom';
import { messageOf, type Comparison, type FieldValue, type InputRow, type Row } from './engine';
import { DASH, figure, num } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import type { Session } from './session';
import type { Tools } from './tools';
import './compare.css';

/**
 * The least time between two redraws, ms: while a control moves the comparison follows ten
 * times a second (each redraw converts the whole comparison; every frame would feed the garbage
 * collector pauses that land in slider ticks).
 */

/** The name of the performance measure each redraw leaves (the last one only), for the benchmark. */
export const COMPARE_MEASURE = 'headroom:compare';

/** Column `i`'s value of a row as text: its figure, else its words (`CPU`, `saturated`), else a dash. */
function value(row: Row, i: number): string {
  const x = row.values[i] ?? null;
  return x === null ? row.notes[i] || DASH : figure(outputOf(row), x);
}

/** A difference from A as text, signed: `+$12.00`, `−1.5 pt`, `+0.25×`, `no change`. */
function difference(row: Row, d: number | null): string {
  if (d === null) return DASH;
  if (d === 0) return 'no change';
  const sign = d > 0 ? '+' : '−';
  const o = outputOf(row);
  if (o.unit === 'percent' || o.unit === 'fraction') return `${sign}${num(Math.abs(d) * (o.unit === 'fraction' ? 100 : 1), o.precision)} pt`;
  return `${sign}${figure(o, Math.abs(d))}`;
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
  /** The row heading's tooltip, if any (an input's field path). */
  title?: (row: T) => string;
  /** What column `column`'s cell explains, if anything (see {@link explainHandle}). */
  explain?: (row: T, column: number, c: Comparison) => string | undefined;
}

/**
 * The explanation a comparison cell opens: a headline or capacity figure of the current scenario
 * (its last column) by its id, of pin `i` as `pin:<i>:<id>`; none for a figure the column lacks,
 * nor for line items and cohorts (their ids differ from scenario to scenario).
 */
function explainHandle(r: Row, i: number, c: Comparison): string | undefined {
  if (!/^(totals|sizing)\./.test(r.id) || r.values[i] === null) return undefined;
  return i === c.columns.length - 1 ? r.id : `pin:${i}:${r.id}`;
}

const figures = (caption: string, rows: (c: Comparison) => Row[], label = (r: Row) => r.label): Section<Row> => ({
  caption,
  rows,
  label,
  cell: (r, i) => [value(r, i), i === 0 || outputOf(r).unit === 'text' ? undefined : difference(r, r.differences[i] ?? null)],
  changed: (r, i) => i > 0 && (outputOf(r).unit === 'text' ? r.notes[i] !== r.notes[0] : r.differences[i] !== 0),
  explain: explainHandle,
});

/** Inputs that differ shown before "Show all": a change or two, keeping the figures near. */
const FIRST_INPUTS = 8;

/** The inputs that differ: the first {@link FIRST_INPUTS}, or all of them while `all()`. */
const inputs = (all: () => boolean): Section<InputRow> => ({
  caption: 'Inputs that differ (a value other than A’s is marked)',
  rows: (c) => (all() ? c.inputs : c.inputs.slice(0, FIRST_INPUTS)),
  label: (r) => r.name,
  title: (r) => r.path,
  cell: (r, i) => [input(r.values[i], r.unit), undefined],
  changed: (r, i) => i > 0 && JSON.stringify(r.values[i]) !== JSON.stringify(r.values[0]),
});

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
        if (section.title) tr.cells[0]!.title = section.title(row);
        c.columns.forEach((_, i) => {
          const td = tr.cells[i + 1]!;
          const [text, delta] = section.cell(row, i);
          setText(td.firstElementChild!, text);
          setText(td.lastElementChild!, delta ?? '');
          td.classList.toggle('changed', section.changed(row, i));
          const handle = section.explain?.(row, i, c);
          if (handle) explainable(td, handle);
          else if (td.dataset.explain) {
            delete td.dataset.explain;
            td.removeAttribute('tabindex');
          }
        });
      });
    },
  };
}

/** Builds the comparison tables in `root`. */
export function createCompare(root: HTMLElement, session: Session, tools: Tools): Panel {
  let allInputs = false;
  const tables = [
    sectionTable(inputs(() => allInputs)),
    sectionTable(figures('Headline figures', (c) => c.headline)),
    sectionTable(figures('Capacity at peak', (c) => c.capacity)),
    sectionTable(figures('Line items (a missing line counts as zero)', (c) => c.lineItems, lineName)),
    sectionTable(figures('Each cohort’s share of the monthly cost', (c) => c.customers)),
  ];
  const summary = h('p', { className: 'hint' });
  const note = h('p', { className: 'hint', attrs: { role: 'status', 'aria-live': 'polite' } });
  const more = h('button', { type: 'button', className: 'more', hidden: true, attrs: { 'aria-expanded': 'false' } });
  const [first, ...rest] = tables.map((t) => t.element);
  root.append(summary, note, first!, more, ...rest);
  /** Renames pin `i` to the box's text; a refused name stays in the box, marked, with the model's message. */
  const rename = (i: number, box: HTMLInputElement) => {
    try {
      session.renamePin(i, box.value);
      box.removeAttribute('aria-invalid');
      setText(note, '');
    } catch (error) {
      box.setAttribute('aria-invalid', 'true');
      setText(note, messageOf(error));
    }
  };
  /**
   * Column headings, "A: <name>": in the first table each pin's name is a text box beside its
   * "Unpin" button; every heading's name is the element of class `name`.
   */
  const headsOf = (c: Comparison, editable: boolean) => () =>
    c.columns.map((column, i) => {
      const th = h('th', { scope: 'col', className: 'num' }, h('span', {}, `${column}: `));
      if (!editable || i === c.columns.length - 1) {
        th.append(h('span', { className: 'name' }, c.names[i] ?? ''));
        return th;
      }
      const box = h('input', { type: 'text', className: 'name', value: c.names[i] ?? '', attrs: { 'aria-label': `Name of pin ${column}` } });
      box.addEventListener('change', () => rename(i, box));
      const unpin = h('button', { type: 'button', className: 'unpin', attrs: { 'aria-label': `Unpin ${column}` } }, 'Unpin');
      unpin.addEventListener('click', () => session.unpin(i));
      th.append(box, unpin);
      return th;
    });
  const draw = () => {
    if (session.pinCount() === 0) return;
    const t0 = performance.now();
    const c = tools.comparison(session.link());
    tables.forEach((t, k) => t.render(c, headsOf(c, k === 0)));
    // Names change with a pin renamed, a scenario's name or a pin removed: keep the headings'
    // names current (a box being typed in keeps its text).
    root.querySelectorAll('thead .name').forEach((el, k) => {
      const name = c.names[k % c.columns.length] ?? '';
      if (!(el instanceof HTMLInputElement)) setText(el, name);
      else if (el !== document.activeElement && !el.hasAttribute('aria-invalid')) el.value = name;
    });
    setText(summary, `Differences are from A. ${c.inputs.length === 1 ? '1 input differs' : `${c.inputs.length} inputs differ`}.`);
    more.hidden = c.inputs.length <= FIRST_INPUTS;
    more.setAttribute('aria-expanded', String(allInputs));
    setText(more, allInputs ? `Show the first ${FIRST_INPUTS} inputs` : `Show all ${c.inputs.length} inputs`);
    performance.clearMeasures(COMPARE_MEASURE);
    performance.measure(COMPARE_MEASURE, { start: t0 });
  };
  const request = visibleFrames(root, draw, REDRAW_MS);
  more.addEventListener('click', () => {
    allInputs = !allInputs;
    request();
  });
  return { render: () => request() };
}
