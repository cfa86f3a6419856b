/**
 * The summary strip: the four money figures (monthly cost, cost per customer, cost as % of ACV,
 * gross margin), then what the load does to the service: Headroom (the capacity at max instances
 * that keeps both the autoscaler's target and the p95 target, over the peak reaching Cloud Run,
 * with which binds), p95 latency and CPU at peak, and the worst finding's severity, which
 * opens the findings when clicked. Each figure is an `<output>` (role "status") named by its
 * visible label through aria-labelledby; tests find one with
 * `getByRole('status', { name: 'Monthly cost' })`. Only "Monthly cost" announces changes (aria-live
 * polite), so dragging a slider does not queue eight announcements per step.
 *
 * Under the monthly cost, the part of it that rests on prices the price book marks unconfirmed
 * (the model's `unconfirmed`), when there is any.
 *
 * With usage ranges, each money figure shows its range below it (the low and high scenarios, each
 * evaluated in full by the model); with a display currency other than USD, the money figures
 * show their converted amount (converted and rounded once by the model), and a line under the
 * figures says the rate and its date (the exports carry the model's whole note).
 */
import { h, setText, type Panel } from './dom';
import { explainable } from './explain/hook';
import type { Estimate } from './engine';
import type { Converted, CurrencyFigures } from './generated/Currency';
import type { Totals } from './generated/Estimate';
import { DASH, money, moneyOrDash, num, percent } from './format';

type Sizing = Estimate['sizing'];

/**
 * A figure of the strip: its label and note, and its value: a figure of the totals (which have a
 * low and high when the scenario has usage ranges, and may be converted to a display currency),
 * or one read from the rest of the estimate.
 */
interface Figure {
  label: string;
  /** The model's id of the figure, whose explanation a click or Enter opens. */
  explain: string;
  note: (e: Estimate) => string;
  totals?: {
    of: (t: Totals) => string;
    /** The figure as a number, for ordering its range (null: not applicable). */
    order: (t: Totals) => number | null;
    converted?: (c: CurrencyFigures) => Converted | null;
  };
  value?: (e: Estimate) => string;
  /** A caution under the figure, empty when there is none. */
  caution?: (e: Estimate) => string;
}

/** How much of the month rests on prices the price book marks unconfirmed. */
const unconfirmed = ({ unconfirmed: u }: Estimate) =>
  u.cents > 0 ? `${money(u.cents)}${u.pct === null ? '' : ` (${percent(u.pct)})`} on unconfirmed prices` : '';

const fixed = (text: string) => () => text;
/** What binds the headroom: the p95 target, or the autoscaler's target (bound by CPU or by concurrency). */
const binds = (s: Sizing) => (s.headroomBinds === 'latencyTarget' ? 'p95 target' : s.capacityBound === 'cpu' ? 'CPU' : 'concurrency');

const FIGURES: Figure[] = [
  {
    label: 'Monthly cost',
    explain: 'totals.monthlyCostCents',
    note: fixed('all lines, after discounts'),
    caution: unconfirmed,
    totals: { of: (t) => money(t.monthlyCostCents), order: (t) => t.monthlyCostCents, converted: (c) => c.monthlyCost },
  },
  {
    label: 'Cost per customer',
    explain: 'totals.costPerCustomerCents',
    note: fixed('per month'),
    totals: { of: (t) => moneyOrDash(t.costPerCustomerCents), order: (t) => t.costPerCustomerCents, converted: (c) => c.costPerCustomer },
  },
  {
    label: 'Cost as % of ACV',
    explain: 'totals.costPctOfAcv',
    note: fixed('annual cost over contract value'),
    totals: { of: (t) => percent(t.costPctOfAcv), order: (t) => t.costPctOfAcv },
  },
  {
    label: 'Gross margin',
    explain: 'totals.grossMarginPct',
    note: fixed('(revenue − cost) / revenue'),
    totals: { of: (t) => percent(t.grossMarginPct), order: (t) => t.grossMarginPct },
  },
  {
    label: 'Headroom',
    explain: 'sizing.headroomRatio',
    value: ({ sizing: s }) => (s.headroomRatio === null ? DASH : `${num(s.headroomRatio, 1)}×`),
    note: ({ sizing: s }) => `${num(s.headroomQps)} QPS, ${binds(s)} binds`,
  },
  {
    label: 'p95 at peak',
    explain: 'sizing.latencyP95Ms',
    value: ({ sizing: s }) => (s.latencyP95Ms === null ? 'saturated' : `${num(s.latencyP95Ms)} ms`),
    note: ({ sizing: s }) => `at ${num(s.originPeakQps, 1)} QPS to Cloud Run`,
  },
  {
    label: 'CPU at peak',
    explain: 'sizing.cpuUtilizationAtPeak',
    value: ({ sizing: s }) => percent(s.cpuUtilizationAtPeak * 100),
    note: ({ sizing: s }) => `${num(s.instancesAtPeak)} instances a region`,
  },
];

/** The worst finding's severity, and how many findings there are. */
function worst({ findings }: Estimate): [severity: string, note: string] {
  if (findings.length === 0) return ['none', 'no findings'];
  return [findings[0]!.severity, findings.length === 1 ? '1 finding: see it' : `${findings.length} findings: see them`];
}

const formats = new Map<string, Intl.NumberFormat>();

/** An amount in its currency's minor units, e.g. `€1,135.80` or `¥193,048`. */
export function convertedText({ minorUnits, code }: Converted): string {
  let format = formats.get(code);
  if (!format) formats.set(code, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code })));
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** The range of a figure of the totals over the low and high scenarios, lower first: `range $1.00 to $2.00`. */
function rangeText(m: NonNullable<Figure['totals']>, low: Totals, high: Totals): string {
  const [a, b] = (m.order(low) ?? 0) <= (m.order(high) ?? 0) ? [low, high] : [high, low];
  return `range ${m.of(a)} to ${m.of(b)}`;
}

/** A cell of the strip: its label, `<output>` and the lines under it. */
function cell(root: HTMLElement, label: string, i: number, live: boolean) {
  const id = `figure-${i}`;
  const output = h('output', { attrs: { 'aria-labelledby': id, 'aria-live': live ? 'polite' : 'off' } });
  const converted = h('span', { className: 'figure-converted' });
  const range = h('span', { className: 'figure-range' });
  const note = h('span', { className: 'figure-note' });
  const caution = h('span', { className: 'figure-caution' });
  const box = h('div', { className: 'figure' }, h('span', { id, className: 'figure-label' }, label), output, converted, range, note, caution);
  root.append(box);
  return { box, output, converted, range, note, caution };
}

/**
 * Builds the strip in `root` and returns the panel that updates its text; `toFindings` opens the
 * findings (the worst-severity figure is a button that calls it).
 */
export function createHeadline(root: HTMLElement, toFindings: () => void): Panel {
  const cells = FIGURES.map((figure, i) => cell(root, figure.label, i, i === 0));
  cells.forEach(({ box }, i) => explainable(box, FIGURES[i]!.explain));
  const severity = cell(root, 'Worst finding', FIGURES.length, false);
  const button = h('button', { type: 'button', className: 'figure figure-button' });
  button.append(...severity.box.childNodes);
  severity.box.replaceWith(button);
  button.addEventListener('click', toFindings);
  const currency = h('p', { className: 'figure-currency hint' });
  root.after(currency);
  return {
    render(estimate) {
      const { range, currency: c } = estimate;
      FIGURES.forEach((figure, i) => {
        const { output, converted, range: rangeEl, note, caution } = cells[i]!;
        setText(caution, figure.caution?.(estimate) ?? '');
        const m = figure.totals;
        setText(output, m ? m.of(estimate.totals) : figure.value!(estimate));
        setText(note, figure.note(estimate));
        const amount = c && m?.converted?.(c);
        setText(converted, amount ? convertedText(amount) : '');
        setText(rangeEl, range && m ? rangeText(m, range.low, range.high) : '');
      });
      const [level, note] = worst(estimate);
      button.dataset.severity = level;
      setText(severity.output, level);
      setText(severity.note, note);
      setText(currency, c ? `In ${c.code} at ${c.perUsd} ${c.code} per USD (rate of ${c.rateDate}), converted once from exact US cents.` : '');
    },
  };
}
