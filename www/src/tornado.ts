/**
 * The sensitivity panel: the model's `sensitivity` (one call into the tools module) as a tornado
 * chart. Each input is moved down and up by 20% (less where its range or another field clamps
 * it); each bar spans the monthly cost (or, switched, the gross margin) at the two ends, centred
 * on the current value, with the input's label, its low and high values and the figure at each
 * end written beside it. A table lists the same numbers for the keyboard and screen readers.
 *
 * Drawn with plain DOM: bar positions are set through the CSSOM (`style.left`, `style.width`),
 * which the page's policy (`style-src 'self'`) allows; no inline style attribute, no HTML.
 * Follows the estimate like the other decision panels: in an animation frame, only while on
 * screen, at most every {@link REDRAW_MS} ({@link visibleFrames}).
 */
import { barCells, rangeText } from './decidetext';
import { fit, h, setText, table, type Panel } from './dom';
import { messageOf } from './engine';
import { money, percent } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import type { Session } from './session';
import './tornado.css';
import type { Tools, Tornado, TornadoBar } from './tools';

/** The name of the performance measure each redraw leaves (the last one only). */
export const TORNADO_MEASURE = 'headroom:tornado';

/** What the chart shows: monthly cost or gross margin. */
export type Measure = 'cost' | 'margin';

/** The figure a bar reaches at its low and high end for `measure`, and the current one, as numbers. */
function ends(t: Tornado, bar: TornadoBar, measure: Measure): [number | null, number | null, number | null] {
  return measure === 'cost'
    ? [bar.monthlyCostLowCents, bar.monthlyCostHighCents, t.monthlyCostCents]
    : [bar.grossMarginLowPct, bar.grossMarginHighPct, t.grossMarginPct];
}

/** A figure of `measure` as text. */
const figureText = (measure: Measure, v: number | null) => (measure === 'cost' ? (v === null ? '—' : money(v)) : percent(v));

/** The bars in the order drawn: by the model's (cost swing) for cost, by margin swing for margin. */
function ordered(t: Tornado, measure: Measure): TornadoBar[] {
  if (measure === 'cost') return t.bars;
  const swing = (b: TornadoBar) => {
    const [lo, hi, now] = ends(t, b, 'margin');
    return now === null ? 0 : Math.max(Math.abs((lo ?? now) - now), Math.abs((hi ?? now) - now));
  };
  return [...t.bars].sort((a, b) => swing(b) - swing(a));
}

/** A chart row's elements, reused. */
interface BarRow {
  label: HTMLElement;
  range: HTMLElement;
  low: HTMLElement;
  high: HTMLElement;
  lowText: HTMLElement;
  highText: HTMLElement;
}

/** Places a segment from the centre (50%) by `delta` of `scale` (a half-width), through the CSSOM. */
function place(el: HTMLElement, delta: number | null, scale: number): void {
  const share = delta === null || scale === 0 ? 0 : (Math.abs(delta) / scale) * 50;
  el.hidden = share === 0;
  el.style.width = `${share}%`;
  el.style.left = `${delta !== null && delta < 0 ? 50 - share : 50}%`;
}

/** Builds the sensitivity panel in `root`, computing with `tools`. */
export function createTornado(root: HTMLElement, session: Session, tools: Tools): Panel {
  let measure: Measure = 'cost';
  let last: Tornado | undefined;
  const choice = (value: Measure, label: string) => {
    const input = h('input', { type: 'radio', name: 'tornado-measure', value, checked: value === measure });
    input.addEventListener('change', () => {
      if (!input.checked) return;
      measure = value;
      if (last) draw(last);
    });
    return h('label', {}, input, ` ${label}`);
  };
  const switcher = h(
    'fieldset',
    { className: 'tornado-switch' },
    h('legend', {}, 'Chart of'),
    choice('cost', 'Monthly cost'),
    choice('margin', 'Gross margin'),
  );
  const summary = h('p', { className: 'tornado-summary' });
  const key = h(
    'p',
    { className: 'hint' },
    'Each input moved 20% down and up, everything else as it is. The centre line is the current value; the light part of a bar is the input at its low end, the dark part at its high end. Every bar is in the table below.',
  );
  const chart = h('ol', { className: 'tornado' });
  const box = h('div', { className: 'tornado-chart', attrs: { role: 'img' } }, chart);
  const rows: BarRow[] = [];
  const newRow = (i: number) => {
    const label = h('span', { className: 'tornado-label' });
    const range = h('span', { className: 'tornado-range' });
    const low = h('span', { className: 'tornado-bar low' });
    const high = h('span', { className: 'tornado-bar high' });
    const lowText = h('span', { className: 'tornado-end' });
    const highText = h('span', { className: 'tornado-end' });
    rows[i] = { label, range, low, high, lowText, highText };
    return h(
      'li',
      {},
      h('span', { className: 'tornado-name' }, label, ' ', range),
      h('span', { className: 'tornado-track' }, low, high),
      h('span', { className: 'tornado-ends' }, 'low: ', lowText, ' · high: ', highText),
    );
  };
  const list = table<TornadoBar>('Sensitivity: each input 20% down and up, monthly cost and gross margin at each end', [
    { head: 'Input', cell: (b) => barCells(b)[0]! },
    { head: 'Low', cell: (b) => barCells(b)[1]!, numeric: true },
    { head: 'Now', cell: (b) => barCells(b)[2]!, numeric: true },
    { head: 'High', cell: (b) => barCells(b)[3]!, numeric: true },
    { head: 'Clamped', cell: (b) => barCells(b)[4]! },
    { head: 'Cost at low', cell: (b) => barCells(b)[5]!, numeric: true },
    { head: 'Cost at high', cell: (b) => barCells(b)[6]!, numeric: true },
    { head: 'Margin at low', cell: (b) => barCells(b)[7]!, numeric: true },
    { head: 'Margin at high', cell: (b) => barCells(b)[8]!, numeric: true },
  ]);
  // Printed, the chart's bars (each naming its input, ends and figures) stand for the table.
  list.element.classList.add('tornado-table');
  root.append(switcher, summary, key, box, list.element);

  const draw = (t: Tornado) => {
    const bars = ordered(t, measure);
    const name = measure === 'cost' ? 'Monthly cost' : 'Gross margin';
    const now = measure === 'cost' ? t.monthlyCostCents : t.grossMarginPct;
    let scale = 0;
    for (const bar of bars) {
      const [lo, hi] = ends(t, bar, measure);
      if (now !== null) for (const v of [lo, hi]) if (v !== null) scale = Math.max(scale, Math.abs(v - now));
    }
    fit(chart, bars.length, newRow);
    rows.length = bars.length;
    bars.forEach((bar, i) => {
      const row = rows[i]!;
      const [lo, hi] = ends(t, bar, measure);
      setText(row.label, bar.label);
      setText(row.range, `(${rangeText(bar)})`);
      setText(row.lowText, figureText(measure, lo));
      setText(row.highText, figureText(measure, hi));
      place(row.low, now === null || lo === null ? null : lo - now, scale);
      place(row.high, now === null || hi === null ? null : hi - now, scale);
    });
    const top = bars[0];
    const most = top ? ` ${top.label} moves it most: ${figureText(measure, ends(t, top, measure)[0])} to ${figureText(measure, ends(t, top, measure)[1])}.` : '';
    setText(summary, `${name} now ${figureText(measure, now)}; ${bars.length} inputs that move it.${most}`);
    box.setAttribute('aria-label', `Tornado chart of ${name.toLowerCase()}, ${bars.length} bars.${most} The table below lists every bar.`);
  };

  const compute = () => {
    const t0 = performance.now();
    try {
      last = tools.sensitivity(session.link());
    } catch (error) {
      setText(summary, `No sensitivity: ${messageOf(error)}`);
      return;
    }
    draw(last);
    list.render(last.bars);
    performance.clearMeasures(TORNADO_MEASURE);
    performance.measure(TORNADO_MEASURE, { start: t0 });
  };
  const request = visibleFrames(root, compute, REDRAW_MS);
  return { render: () => request() };
}
