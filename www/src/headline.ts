/**
 * The four headline figures. Each is an `<output>` (role "status") named by its visible label
 * through aria-labelledby; tests find one with `getByRole('status', { name: 'Monthly cost' })`.
 * Only "Monthly cost" announces changes (aria-live polite), so dragging a slider does not queue
 * four announcements per step.
 *
 * With usage ranges, each figure shows its range below it (the low and high scenarios, each
 * evaluated in full by the model); with a display currency other than USD, the money figures
 * show their converted amount (converted and rounded once by the model), and a line under the
 * figures says the rate and its date (the exports carry the model's whole note).
 */
import { h, setText, type Panel } from './dom';
import type { Converted, CurrencyFigures } from './generated/Currency';
import type { Totals } from './generated/Estimate';
import { money, moneyOrDash, percent } from './format';

/** A headline figure: its label, note, value, and (optionally) its converted amount. */
interface Figure {
  label: string;
  note: string;
  value: (t: Totals) => string;
  /** The figure's value as a number, for ordering its range (null: not applicable). */
  order: (t: Totals) => number | null;
  converted?: (c: CurrencyFigures) => Converted | null;
}

const FIGURES: Figure[] = [
  {
    label: 'Monthly cost',
    note: 'all lines, after discounts',
    value: (t) => money(t.monthlyCostCents),
    order: (t) => t.monthlyCostCents,
    converted: (c) => c.monthlyCost,
  },
  {
    label: 'Cost per customer',
    note: 'per month',
    value: (t) => moneyOrDash(t.costPerCustomerCents),
    order: (t) => t.costPerCustomerCents,
    converted: (c) => c.costPerCustomer,
  },
  { label: 'Cost as % of ACV', note: 'annual cost over contract value', value: (t) => percent(t.costPctOfAcv), order: (t) => t.costPctOfAcv },
  { label: 'Gross margin', note: '(revenue − cost) / revenue', value: (t) => percent(t.grossMarginPct), order: (t) => t.grossMarginPct },
];

const formats = new Map<string, Intl.NumberFormat>();

/** An amount in its currency's minor units, e.g. `€1,135.80` or `¥193,048`. */
export function convertedText({ minorUnits, code }: Converted): string {
  let format = formats.get(code);
  if (!format) formats.set(code, (format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code })));
  return format.format(minorUnits / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** The range of `figure` over the low and high scenarios, lower first: `range $1.00 to $2.00`. */
function rangeText(figure: Figure, low: Totals, high: Totals): string {
  const [a, b] = (figure.order(low) ?? 0) <= (figure.order(high) ?? 0) ? [low, high] : [high, low];
  return `range ${figure.value(a)} to ${figure.value(b)}`;
}

/** Builds the figures in `root` and returns the panel that updates their text. */
export function createHeadline(root: HTMLElement): Panel {
  const cells = FIGURES.map((figure, i) => {
    const id = `figure-${i}`;
    const output = h('output', { attrs: { 'aria-labelledby': id, 'aria-live': i === 0 ? 'polite' : 'off' } });
    const converted = h('span', { className: 'figure-converted' });
    const range = h('span', { className: 'figure-range' });
    root.append(
      h('div', { className: 'figure' }, h('span', { id, className: 'figure-label' }, figure.label), output, converted, range, h('span', { className: 'figure-note' }, figure.note)),
    );
    return { output, converted, range };
  });
  const currency = h('p', { className: 'figure-currency hint' });
  root.after(currency);
  return {
    render(estimate) {
      const { totals, range, currency: c } = estimate;
      FIGURES.forEach((figure, i) => {
        const cell = cells[i]!;
        setText(cell.output, figure.value(totals));
        const converted = c && figure.converted?.(c);
        setText(cell.converted, converted ? convertedText(converted) : '');
        setText(cell.range, range ? rangeText(figure, range.low, range.high) : '');
      });
      setText(currency, c ? `In ${c.code} at ${c.perUsd} ${c.code} per USD (rate of ${c.rateDate}), converted once from exact US cents.` : '');
    },
  };
}
