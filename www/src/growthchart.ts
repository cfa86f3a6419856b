/**
 * One line of the growth curve against customer count (log x axis), drawn by uPlot, with a
 * shaded band from the low to the high usage scenario when the scenario has usage ranges,
 * vertical lines at the curve's markers and a tooltip naming the marker (and the value) under
 * the pointer. The tooltip is for the pointer only (aria-hidden); the panel lists the same
 * markers as text for the keyboard and screen readers.
 */
import uPlot from 'uplot';
import { h, setText } from './dom';
import { num } from './format';
import { CHART_HEIGHT, FONT, GRID, INK, widthOf } from './chartstyle';

/** A vertical line on the chart: where it is, what it says and how it is drawn. */
export interface Rule {
  customers: number;
  text: string;
  color: string;
  /** Dashed (steps, the current count) rather than solid (findings, break-even, run-out). */
  dashed: boolean;
  width: number;
}

/** The low and high usage scenarios' values at each count (all null without usage ranges). */
export interface Band {
  low: (number | null)[];
  high: (number | null)[];
}

/** A growth chart: `render` replaces its points, band and vertical lines. */
export interface GrowthChart {
  render(counts: ArrayLike<number>, values: (number | null)[], band: Band, rules: readonly Rule[], label: string): void;
}

const LINE = '#1d5fa8';
const BAND_LINE = 'rgba(29, 95, 168, 0.45)';
const BAND_FILL = 'rgba(29, 95, 168, 0.12)';
/** The x axis's ticks (a log axis's own ticks label only the powers of ten), and on narrow charts. */
const X_SPLITS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
const DECADES = [1, 10, 100, 1000];
/** Plot width (CSS px) below which the x axis has only {@link DECADES}. */
const NARROW_PX = 420;
/** How near the pointer (CSS px) a vertical line must be to be named in the tooltip. */
const NEAR_PX = 5;

/** A chart in `root` of one series, its values written by `format` (axis and tooltip). */
export function createGrowthChart(root: HTMLElement, name: string, format: (v: number) => string): GrowthChart {
  let rules: readonly Rule[] = [];
  const tip = h('div', { className: 'chart-tip', attrs: { 'aria-hidden': 'true' } });
  tip.hidden = true;
  const size = () => ({ width: widthOf(root), height: CHART_HEIGHT });
  const drawRules = (u: uPlot) => {
    const { ctx, bbox } = u;
    ctx.save();
    for (const rule of rules) {
      const x = Math.round(u.valToPos(rule.customers, 'x', true)) + 0.5;
      ctx.strokeStyle = rule.color;
      ctx.lineWidth = rule.width * devicePixelRatio;
      ctx.setLineDash(rule.dashed ? [4 * devicePixelRatio, 3 * devicePixelRatio] : []);
      ctx.beginPath();
      ctx.moveTo(x, bbox.top);
      ctx.lineTo(x, bbox.top + bbox.height);
      ctx.stroke();
    }
    ctx.restore();
  };
  const showTip = (u: uPlot) => {
    const { left, idx } = u.cursor;
    if (left === undefined || left < 0 || idx === null || idx === undefined) {
      tip.hidden = true;
      return;
    }
    const count = u.data[0][idx]!;
    const [value, low, high] = [u.data[1][idx], u.data[2]![idx], u.data[3]![idx]];
    const near = rules.filter((r) => Math.abs(u.valToPos(r.customers, 'x') - left) <= NEAR_PX).map((r) => r.text);
    const shown = (v: number | null | undefined) => (v === null || v === undefined ? '—' : format(v));
    const range = low === null || low === undefined || high === null || high === undefined ? '' : ` (${shown(Math.min(low, high))} to ${shown(Math.max(low, high))})`;
    const at = `${num(count)} customers: ${shown(value)}${range}`;
    setText(tip, [at, ...near].join('\n'));
    tip.hidden = false;
    const width = u.over.clientWidth;
    tip.style.left = `${Math.min(left + 8, Math.max(0, width - tip.offsetWidth))}px`;
  };
  const chart = new uPlot(
    {
      ...size(),
      legend: { show: false },
      cursor: { y: false, points: { show: false } },
      scales: { x: { time: false, distr: 3, log: 10 } },
      axes: [
        {
          splits: (u) => (u.bbox.width / devicePixelRatio < NARROW_PX ? DECADES : X_SPLITS),
          filter: (_u, splits) => splits,
          values: (_u, splits) => splits.map((v) => (v === null || v === undefined ? '' : num(v))),
          stroke: INK,
          font: FONT,
          grid: { stroke: GRID },
        },
        { size: 64, values: (_u, splits) => splits.map(format), stroke: INK, font: FONT, grid: { stroke: GRID } },
      ],
      series: [
        {},
        { label: name, stroke: LINE, width: 2, points: { show: false } },
        { label: `${name}, low usage`, stroke: BAND_LINE, width: 1, points: { show: false } },
        { label: `${name}, high usage`, stroke: BAND_LINE, width: 1, points: { show: false } },
      ],
      bands: [{ series: [3, 2], fill: BAND_FILL, dir: 1 }],
      hooks: { draw: [drawRules], setCursor: [showTip] },
    },
    [[1], [null], [null], [null]],
    root,
  );
  chart.over.append(tip);
  new ResizeObserver(() => chart.setSize(size())).observe(root);
  return {
    render(counts, values, band, next, label) {
      rules = next;
      chart.setData([Array.from(counts), values, band.low, band.high]);
      root.setAttribute('aria-label', label);
    },
  };
}
