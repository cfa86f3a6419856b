/**
 * The four headline figures. Each is an `<output>` (role "status") named by its visible label
 * through aria-labelledby; tests find one with `getByRole('status', { name: 'Monthly cost' })`.
 * Only "Monthly cost" announces changes (aria-live polite), so dragging a slider does not queue
 * four announcements per step.
 */
import { h, setText, type Panel } from './dom';
import type { Estimate } from './engine';
import { money, moneyOrDash, percent } from './format';

const FIGURES: { label: string; note: string; value: (e: Estimate) => string }[] = [
  { label: 'Monthly cost', note: 'all lines, after discounts', value: (e) => money(e.totals.monthlyCostCents) },
  { label: 'Cost per customer', note: 'per month', value: (e) => moneyOrDash(e.totals.costPerCustomerCents) },
  { label: 'Cost as % of ACV', note: 'annual cost over contract value', value: (e) => percent(e.totals.costPctOfAcv) },
  { label: 'Gross margin', note: '(revenue − cost) / revenue', value: (e) => percent(e.totals.grossMarginPct) },
];

/** Builds the figures in `root` and returns the panel that updates their text. */
export function createHeadline(root: HTMLElement): Panel {
  const outputs = FIGURES.map((figure, i) => {
    const id = `figure-${i}`;
    const output = h('output', { attrs: { 'aria-labelledby': id, 'aria-live': i === 0 ? 'polite' : 'off' } });
    root.append(
      h('div', { className: 'figure' }, h('span', { id, className: 'figure-label' }, figure.label), output, h('span', { className: 'figure-note' }, figure.note)),
    );
    return output;
  });
  return {
    render(estimate) {
      FIGURES.forEach((figure, i) => setText(outputs[i]!, figure.value(estimate)));
    },
  };
}
