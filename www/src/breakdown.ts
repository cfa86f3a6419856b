/** The month broken down: a bar chart by product (Overview), and the bill line by line with each cohort's share (Bill). */
import uPlot from 'uplot';
import { COMPONENTS } from './components';
import { h, setText, table, type Panel } from './dom';
import type { Estimate } from './engine';
import type { Component, CustomerCost, LineItem } from './generated/Estimate';
import { money, moneyOrDash, num, percent, unitPrice } from './format';
import { visibleFrames } from './frame';
import { FONT, INK, widthOf } from './chartstyle';

const ORDER = Object.keys(COMPONENTS) as Component[];
const ROW_PX = 26;
const BAR = '#1d5fa8';

/** Amounts of every component in {@link ORDER}, in cents (0 for components without lines). */
function centsByComponent(estimate: Estimate): number[] {
  return ORDER.map((c) => estimate.components.find((t) => t.component === c)?.amountCents ?? 0);
}

/**
 * Horizontal bars, one per component, drawn by uPlot (chosen for its size: about 50 KB
 * minified, 22 KB gzip) with `uPlot.paths.bars`; `render` only calls `setData`.
 */
function createChart(root: HTMLElement): { render(estimate: Estimate): void } {
  const rows = ORDER.map((_, i) => i);
  const size = () => ({ width: widthOf(root), height: ORDER.length * ROW_PX + 36 });
  const chart = new uPlot(
    {
      ...size(),
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false, ori: 1, dir: -1, range: [-0.5, ORDER.length - 0.5] },
        y: { ori: 0, range: (_u, min, max) => [Math.min(0, min) * 1.1, Math.max(0, max) * 1.1 || 1] },
      },
      axes: [
        {
          scale: 'x',
          side: 3,
          size: 110,
          splits: () => rows,
          values: (_u, splits) => splits.map((i) => COMPONENTS[ORDER[i]!]),
          grid: { show: false },
          ticks: { show: false },
          stroke: INK,
          font: FONT,
        },
        {
          scale: 'y',
          side: 2,
          space: 60,
          values: (_u, splits) => splits.map((v) => `${v < 0 ? '-' : ''}$${num(Math.abs(v), 2)}`),
          grid: { stroke: '#d5dbe1' },
          stroke: INK,
          font: FONT,
        },
      ],
      series: [{}, { fill: BAR, stroke: BAR, paths: uPlot.paths.bars!({ size: [0.7, 18] }), points: { show: false } }],
    },
    [rows, ORDER.map(() => 0)],
    root,
  );
  new ResizeObserver(() => chart.setSize(size())).observe(root);
  return {
    render(estimate) {
      const cents = centsByComponent(estimate);
      chart.setData([rows, cents.map((c) => c / 100)]);
      const summary = ORDER.map((c, i) => `${COMPONENTS[c]} ${money(cents[i]!)}`).join('; ');
      root.setAttribute('aria-label', `Monthly cost by component: ${summary}`);
    },
  };
}

/**
 * Lines the bill folds into one row until asked: zero amounts and free tiers (credits other
 * than the discounts). Folding them keeps the bill short, which is most of the page's layout
 * work on each slider tick.
 */
const foldable = (l: LineItem) => l.amountCents === 0 || (l.amountCents < 0 && l.component !== 'discount');

/** Builds the cost-by-product chart in `root`; it follows a slider tick in the next frame while on screen. */
export function createBreakdown(root: HTMLElement): Panel {
  const chartBox = h('div', { className: 'chart', attrs: { role: 'img', 'aria-label': 'Monthly cost by component' } });
  root.append(chartBox);
  const chart = createChart(chartBox);
  let last: Estimate | undefined;
  const draw = () => last && chart.render(last);
  const redraw = visibleFrames(root, draw);
  return {
    render(estimate, reset) {
      last = estimate;
      if (reset) draw();
      else redraw();
    },
  };
}

/** Builds the bill, line by line, and each cohort's share of it in `root`. */
export function createBill(root: HTMLElement): Panel {
  const lines = table<LineItem>(
    'The bill, line by line',
    [
      { head: 'Item', cell: (l) => l.label },
      { head: 'Quantity', cell: (l) => num(l.quantity, 2), numeric: true },
      { head: 'Unit', cell: (l) => l.unit },
      { head: 'Unit price', cell: (l) => unitPrice(l.unitPriceUsd), numeric: true },
      { head: 'Amount', cell: (l) => money(l.amountCents), numeric: true },
    ],
    (l) => l.amountCents < 0,
  );
  const folded = h('td', { className: 'num', attrs: { 'data-label': 'Amount' } });
  const foldedLabel = h('th', { scope: 'row', colSpan: 4 });
  const foldedRow = h('tr', { className: 'folded' }, foldedLabel, folded);
  const total = h('td', { className: 'num', attrs: { 'data-label': 'Amount' } });
  lines.foot.append(foldedRow, h('tr', {}, h('th', { scope: 'row', colSpan: 4 }, 'Total per month'), total));
  const unfold = h('button', { type: 'button', attrs: { 'aria-expanded': 'false' } }, 'Show all lines');
  let expanded = false;
  let last: Estimate | undefined;
  /** The bill: every line, or the others with the foldable ones in one row. */
  const renderLines = (estimate: Estimate) => {
    const hidden = expanded ? [] : estimate.lineItems.filter(foldable);
    lines.render(expanded ? estimate.lineItems : estimate.lineItems.filter((l) => !foldable(l)));
    foldedRow.hidden = hidden.length === 0;
    setText(foldedLabel, `Free tiers and zero lines (${hidden.length})`);
    setText(folded, money(hidden.reduce((sum, l) => sum + l.amountCents, 0)));
    unfold.hidden = !expanded && hidden.length === 0;
  };
  unfold.addEventListener('click', () => {
    expanded = !expanded;
    unfold.setAttribute('aria-expanded', String(expanded));
    setText(unfold, expanded ? 'Fold free tiers and zero lines' : 'Show all lines');
    if (last) renderLines(last);
  });
  const cohorts = table<CustomerCost>('Cost per customer cohort', [
    { head: 'Cohort', cell: (c) => c.name },
    { head: 'Customers', cell: (c) => num(c.count), numeric: true },
    { head: 'Allocated / month', cell: (c) => money(c.allocatedMonthlyCents), numeric: true },
    { head: 'Per customer / month', cell: (c) => moneyOrDash(c.perCustomerMonthlyCents), numeric: true },
    { head: '% of ACV', cell: (c) => percent(c.costPctOfAcv), numeric: true },
    { head: 'Gross margin', cell: (c) => percent(c.grossMarginPct), numeric: true },
  ]);
  root.append(lines.element, h('p', {}, unfold), cohorts.element);
  const draw = () => {
    if (!last) return;
    renderLines(last);
    setText(total, money(last.totals.monthlyCostCents));
    cohorts.render(last.customers);
  };
  // While a control moves, the bill follows in the next frame (and only while on screen), so a
  // slider tick updates the headline figures without waiting for the two tables; a whole
  // scenario opened, or a list changed, shows at once, and so does printing.
  const redraw = visibleFrames(root, draw);
  return {
    render(estimate, reset) {
      last = estimate;
      if (reset) draw();
      else redraw();
    },
  };
}
