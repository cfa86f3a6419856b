/**
 * The growth panel: monthly cost, cost per customer and gross margin of the typical profile
 * from 1 to 1,000 customers (one `growth` call into the tools module), each as a chart with the curve's
 * markers, the break-even count and where capacity runs out as text, and the markers listed.
 *
 * The curve costs about a millisecond in the model and as much again to draw (more on a busy
 * machine), too much to add to every slider tick's figures; so it is recomputed in an animation
 * frame after the headline figures are updated, only while the panel is on screen, and at most
 * every {@link REDRAW_MS} while a control moves ({@link visibleFrames}).
 */
import { h, setText, showAll, table, type Panel } from './dom';
import { money, num, percent } from './format';
import { REDRAW_MS, visibleFrames } from './frame';
import { createGrowthChart, type GrowthChart, type Rule } from './growthchart';
import type { Session } from './session';
import type { Growth, GrowthPoint, Marker, Tools } from './tools';

/** The curve's customer counts: 1 to {@link MAX_CUSTOMERS}, {@link POINTS} of them. */
export const MAX_CUSTOMERS = 1000;
const POINTS = 200;
/** The name of the performance measure each redraw leaves (the last one only), for the benchmark. */
export const GROWTH_MEASURE = 'headroom:growth';

const SEVERITY_COLOR: Record<string, string> = { low: '#1d5fa8', medium: '#b7791f', high: '#c2410c', critical: '#b42318' };
const STEP_COLOR = '#9aa5b1';
const BREAK_EVEN_COLOR = '#146c2e';
const RUN_OUT_COLOR = '#7c1d1d';
const NOW_COLOR = '#1f2933';

/** One chart of the panel: its title, how a point's value reads, and its low and high usage values. */
interface Line {
  title: string;
  value: (p: GrowthPoint) => number | null;
  /** The value in the low (`low`) or high usage scenario, when the scenario has usage ranges. */
  bound: (p: GrowthPoint, low: boolean) => number | null;
  format: (v: number) => string;
}

const dollars = (v: number) => money(Math.round(v * 100)).replace(/\.\d\d$/, '');
/** A point's low or high usage monthly cost, dollars. */
const boundCost = (p: GrowthPoint, low: boolean) => (p.range ? (low ? p.range.lowMonthlyCostCents : p.range.highMonthlyCostCents) / 100 : null);
const LINES: Line[] = [
  { title: 'Monthly cost', value: (p) => p.monthlyCostCents / 100, bound: boundCost, format: dollars },
  {
    title: 'Cost per customer',
    value: (p) => (p.costPerCustomerCents === null ? null : p.costPerCustomerCents / 100),
    bound: (p, low) => {
      const cost = boundCost(p, low);
      return cost === null || p.customers === 0 ? null : cost / p.customers;
    },
    format: dollars,
  },
  {
    title: 'Gross margin',
    value: (p) => p.grossMarginPct,
    bound: (p, low) => (p.range ? (low ? p.range.lowGrossMarginPct : p.range.highGrossMarginPct) : null),
    format: (v) => percent(v),
  },
];

/** How a marker's kind reads in the list. */
function kindOf(m: Marker): string {
  return m.kind === 'finding' ? `Finding (${m.severity ?? 'info'})` : 'Step';
}

/** The break-even count as text. */
export function breakEvenText(g: Growth): string {
  if (g.breakEvenCustomers !== null) return `${num(g.breakEvenCustomers)} customers`;
  const first = g.points[0]?.grossMarginPct ?? null;
  if (first === null) return 'no revenue';
  return first >= 0 ? 'from the first customer' : `not within ${num(MAX_CUSTOMERS)} customers`;
}

/** Where capacity runs out, as text. */
export function runOutText(g: Growth): string {
  return g.capacityExhaustedAt === null ? `not within ${num(MAX_CUSTOMERS)} customers` : `at ${num(g.capacityExhaustedAt)} customers`;
}

/** The vertical lines: every marker, break-even, capacity run-out and the current count. */
function rulesOf(g: Growth, now: number): Rule[] {
  const rules: Rule[] = g.markers.map((m) =>
    m.kind === 'finding'
      ? { customers: m.customers, text: m.text, color: SEVERITY_COLOR[m.severity ?? 'low'] ?? STEP_COLOR, dashed: false, width: 1.5 }
      : { customers: m.customers, text: m.text, color: STEP_COLOR, dashed: true, width: 1 },
  );
  if (g.breakEvenCustomers !== null) rules.push({ customers: g.breakEvenCustomers, text: 'Break-even', color: BREAK_EVEN_COLOR, dashed: false, width: 2.5 });
  if (g.capacityExhaustedAt !== null) rules.push({ customers: g.capacityExhaustedAt, text: 'Capacity runs out', color: RUN_OUT_COLOR, dashed: false, width: 2.5 });
  if (now >= 1 && now <= MAX_CUSTOMERS) rules.push({ customers: now, text: `Now: ${num(now)} customers`, color: NOW_COLOR, dashed: true, width: 1.5 });
  return rules;
}

/** A labelled `<output>` in a `<dl>`-like row; tests find it by role "status" and its label. */
function figure(list: HTMLElement, id: string, label: string): HTMLOutputElement {
  const output = h('output', { attrs: { 'aria-labelledby': id } });
  list.append(h('div', {}, h('dt', { id }, label), h('dd', {}, output)));
  return output;
}

/** Builds the growth panel in `root`, computing with `tools`. */
export function createGrowth(root: HTMLElement, session: Session, tools: Tools): Panel {
  const counts = tools.growthCounts(MAX_CUSTOMERS, POINTS);
  const summary = h('dl', { className: 'growth-summary' });
  const breakEven = figure(summary, 'growth-break-even', 'Break-even');
  const runOut = figure(summary, 'growth-run-out', 'Capacity runs out');
  const key = h(
    'p',
    { className: 'hint' },
    'Vertical lines: findings (solid, by severity), cost steps (grey, dashed), break-even (green), capacity run-out (dark red), the current count (black, dashed). Every line is listed below the charts.',
  );
  const charts: [Line, GrowthChart][] = LINES.map((line) => {
    const box = h('div', { className: 'chart', attrs: { role: 'img', 'aria-label': line.title } });
    root.append(h('h3', {}, `${line.title}, 1 to ${num(MAX_CUSTOMERS)} customers`), box);
    return [line, createGrowthChart(box, line.title, line.format)];
  });
  const markers = table<Marker>('Markers on the growth curve', [
    { head: 'Customers', cell: (m) => num(m.customers), numeric: true },
    { head: 'Kind', cell: kindOf },
    { head: 'What', cell: (m) => m.text },
  ]);
  root.prepend(summary, key);
  const more = showAll('markers', 8, () => last && markers.render(more.take(last.markers)));
  root.append(markers.element, more.button);
  let now = 0;
  let last: Growth | undefined;
  const draw = () => {
    const t0 = performance.now();
    const g = (last = tools.growth(session.link(), counts));
    setText(breakEven, breakEvenText(g));
    setText(runOut, runOutText(g));
    const rules = rulesOf(g, now);
    const tail = `Break-even ${breakEvenText(g)}; capacity runs out ${runOutText(g)}; ${g.markers.length} markers, listed below.`;
    for (const [line, chart] of charts) {
      const values = g.points.map(line.value);
      const first = values[0];
      const last = values[values.length - 1];
      const from = first === null || first === undefined ? '—' : line.format(first);
      const to = last === null || last === undefined ? '—' : line.format(last);
      const band = { low: g.points.map((p) => line.bound(p, true)), high: g.points.map((p) => line.bound(p, false)) };
      const ranged = g.points.some((p) => p.range) ? ' The shaded band runs from the low to the high usage scenario.' : '';
      chart.render(counts, values, band, rules, `${line.title} from ${from} at 1 customer to ${to} at ${num(MAX_CUSTOMERS)} customers.${ranged} ${tail}`);
    }
    markers.render(more.take(g.markers));
    performance.clearMeasures(GROWTH_MEASURE);
    performance.measure(GROWTH_MEASURE, { start: t0 });
  };
  const request = visibleFrames(root, draw, REDRAW_MS);
  return {
    render(estimate) {
      now = estimate.customers.reduce((sum, c) => sum + c.count, 0);
      request();
    },
  };
}
