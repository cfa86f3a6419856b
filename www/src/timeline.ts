/**
 * The 12-month timeline panel: month by month as cohorts go live and ramp up (one `timeline`
 * call into the tools module), a one-line summary computed from the months, two charts (monthly
 * cost and revenue; cumulative cost and revenue, whose crossing is the payback month) and a table
 * of every figure of every month, for the keyboard and screen readers as much as for finance.
 *
 * Twelve evaluations cost about a millisecond, so, as the growth panel, it is recomputed in an
 * animation frame only while on screen, and at most every {@link REDRAW_MS} while a control
 * moves ({@link visibleFrames}).
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h, setText, table, type Panel } from './dom';
import { outputs, type Output } from './engine';
import { money, shown } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import type { Session } from './session';
import type { Timeline, TimelineMonth, Tools } from './tools';
import './timeline.css';
import { CHART_HEIGHT, FONT, GRID, INK, widthOf } from './chartstyle';

/** The name of the performance measure each redraw leaves (the last one only). */
export const TIMELINE_MEASURE = 'headroom:timeline';

const COST = '#c2410c';
const REVENUE = '#146c2e';
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Axis ticks: `$12K`, `$1.2M` (the table and the tooltip give the cents). */
const compact = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 });

/** A chart of the panel: its title and its two series (cost, revenue), each a month's column (in cents). */
interface Pair {
  title: string;
  cost: Output;
  revenue: Output;
}

/** The month's figure of `column` (a money column, in cents). */
const cents = (column: Output, m: TimelineMonth) => m[column.id as keyof TimelineMonth] as number;

/** The charts: monthly, then cumulative, cost and revenue (the month's columns, by id). */
function pairs(): Pair[] {
  const column = new Map(outputs().timeline.map((row) => [row.id, row]));
  const pair = (title: string, cost: string, revenue: string) => ({ title, cost: column.get(cost)!, revenue: column.get(revenue)! });
  return [
    pair('Monthly cost and revenue', 'monthlyCostCents', 'monthlyRevenueCents'),
    pair('Cumulative cost and revenue', 'cumulativeCostCents', 'cumulativeRevenueCents'),
  ];
}

/** The model's payback month as a sentence. */
export function paybackText(t: Timeline): string {
  const last = t.months[t.months.length - 1];
  if (!last || last.cumulativeRevenueCents === 0) return 'No revenue within 12 months.';
  const net = last.cumulativeRevenueCents - last.cumulativeCostCents;
  if (t.paybackMonth === null) return `Cumulative margin is not positive after 12 months (${money(net)}).`;
  return t.paybackMonth === 1 ? 'Cumulative margin is positive from month 1.' : `Cumulative margin turns positive in month ${t.paybackMonth}.`;
}

/** Month 12 against the scenario's monthly cost (the headline figure), as a sentence. */
export function month12Text(months: readonly TimelineMonth[], monthlyCostCents: number): string {
  const cost = months[months.length - 1]?.monthlyCostCents ?? 0;
  return cost === monthlyCostCents
    ? `Month 12 costs ${money(cost)}, the scenario's monthly cost: every cohort is live at full load.`
    : `Month 12 costs ${money(cost)} against the scenario's ${money(monthlyCostCents)}: a cohort is not yet live at full load.`;
}

/** A chart of cost and revenue by month, with a tooltip (pointer only) naming the month's figures. */
function createChart(root: HTMLElement, pair: Pair): (t: Timeline) => void {
  let months: readonly TimelineMonth[] = [];
  const tip = h('div', { className: 'chart-tip', attrs: { 'aria-hidden': 'true' } });
  tip.hidden = true;
  const size = () => ({ width: widthOf(root), height: CHART_HEIGHT });
  const showTip = (u: uPlot) => {
    const { left, idx } = u.cursor;
    const m = idx === null || idx === undefined ? undefined : months[idx];
    if (left === undefined || left < 0 || !m) {
      tip.hidden = true;
      return;
    }
    setText(tip, `Month ${m.month}\n${pair.cost.label} ${shown(pair.cost, m)}\n${pair.revenue.label} ${shown(pair.revenue, m)}`);
    tip.hidden = false;
    tip.style.left = `${Math.min(left + 8, Math.max(0, u.over.clientWidth - tip.offsetWidth))}px`;
  };
  const axis = { stroke: INK, font: FONT, grid: { stroke: GRID } };
  const chart = new uPlot(
    {
      ...size(),
      legend: { show: false },
      cursor: { y: false, points: { show: false } },
      scales: { x: { time: false, range: [0.5, 12.5] }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
      axes: [
        { ...axis, splits: () => MONTHS, values: (_u, splits) => splits.map(String) },
        { ...axis, size: 56, values: (_u, splits) => splits.map((v) => compact.format(v)) },
      ],
      series: [
        {},
        { label: pair.cost.label, stroke: COST, width: 2, points: { show: true, size: 5, fill: COST } },
        { label: pair.revenue.label, stroke: REVENUE, width: 2, dash: [6, 4], points: { show: true, size: 5, fill: REVENUE } },
      ],
      hooks: { setCursor: [showTip] },
    },
    [[], [], []],
    root,
  );
  chart.over.append(tip);
  new ResizeObserver(() => chart.setSize(size())).observe(root);
  return (t) => {
    months = t.months;
    chart.setData([months.map((m) => m.month), months.map((m) => cents(pair.cost, m) / 100), months.map((m) => cents(pair.revenue, m) / 100)]);
    const first = months[0];
    const last = months[months.length - 1];
    if (!first || !last) return;
    const label = `${pair.title}, months 1 to 12: cost from ${shown(pair.cost, first)} to ${shown(pair.cost, last)}, revenue from ${shown(pair.revenue, first)} to ${shown(pair.revenue, last)}. Every month's figures are in the table below.`;
    root.setAttribute('aria-label', label);
  };
}

/** Builds the timeline panel in `root`, computing with `tools`. */
export function createTimeline(root: HTMLElement, session: Session, tools: Tools): Panel {
  const charted = pairs();
  const summary = h('output', { className: 'timeline-summary', attrs: { 'aria-label': 'Timeline summary' } });
  const key = h(
    'p',
    { className: 'hint timeline-key' },
    h('span', { className: 'key-cost' }, `${charted[0]!.cost.label} (solid)`),
    ' ',
    h('span', { className: 'key-revenue' }, `${charted[0]!.revenue.label} (dashed)`),
    '. Revenue is each live cohort’s ACV ÷ 12 from its go-live month; each cohort’s go-live month and ramp are columns of the cohort table.',
  );
  root.append(h('p', {}, summary), key);
  const charts = charted.map((pair) => {
    const box = h('div', { className: 'chart', attrs: { role: 'img', 'aria-label': pair.title } });
    root.append(h('h3', {}, pair.title), box);
    return createChart(box, pair);
  });
  const columns = outputs().timeline.map((row) => ({ head: row.label, cell: (m: TimelineMonth) => shown(row, m), numeric: true }));
  const months = table<TimelineMonth>('12-month timeline', columns, () => false, 'sideways');
  root.append(months.element);
  let monthlyCost = 0;
  const draw = () => {
    const t0 = performance.now();
    const t = tools.timeline(session.link());
    setText(summary, `${paybackText(t)} ${month12Text(t.months, monthlyCost)}`);
    for (const chart of charts) chart(t);
    months.render(t.months);
    performance.clearMeasures(TIMELINE_MEASURE);
    performance.measure(TIMELINE_MEASURE, { start: t0 });
  };
  const request = visibleFrames(root, draw, REDRAW_MS);
  return {
    render(estimate) {
      monthlyCost = estimate.totals.monthlyCostCents;
      request();
    },
  };
}
